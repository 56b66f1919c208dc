namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// The check an enrollment passes before it is stored: after the enrollment touches have built the
    /// vault, the owner touches again, and the new helper data must release its key for at least
    /// <see cref="Required"/> of <see cref="Touches"/> fresh touches. A finger that does not is refused
    /// (<see cref="Protocol.WireStatus.EnrollmentNotConfirmed"/>) and nothing is written.
    /// </summary>
    /// <remarks>
    /// Why: rejections cluster by finger, so a lockout count sized on the pooled rate cannot protect the
    /// owner of a finger the vault rarely recognises (FVC2002 DB1_B crops: finger 103 rejected 8 of 8;
    /// averaged over fingers, P(20 rejections in a row) is about 0.11). The check screens such fingers at
    /// enrollment, where a refusal costs a retry, not the card.
    /// Sizing (tools/FingerprintEval prints the table, "enrollment confirmation"): with finger f accepted
    /// at its measured per-touch rate p_f, an enrollment passes with P(Binomial(n, p_f) &gt;= m), and the
    /// owners who pass see the pass-weighted mixture of the fingers' rates. On the crops at the card's
    /// operating point (41 of 80 rejected) 4 of 6 is the check with the fewest refusals among those of at
    /// most 6 touches that keep the passing owners' P(19 rejections in a row) (the lockout,
    /// <see cref="ApprovalPolicy.LockoutTouches"/>) at or below 1e-4: 9.2e-5, refusing 57 % of
    /// enrollments; the passing owners' FRR is 30.4 % instead of 51.2 %. The card stops early: after
    /// <see cref="Required"/> matches, or once the touches left cannot reach it.
    /// Touches the quality gate refuses are not counted (they were never compared), as in an approval.
    /// </remarks>
    public static class EnrollmentConfirmation
    {
        /// <summary>Confirmation touches the card asks for at most (n).</summary>
        public const int Touches = 6;

        /// <summary>Confirmation touches that must release the new vault's key (m).</summary>
        public const int Required = 4;
    }
}
