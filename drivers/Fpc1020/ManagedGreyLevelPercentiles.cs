using System;

namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// The reference <see cref="IGreyLevelPercentiles"/>: a 256-entry histogram, then a cumulative walk per rank.
    /// About 17 IL a pixel on the card's interpreter (626,000 IL a frame), which is why the card runs the
    /// native one; this stays the reference both are tested against.
    /// </summary>
    /// <remarks>Security: the histogram is cleared before every return.</remarks>
    public sealed class ManagedGreyLevelPercentiles : IGreyLevelPercentiles
    {
        private readonly int[] _histogram = new int[256];

        /// <inheritdoc/>
        public void Levels(byte[] image, int count, int[] ranks, int[] levels)
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    _histogram[image[i]]++;
                }

                for (int r = 0; r < ranks.Length; r++)
                {
                    levels[r] = Percentile(ranks[r]);
                }
            }
            finally
            {
                Array.Clear(_histogram, 0, _histogram.Length);
            }
        }

        // The grey level below which at most `rank` pixels lie (the rank-th pixel in ascending order, 0-based).
        private int Percentile(int rank)
        {
            int seen = 0;
            for (int level = 0; level < 256; level++)
            {
                seen += _histogram[level];
                if (seen > rank)
                {
                    return level;
                }
            }

            return 255;
        }
    }
}
