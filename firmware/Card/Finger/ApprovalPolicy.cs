namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// How many failed touches the card allows before it locks, derived from the fingerprint
    /// evaluation's measured rates (tools/FingerprintEval; firmware/Biometrics/README.md):
    /// <list type="bullet">
    /// <item>an approval takes touches until one reproduces the finger key or the card locks; the phone
    /// shows the touches left (<see cref="KeyStore.TouchCounter.Remaining"/>);</item>
    /// <item>a touch that reached the extractor and did not reproduce the key counts as one failure; a
    /// capture the quality gate refused (never compared with the enrolled finger) is given back, a
    /// missing finger costs nothing; a success clears the count;</item>
    /// <item>after <see cref="LockoutTouches"/> failures in a row the card locks until a factory reset.
    /// The count is charged on the one-way counter before a touch is evaluated (power-safe:
    /// <see cref="KeyStore.TouchCounter"/>).</item>
    /// </list>
    /// Sizing: the owner locks the card during one approval (starting from a cleared count) with
    /// probability FRR^L, which must be at most 1 in 10,000; an attacker holding the card and trying
    /// strangers' fingers gets at most L touches, each accepted with probability at most FAR, so he
    /// succeeds with probability at most 1 - (1 - FAR)^L &lt;= L x FAR, which must be at most 1 in 1,000.
    /// L is the smallest count that meets the first bound with the FRR's 95 % upper bound; the
    /// FAR bound the second one needs is then stated (<see cref="FalseAcceptancePerMillion"/>).
    /// Rejections cluster by finger, so the owner's bound is also held with each finger's own rate:
    /// only owners whose enrollment confirmed keep a card (<see cref="EnrollmentConfirmation"/>, m of n
    /// fresh touches open the new vault), and they lock it with the pass-weighted mean of r_f^L over
    /// fingers f. On the FVC2002 DB1_B crops (per-finger rejections 3, 4, 8, 6, 2, 2, 1, 7, 4, 4 of 8)
    /// at 4 of 6 that is 9.2e-5 at L = 19 and 1.1e-4 at L = 18, so the same L is the smallest either
    /// way; without the check it is 0.11 (a finger rejected 8 of 8 locks for sure). The attacker's
    /// bound does not change: the confirmation stores nothing an attacker could try.
    /// </summary>
    public static class ApprovalPolicy
    {
        /// <summary>
        /// Per-touch false rejection rate the lockout is sized for, in parts per million: the one-sided
        /// 95 % (Wilson) upper bound of the worst measured set, FVC2002 DB1_B crops at the card's
        /// operating point (K = 22, 7-touch enrollment, leave one out), 41 of 80 genuine touches rejected
        /// (51.2 %; failures to acquire counted as rejections, though the card gives a refused capture
        /// back): 0.602505, rounded up.
        /// </summary>
        public const int FalseRejectionPerMillion = 602506;

        /// <summary>
        /// Per-touch false acceptance rate the attacker's bound uses, in parts per million: the rule of
        /// three (one-sided 95 % upper bound at 0 of N) over 0 of 283,936 impostor touches at the card's
        /// operating point (FVC2002 DB1_B crops 5,472, 60 synthetic capacitive fingers 222,784 and 30
        /// optical 55,680, leave one out; the 30 capacitive fingers measured before are among the 60):
        /// 3 / 283,936 = 10.6 ppm, rounded up.
        /// </summary>
        public const int FalseAcceptancePerMillion = 11;

        /// <summary>
        /// Failed touches in a row that lock the card (<see cref="CardConfig.MaxFailedTouches"/>): the
        /// smallest L with 0.6025^L at most 1e-4 (0.6025^19 = 6.6e-5; 0.6025^18 = 1.1e-4). The attacker then
        /// succeeds with probability at most 1 - (1 - 11e-6)^19 = 2.1e-4.
        /// </summary>
        public const int LockoutTouches = 19;
    }
}
