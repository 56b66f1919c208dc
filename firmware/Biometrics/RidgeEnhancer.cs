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
        /// Normalises <paramref name="image"/> in place (it is consumed) and writes the ridge map
        /// into <see cref="Workspace.Ridges"/>; returns the number of ridge pixels.
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

        private static int Filter(byte[] image, Workspace w, GaborBank bank)
        {
            const int side = FrameGeometry.Side;
            const int r = GaborBank.Radius;
            const int k = GaborBank.KernelSide;
            int ridgePixels = 0;
            for (int y = 0; y < side; y++)
            {
                int by = y / FrameGeometry.BlockSide;
                for (int x = 0; x < side; x++)
                {
                    int p = y * side + x;
                    int b = by * FrameGeometry.Blocks + x / FrameGeometry.BlockSide;
                    w.Ridges[p] = 0;
                    if (w.Foreground[b] == 0 || y < r || y >= side - r || x < r || x >= side - r)
                    {
                        continue;
                    }

                    float[] kernel = bank.Kernels[GaborBank.IndexOf(w.Orientation[b])];
                    float response = 0f;
                    for (int ky = 0; ky < k; ky++)
                    {
                        int row = (y + ky - r) * side + x - r;
                        int kr = ky * k;
                        for (int kx = 0; kx < k; kx++)
                        {
                            response += kernel[kr + kx] * image[row + kx];
                        }
                    }

                    if (response < 0f)
                    {
                        w.Ridges[p] = 1;
                        ridgePixels++;
                    }
                }
            }

            PipelineCounters.Add(ref PipelineCounters.FilterTaps, (long)side * side * k * k);
            return ridgePixels;
        }
    }
}
