namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Turns the grey frame into a binary ridge map: block-wise normalisation to zero mean and unit
    /// variance (Hong et al. 1998, section 2.1), then oriented Gabor filtering with the block's
    /// ridge orientation, then the sign of the response (ridges are dark, so a negative response is
    /// ridge).
    /// </summary>
    internal static class RidgeEnhancer
    {
        private const int NormalisedMid = 128;
        private const float NormalisedScale = 40f;

        /// <summary>
        /// Normalises <paramref name="image"/> in place (it is consumed) and overwrites it with the
        /// ridge map (<see cref="Workspace.Ridges"/>); returns the number of ridge pixels.
        /// </summary>
        public static int Run(byte[] image, Workspace w, GaborBank bank)
        {
            Normalise(image, w);
            return Filter(image, w, bank);
        }

        private static void Normalise(byte[] image, Workspace w)
        {
            const int side = FrameGeometry.Side;
            for (int y = 0; y < side; y++)
            {
                int by = y / FrameGeometry.BlockSide;
                for (int x = 0; x < side; x++)
                {
                    int b = by * FrameGeometry.Blocks + x / FrameGeometry.BlockSide;
                    int p = y * side + x;
                    if (w.Foreground[b] == 0 || w.BlockStd[b] <= 0f)
                    {
                        image[p] = NormalisedMid;
                        continue;
                    }

                    float v = NormalisedMid + NormalisedScale * (image[p] - w.BlockMean[b]) / w.BlockStd[b];
                    image[p] = (byte)(v < 0f ? 0 : (v > 255f ? 255 : (int)v));
                }
            }
        }

        // In place: output row y needs input rows y - r .. y + r, so it waits in PendingRows (a ring
        // of r + 1 rows) until row y + r is done; then input row y is no longer needed and the
        // output overwrites it. Each response sums the same products in the same order as a
        // separate output buffer would, so the map is the same bit for bit.
        private static int Filter(byte[] image, Workspace w, GaborBank bank)
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
                for (int x = 0; x < side; x++)
                {
                    int b = by * FrameGeometry.Blocks + x / FrameGeometry.BlockSide;
                    pending[slot + x] = 0;
                    if (w.Foreground[b] == 0 || y < r || y >= side - r || x < r || x >= side - r)
                    {
                        continue;
                    }

                    float[] kernel = bank.Kernels[w.KernelIndex[b]];
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
                                response += kernel[kr + kx] * image[row + kx];
                            }
                        }
                        else if (ky == r)
                        {
                            for (int kx = 0; kx <= r; kx++)
                            {
                                response += kernel[kr + kx] * image[row + kx];
                            }

                            for (int kx = r + 1; kx < k; kx++)
                            {
                                response += kernel[(k * k) - 1 - kr - kx] * image[row + kx];
                            }
                        }
                        else
                        {
                            int mirror = (k * k) - 1 - kr;
                            for (int kx = 0; kx < k; kx++)
                            {
                                response += kernel[mirror - kx] * image[row + kx];
                            }
                        }
                    }

                    if (response < 0f)
                    {
                        pending[slot + x] = 1;
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
            PipelineCounters.Add(ref PipelineCounters.FilterTaps, (long)side * side * k * k);
            return ridgePixels;
        }

        private static void WriteBack(byte[] pending, byte[] image, int y)
        {
            const int side = FrameGeometry.Side;
            System.Array.Copy(pending, (y % Workspace.FilterRows) * side, image, y * side, side);
        }
    }
}
