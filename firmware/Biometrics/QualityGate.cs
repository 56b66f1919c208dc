namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Decides from the block analysis whether a capture is worth processing, and why not. Runs
    /// before enhancement so a bad touch costs little, and again after minutia extraction.
    /// </summary>
    internal static class QualityGate
    {
        /// <summary>Below this fraction of finger blocks the sensor is treated as untouched.</summary>
        public const float EmptyAreaFraction = 0.05f;

        /// <summary>The finger must cover at least this fraction of the window (0.45 = 45%).</summary>
        public const float MinAreaFraction = 0.45f;

        /// <summary>Mean grey-level deviation of finger blocks below which ridges are too faint.</summary>
        public const float MinMeanContrast = 22f;

        /// <summary>Mean orientation coherence of finger blocks below which ridges are smeared.</summary>
        public const float MinMeanCoherence = 0.25f;

        /// <summary>Fewest minutiae that can build or open a template.</summary>
        public const int MinMinutiae = 6;

        /// <summary>
        /// The gate's inputs from the block analysis in <paramref name="w"/> of the (not yet normalised)
        /// <paramref name="image"/>: returns the finger blocks; <paramref name="sums"/>[0] gets the sum of
        /// their grey-level deviations, [1] of their coherences, each added in block order.
        /// </summary>
        public static int BlockSums(byte[] image, Workspace w, float[] sums)
        {
            int foreground = 0;
            float contrast = 0f;
            float coherence = 0f;
            for (int b = 0; b < FrameGeometry.BlockCount; b++)
            {
                if (w.Foreground[b] != 0)
                {
                    float mean;
                    float std;
                    BlockAnalysis.Statistics(image, b, out mean, out std);
                    foreground++;
                    contrast += std;
                    coherence += w.Coherence[b];
                }
            }

            sums[0] = contrast;
            sums[1] = coherence;
            return foreground;
        }

        /// <summary>The verdict on <paramref name="foreground"/> finger blocks with the deviation and coherence sums of <see cref="BlockSums"/>.</summary>
        public static QualityError AssessBlocks(int foreground, float contrast, float coherence)
        {
            float area = (float)foreground / FrameGeometry.BlockCount;
            if (area < EmptyAreaFraction)
            {
                return QualityError.Empty;
            }

            if (area < MinAreaFraction)
            {
                return QualityError.Partial;
            }

            if (contrast / foreground < MinMeanContrast)
            {
                return QualityError.LowContrast;
            }

            if (coherence / foreground < MinMeanCoherence)
            {
                return QualityError.Smeared;
            }

            return QualityError.None;
        }

        /// <summary>The verdict on the extracted minutiae.</summary>
        public static QualityError AssessMinutiae(MinutiaSet set)
        {
            return set.Count < MinMinutiae ? QualityError.TooFewFeatures : QualityError.None;
        }
    }
}
