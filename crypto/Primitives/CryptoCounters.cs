namespace CardFirmware.Crypto
{
    /// <summary>
    /// Operation counts read by the benchmarks (hash compressions, AEAD blocks, HMAC calls, and
    /// the secp256k1 field operations). Counting is off unless <see cref="Enabled"/> is set, so the
    /// cost on the card is one static bool test per counted operation.
    /// </summary>
    /// <remarks>
    /// Not thread-safe: plain increments on static fields (nanoFramework has no
    /// <c>Interlocked</c> for 64-bit values). Benchmarks enable counting, call <see cref="Reset"/>,
    /// run single-threaded, then read the fields.
    /// Security: the counts depend only on public lengths, never on secret values.
    /// </remarks>
    public static class CryptoCounters
    {
        /// <summary>When false (the default) no counter is touched.</summary>
        public static bool Enabled;

        /// <summary>SHA-256 compression function calls (one per 64-byte block).</summary>
        public static long Sha256Compressions;

        /// <summary>SHA-512 compression function calls (one per 128-byte block).</summary>
        public static long Sha512Compressions;

        /// <summary>HMAC-SHA256 messages finalised (one per tag produced).</summary>
        public static long HmacSha256Calls;

        /// <summary>HMAC-SHA512 messages finalised (one per tag produced).</summary>
        public static long HmacSha512Calls;

        /// <summary>ChaCha20 block function calls (one per 64 bytes of keystream, plus the Poly1305 key block).</summary>
        public static long ChaCha20Blocks;

        /// <summary>Poly1305 16-byte block absorptions.</summary>
        public static long Poly1305Blocks;

        /// <summary>AES block encryptions by the managed implementation.</summary>
        public static long AesBlocks;

        /// <summary>secp256k1 field multiplications (squarings included); maintained by crypto/Secp256k1.</summary>
        public static long FieldMultiplications;

        /// <summary>secp256k1 field inversions; maintained by crypto/Secp256k1.</summary>
        public static long FieldInversions;

        /// <summary>secp256k1 scalar multiplications mod n; maintained by crypto/Secp256k1.</summary>
        public static long ScalarMultiplications;

        /// <summary>secp256k1 scalar inversions mod n; maintained by crypto/Secp256k1.</summary>
        public static long ScalarInversions;

        /// <summary>secp256k1 point multiplications (k*P or k*G); maintained by crypto/Secp256k1.</summary>
        public static long PointMultiplications;

        /// <summary>Sets every counter to zero (does not change <see cref="Enabled"/>).</summary>
        public static void Reset()
        {
            Sha256Compressions = 0;
            Sha512Compressions = 0;
            HmacSha256Calls = 0;
            HmacSha512Calls = 0;
            ChaCha20Blocks = 0;
            Poly1305Blocks = 0;
            AesBlocks = 0;
            FieldMultiplications = 0;
            FieldInversions = 0;
            ScalarMultiplications = 0;
            ScalarInversions = 0;
            PointMultiplications = 0;
        }
    }
}
