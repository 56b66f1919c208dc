namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Fixed protocol parameters (see README "Parameters" for the reasoning).</summary>
    internal static class Params
    {
        /// <summary>Signing threshold: any two parties sign (Shamir polynomials of degree 1).</summary>
        public const int Threshold = 2;

        /// <summary>Largest supported number of parties (card, phone, provider).</summary>
        public const int MaxParties = 3;

        /// <summary>Base OTs per ordered pair, and the width in bits of an OT-extension row (KOS κ).</summary>
        public const int OtWidth = 192;

        /// <summary>Bytes in one OT-extension row (OtWidth / 8).</summary>
        public const int RowBytes = OtWidth / 8;

        /// <summary>RVOLE batch ξ = 256 + 2·80 (DKLs23 §5).</summary>
        public const int Batch = 416;

        /// <summary>Extended OTs per multiplication: ξ plus OtWidth padding OTs for the KOS check.</summary>
        public const int ExtendedBatch = Batch + OtWidth;

        /// <summary>Bytes in one OT-extension column (ExtendedBatch / 8).</summary>
        public const int ColumnBytes = ExtendedBatch / 8;

        /// <summary>Alice's RVOLE inputs per multiplication (nonce and key share).</summary>
        public const int VoleWidth = 2;

        /// <summary>Scalars per OT row in Alice's correction: the inputs plus one check mask.</summary>
        public const int VoleColumns = VoleWidth + 1;

        /// <summary>Bytes in a base-OT seed.</summary>
        public const int SeedBytes = 16;

        /// <summary>Bytes in a session id.</summary>
        public const int SessionIdBytes = 32;

        /// <summary>Bytes in a scalar encoding (big-endian).</summary>
        public const int ScalarBytes = 32;

        /// <summary>Bytes in a compressed point encoding (SEC 1).</summary>
        public const int PointBytes = 33;

        /// <summary>Bytes in a hash (SHA-256) output.</summary>
        public const int HashBytes = 32;
    }
}
