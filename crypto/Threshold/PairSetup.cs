namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The OT material a party keeps for one peer (DKLs23 "pairwise setup"): both seeds of every base OT
    /// where it is the OT-extension receiver (Bob), and Δ with one seed per base OT where it is the
    /// extension sender (Alice). 3 096 + 6 144 + 1 bytes.
    /// </summary>
    /// <remarks>Security: all seeds and Δ are secret; <see cref="Clear"/> wipes them.</remarks>
    public sealed class PairSetup
    {
        /// <summary>Bytes of the serialized form: peer(1) ‖ seeds0 ‖ seeds1 ‖ Δ ‖ seedsΔ.</summary>
        public const int SerializedBytes = 1 + (3 * Params.OtWidth * Params.SeedBytes) + Params.RowBytes;

        internal PairSetup(int peer, byte[] bobSeeds0, byte[] bobSeeds1, byte[] aliceDelta, byte[] aliceSeeds)
        {
            Peer = peer;
            BobSeeds0 = bobSeeds0;
            BobSeeds1 = bobSeeds1;
            AliceDelta = aliceDelta;
            AliceSeeds = aliceSeeds;
        }

        /// <summary>1-based index of the peer.</summary>
        public int Peer { get; }

        internal byte[] BobSeeds0 { get; }

        internal byte[] BobSeeds1 { get; }

        internal byte[] AliceDelta { get; }

        internal byte[] AliceSeeds { get; }

        /// <summary>Wipes every seed and Δ.</summary>
        public void Clear()
        {
            Wipe.Bytes(BobSeeds0);
            Wipe.Bytes(BobSeeds1);
            Wipe.Bytes(AliceDelta);
            Wipe.Bytes(AliceSeeds);
        }

        /// <summary>Returns "&lt;redacted&gt;": seeds never appear in text.</summary>
        public override string ToString()
        {
            return "<redacted>";
        }
    }
}
