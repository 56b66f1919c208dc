namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// secp256k1 counters that <see cref="CryptoCounters"/> lacks. Multiplications, inversions and
    /// point multiplications are counted in <see cref="CryptoCounters"/> (squarings are included in
    /// <see cref="CryptoCounters.FieldMultiplications"/> and also counted here on their own).
    /// </summary>
    /// <remarks>Only touched when <see cref="CryptoCounters.Enabled"/> is set; not thread-safe.</remarks>
    public static class Secp256k1Counters
    {
        /// <summary>Field squarings (a subset of <see cref="CryptoCounters.FieldMultiplications"/>).</summary>
        public static long FieldSquarings;

        /// <summary>Sets the counters of this class to zero.</summary>
        public static void Reset()
        {
            FieldSquarings = 0;
        }

        /// <summary>Counts one point multiplication when counting is on.</summary>
        internal static void CountPointMultiplication()
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.PointMultiplications++;
            }
        }
    }
}
