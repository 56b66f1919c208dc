namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Coarse operation counts of the biometric pipeline, read by the evaluation tool to estimate
    /// card running time. Off unless <see cref="Enabled"/> is set. Counts depend on image size and
    /// minutia counts, which are not secret beyond what the timing already shows.
    /// </summary>
    public static class PipelineCounters
    {
        /// <summary>When false (default) nothing is counted.</summary>
        public static bool Enabled;

        /// <summary>Pixel reads of the block statistics and gradient passes.</summary>
        public static long PixelReads;

        /// <summary>Gabor filter multiply-adds (upper bound: every pixel's full kernel).</summary>
        public static long FilterTaps;

        /// <summary>Pixel visits of the thinning passes.</summary>
        public static long ThinningVisits;

        /// <summary>Minutia-triplet features encoded (each costs one HMAC-SHA256 per variant).</summary>
        public static long FeaturesEncoded;

        /// <summary>GF(2^32) multiplications in the vault (locking and unlocking).</summary>
        public static long FieldMultiplications;

        /// <summary>Zeroes every count.</summary>
        public static void Reset()
        {
            PixelReads = 0;
            FilterTaps = 0;
            ThinningVisits = 0;
            FeaturesEncoded = 0;
            FieldMultiplications = 0;
        }

        /// <summary>Adds <paramref name="amount"/> to <paramref name="counter"/> when counting is enabled.</summary>
        public static void Add(ref long counter, long amount)
        {
            if (Enabled)
            {
                counter += amount;
            }
        }
    }
}
