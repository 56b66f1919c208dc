namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Global grey-level normalisation of a capture before the block analysis and the quality gate,
    /// so their absolute thresholds (foreground deviation 14, mean contrast 22, bare level 235) judge
    /// ridges and not the sensor's gain: a capacitive frame of a dry finger, or one the driver could not
    /// amplify enough, reads a quarter of an optical frame's contrast. The frame's 2nd-98th percentile
    /// spread is stretched to <see cref="TargetSpread"/>, anchored at the bright end (valleys and bare
    /// sensor stay near white, as the segmentation expects); a frame already spread at least
    /// <see cref="MinSpread"/> is left exactly as it is. The gain is capped at <see cref="MaxGain"/>, so
    /// an untouched sensor's few levels of fixed-pattern noise stay below the foreground threshold.
    /// Integer arithmetic only.
    /// </summary>
    internal static class ContrastStretch
    {
        /// <summary>Percent of the pixels left out at either end of the range (noise, defects, specks).</summary>
        public const int TailPercent = 2;

        /// <summary>Frames spread at least this wide (optical frames, a well-set ADC) are not touched.</summary>
        public const int MinSpread = 96;

        /// <summary>The spread a compressed frame is stretched to.</summary>
        public const int TargetSpread = 176;

        /// <summary>Largest stretch factor.</summary>
        public const int MaxGain = 4;

        /// <summary>
        /// Stretches <paramref name="frame"/> (36,864 bytes) in place if its grey levels are compressed;
        /// returns true if it did. <paramref name="histogram"/> (256 entries) is scratch, wiped on return.
        /// </summary>
        public static bool Run(byte[] frame, ushort[] histogram)
        {
            try
            {
                int count = FrameGeometry.FrameSize;
                for (int i = 0; i < count; i++)
                {
                    histogram[frame[i]]++;
                }

                int tail = count * TailPercent / 100;
                int dark = Percentile(histogram, tail);
                int white = Percentile(histogram, count - 1 - tail);
                int spread = white - dark;
                if (spread >= MinSpread)
                {
                    return false;
                }

                int divisor = spread * MaxGain >= TargetSpread ? spread : (TargetSpread + MaxGain - 1) / MaxGain;
                for (int i = 0; i < count; i++)
                {
                    int depth = white - frame[i];
                    int v = 255 - (depth * TargetSpread + divisor / 2) / divisor;
                    frame[i] = (byte)(v < 0 ? 0 : (v > 255 ? 255 : v));
                }

                return true;
            }
            finally
            {
                System.Array.Clear(histogram, 0, histogram.Length);
            }
        }

        // The grey level of the rank-th darkest pixel (0-based).
        private static int Percentile(ushort[] histogram, int rank)
        {
            int seen = 0;
            for (int level = 0; level < 256; level++)
            {
                seen += histogram[level];
                if (seen > rank)
                {
                    return level;
                }
            }

            return 255;
        }
    }
}
