namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Turns the grey frame into a binary ridge map: block-wise normalisation to zero mean and unit
    /// variance (Hong et al. 1998, section 2.1), then, once the capture's ridge period has tuned the
    /// bank (section 2.4, <see cref="RidgePeriodEstimator"/>), oriented Gabor filtering with the block's
    /// ridge orientation, then the sign of the response (ridges are dark, so a negative response is
    /// ridge). The managed reference of the native kernels (<see cref="IImageKernels"/>).
    /// </summary>
    internal static class RidgeEnhancer
    {
        private const int NormalisedMid = 128;
        private const float NormalisedScale = 40f;

        // In place, one block row at a time. A block's statistics come from the raw pixels of its
        // 16 x 16 window, which reaches 4 rows into the block rows above and below; so the
        // statistics of block row by + 1 are taken before block row by is normalised, and two block
        // rows of them are kept (in the workspace's pending smoothing rows, idle by now).
        /// <summary>Normalises the blocks of <paramref name="image"/> in place to mean 128 and deviation 40 (background blocks to 128).</summary>
        public static void Normalise(byte[] image, Workspace w)
        {
            const int side = FrameGeometry.Side;
            const int blocks = FrameGeometry.Blocks;
            float[] means = w.PendingCos2;
            float[] deviations = w.PendingSin2;
            TakeStatistics(image, 0, means, deviations);
            for (int by = 0; by < blocks; by++)
            {
                if (by + 1 < blocks)
                {
                    TakeStatistics(image, by + 1, means, deviations);
                }

                int slot = (by % 2) * blocks;
                for (int y = by * FrameGeometry.BlockSide; y < (by + 1) * FrameGeometry.BlockSide; y++)
                {
                    for (int x = 0; x < side; x++)
                    {
                        int bx = x / FrameGeometry.BlockSide;
                        int b = by * blocks + bx;
                        int p = y * side + x;
                        float std = deviations[slot + bx];
                        if (w.Foreground[b] == 0 || std <= 0f)
                        {
                            image[p] = NormalisedMid;
                            continue;
                        }

                        float v = NormalisedMid + NormalisedScale * (image[p] - means[slot + bx]) / std;
                        image[p] = (byte)(v < 0f ? 0 : (v > 255f ? 255 : (int)v));
                    }
                }
            }

            Workspace.WipeFloats(means);
            Workspace.WipeFloats(deviations);
        }

        private static void TakeStatistics(byte[] image, int by, float[] means, float[] deviations)
        {
            const int blocks = FrameGeometry.Blocks;
            int slot = (by % 2) * blocks;
            for (int bx = 0; bx < blocks; bx++)
            {
                float mean;
                float std;
                BlockAnalysis.Statistics(image, by * blocks + bx, out mean, out std);
                means[slot + bx] = mean;
                deviations[slot + bx] = std;
            }
        }

        // In place: output row y needs input rows y - r .. y + r, so it waits in PendingRows (a ring
        // of r + 1 rows, one bit a pixel) until row y + r is done; then input row y is no longer needed and the
        // output overwrites it. Each response sums the same products in the same order as a
        // separate output buffer would, so the map is the same bit for bit.
        /// <summary>Overwrites the normalised <paramref name="image"/> with its ridge map (1 = ridge); returns the ridge pixels.</summary>
        public static int Filter(byte[] image, Workspace w, GaborBank bank)
        {
            const int side = FrameGeometry.Side;
            const int r = GaborBank.Radius;
            const int k = GaborBank.KernelSide;
            byte[] pending = w.PendingRows;
            int ridgePixels = 0;
            for (int y = 0; y < side; y++)
            {
                int by = y / FrameGeometry.BlockSide;
                int slot = (y % Workspace.FilterRows) * side;
                System.Array.Clear(pending, slot >> 3, side >> 3);
                for (int x = 0; x < side; x++)
                {
                    int b = by * FrameGeometry.Blocks + x / FrameGeometry.BlockSide;
                    if (w.Foreground[b] == 0 || y < r || y >= side - r || x < r || x >= side - r)
                    {
                        continue;
                    }

                    float[] kernel = bank.Kernels;
                    int first = w.KernelIndex[b] * GaborBank.StoredTaps;
                    float response = 0f;
                    // Tap t of the kernel is stored tap t up to the centre, tap k * k - 1 - t after it
                    // (GaborBank keeps half of each point-symmetric kernel); the products are summed
                    // in row-major order as for a full kernel.
                    for (int ky = 0; ky < k; ky++)
                    {
                        int row = (y + ky - r) * side + x - r;
                        int kr = ky * k;
                        if (ky < r)
                        {
                            for (int kx = 0; kx < k; kx++)
                            {
                                response += kernel[first + kr + kx] * image[row + kx];
                            }
                        }
                        else if (ky == r)
                        {
                            for (int kx = 0; kx <= r; kx++)
                            {
                                response += kernel[first + kr + kx] * image[row + kx];
                            }

                            for (int kx = r + 1; kx < k; kx++)
                            {
                                response += kernel[first + (k * k) - 1 - kr - kx] * image[row + kx];
                            }
                        }
                        else
                        {
                            int mirror = first + (k * k) - 1 - kr;
                            for (int kx = 0; kx < k; kx++)
                            {
                                response += kernel[mirror - kx] * image[row + kx];
                            }
                        }
                    }

                    if (response < 0f)
                    {
                        pending[(slot + x) >> 3] |= (byte)(1 << ((slot + x) & 7));
                        ridgePixels++;
                    }
                }

                if (y >= r)
                {
                    WriteBack(pending, image, y - r);
                }
            }

            for (int y = side - r; y < side; y++)
            {
                WriteBack(pending, image, y);
            }

            System.Array.Clear(pending, 0, pending.Length);
            return ridgePixels;
        }

        private static void WriteBack(byte[] pending, byte[] image, int y)
        {
            const int side = FrameGeometry.Side;
            int slot = (y % Workspace.FilterRows) * side;
            int row = y * side;
            for (int x = 0; x < side; x++)
            {
                image[row + x] = (byte)((pending[(slot + x) >> 3] >> ((slot + x) & 7)) & 1);
            }
        }
    }
}
