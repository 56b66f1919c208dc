namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The session id of a protocol run, fixed jointly by every party that takes part:
    /// sid = SHA-256(tag ‖ protocol ‖ count ‖ c_1 ‖ … ‖ c_count) over each party's 32-byte contribution, in
    /// the parties' index order. See README "Session ids".
    /// </summary>
    /// <remarks>
    /// Security: a party that draws its contribution fresh for the run (and, on the card, also from a
    /// persistent counter) knows that no earlier run had the same id, whatever the others sent: every PRG
    /// expansion and random-oracle call of the run hashes the id, so OT pads never repeat across runs. The
    /// contributions are public; the party must draw its own before any of its messages depends on the id.
    /// </remarks>
    public static class JointSessionId
    {
        /// <summary>Bytes of one party's contribution.</summary>
        public const int ContributionBytes = 32;

        /// <summary>The id of a signing run (<see cref="SignParty"/>) from the two signers' contributions, lower index first.</summary>
        /// <exception cref="ThresholdException">InvalidParameters for a missing or wrongly sized contribution.</exception>
        public static byte[] ForSigning(byte[][] contributions)
        {
            return Derive(Wire.ProtocolSign, contributions);
        }

        /// <summary>The id of a key generation (<see cref="DkgParty"/>) from every party's contribution in index order.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public static byte[] ForKeyGeneration(byte[][] contributions)
        {
            return Derive(Wire.ProtocolDkg, contributions);
        }

        /// <summary>The id of a refresh (<see cref="DkgParty.ForRefresh"/>) from every party's contribution in index order.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public static byte[] ForRefresh(byte[][] contributions)
        {
            return Derive(Wire.ProtocolRefresh, contributions);
        }

        /// <summary>The id of a recovery (<see cref="DkgParty.ForRecovery"/>, <see cref="DkgParty.ForLostParty"/>) from every party's contribution in index order.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public static byte[] ForRecovery(byte[][] contributions)
        {
            return Derive(Wire.ProtocolRecovery, contributions);
        }

        private static byte[] Derive(byte protocol, byte[][] contributions)
        {
            if (contributions == null || contributions.Length < 2 || contributions.Length > Params.MaxParties)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            Ro ro = new Ro(Tags.JointSessionId).AddInt((protocol << 8) | contributions.Length);
            for (int i = 0; i < contributions.Length; i++)
            {
                if (contributions[i] == null || contributions[i].Length != ContributionBytes)
                {
                    throw new ThresholdException(ThresholdError.InvalidParameters, 0);
                }

                ro.Add(contributions[i]);
            }

            return ro.Finish();
        }
    }
}
