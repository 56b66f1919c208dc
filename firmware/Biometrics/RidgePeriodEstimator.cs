namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Estimates the ridge period of one capture from the normalised image (Hong, Wan and Jain 1998,
    /// section 2.4, "x-signature"): in an oriented window centred on a block, Length pixels across
    /// the ridges and Width along them, the grey levels averaged along the ridge form a sinusoid
    /// whose peak spacing is the local period. The capture's period is the median of the blocks'
    /// periods, quantised to a quarter pixel, clamped to [MinPeriod, MaxPeriod]; the Gabor bank is
    /// retuned to it (<see cref="GaborBank.Tune"/>). Blocks count if they are finger, at least
    /// MinCoherence coherent and their window lies inside the frame.
    /// </summary>
    /// <remarks>Security: the period is biometric; the signature and histogram rows are wiped here, the tuned kernels by <see cref="GaborBank.Clear"/>.</remarks>
    internal static class RidgePeriodEstimator
    {
        /// <summary>
        /// Least coherence of a block whose period counts: less lets noisy blocks vote, more leaves too
        /// few blocks (the measurements: tools/docs/experiments.md).
        /// </summary>
        public const float MinCoherence = 0.5f;

        /// <summary>Period assumed when too few blocks give one (pixels).</summary>
        public const float Fallback = CaptureAnalyzer.RidgePeriod;

        /// <summary>Least period the bank is tuned to (pixels).</summary>
        public const float MinPeriod = 7f;

        /// <summary>Greatest period the bank is tuned to (pixels).</summary>
        public const float MaxPeriod = 12f;

        /// <summary>Least number of blocks with a period for the estimate to count.</summary>
        public const int MinBlocks = 16;

        /// <summary>Window across the ridges (pixels).</summary>
        public const int Length = 32;

        /// <summary>Window along the ridges (pixels).</summary>
        public const int Width = 16;

        private const float BinWidth = 0.25f;
        private const float LowestPeriod = 4f;

        /// <summary>Quarter-pixel bins of the blocks' period histogram, from LowestPeriod up.</summary>
        internal const int Bins = 48;

        /// <summary>
        /// The capture's period when the median block falls in <paramref name="bin"/>: the bin's centre,
        /// clamped to [MinPeriod, MaxPeriod]. With <see cref="Fallback"/>, every value
        /// <see cref="Estimate"/> returns (the native Gabor banks are tabled for exactly these).
        /// </summary>
        internal static float PeriodOfBin(int bin)
        {
            float period = LowestPeriod + (bin + 0.5f) * BinWidth;
            return period < MinPeriod ? MinPeriod : (period > MaxPeriod ? MaxPeriod : period);
        }

        /// <summary>
        /// The capture's ridge period in pixels. Uses the workspace's pending smoothing rows (idle
        /// between the normalisation and the thinning) for the signature and the histogram, and wipes them.
        /// </summary>
        public static float Estimate(byte[] image, Workspace w)
        {
            const int side = FrameGeometry.Side;
            const int blocks = FrameGeometry.Blocks;
            float[] signature = w.PendingCos2;
            float[] histogram = w.PendingSin2;
            System.Array.Clear(histogram, 0, Bins);
            int counted = 0;
            for (int b = 0; b < FrameGeometry.BlockCount; b++)
            {
                if (w.Foreground[b] == 0 || w.Coherence[b] < MinCoherence)
                {
                    continue;
                }

                float ax;
                float ay;
                Angles.Direction(w.OrientationSin2[b], w.OrientationCos2[b], out ax, out ay);
                float cx = (b % blocks) * FrameGeometry.BlockSide + FrameGeometry.BlockSide / 2f;
                float cy = (b / blocks) * FrameGeometry.BlockSide + FrameGeometry.BlockSide / 2f;
                bool inside = true;
                for (int k = 0; k < Length && inside; k++)
                {
                    float sum = 0f;
                    float t = k - Length / 2f;
                    for (int d = 0; d < Width; d++)
                    {
                        float u = d - Width / 2f;
                        int x = (int)(cx + u * ax - t * ay + 0.5f);
                        int y = (int)(cy + u * ay + t * ax + 0.5f);
                        if (x < 0 || y < 0 || x >= side || y >= side)
                        {
                            inside = false;
                            break;
                        }

                        sum += image[y * side + x];
                    }

                    signature[k] = sum;
                }

                if (!inside)
                {
                    continue;
                }

                float period = PeakSpacing(signature);
                if (period < LowestPeriod)
                {
                    continue;
                }

                int bin = (int)((period - LowestPeriod) / BinWidth);
                if (bin >= Bins)
                {
                    continue;
                }

                histogram[bin] += 1f;
                counted++;
            }

            float result = Fallback;
            if (counted >= MinBlocks)
            {
                float half = counted / 2f;
                float acc = 0f;
                for (int i = 0; i < Bins; i++)
                {
                    acc += histogram[i];
                    if (acc >= half)
                    {
                        result = PeriodOfBin(i);
                        break;
                    }
                }
            }

            Workspace.WipeFloats(signature);
            Workspace.WipeFloats(histogram);
            return result;
        }

        // Mean spacing of the local maxima and of the local minima of the signature (after a
        // [1 2 1] smoothing); 0 if fewer than two of either.
        private static float PeakSpacing(float[] s)
        {
            int firstMax = -1, lastMax = -1, maxima = 0;
            int firstMin = -1, lastMin = -1, minima = 0;
            float prev = (s[0] * 3f + s[1]) / 4f;
            float cur = (s[0] + 2f * s[1] + s[2]) / 4f;
            for (int k = 1; k < Length - 1; k++)
            {
                float next = k + 2 < Length ? (s[k] + 2f * s[k + 1] + s[k + 2]) / 4f : (s[k] + 3f * s[k + 1]) / 4f;
                if (cur > prev && cur >= next)
                {
                    if (firstMax < 0) { firstMax = k; }
                    lastMax = k;
                    maxima++;
                }
                else if (cur < prev && cur <= next)
                {
                    if (firstMin < 0) { firstMin = k; }
                    lastMin = k;
                    minima++;
                }

                prev = cur;
                cur = next;
            }

            int gaps = (maxima > 1 ? maxima - 1 : 0) + (minima > 1 ? minima - 1 : 0);
            if (gaps == 0)
            {
                return 0f;
            }

            int span = (maxima > 1 ? lastMax - firstMax : 0) + (minima > 1 ? lastMin - firstMin : 0);
            return (float)span / gaps;
        }
    }
}
