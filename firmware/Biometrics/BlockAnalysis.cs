namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Block-level analysis of a frame: grey-level statistics, finger/background segmentation and
    /// the ridge orientation field from block gradients (least-squares doubled-angle estimate,
    /// Rao 1990; Hong, Wan and Jain, IEEE PAMI 20(8) 1998, section 2.2).
    /// </summary>
    /// <remarks>
    /// Each 8 x 8 block is described by the 16 x 16 window centred on it, so neighbouring blocks
    /// overlap and the field is smooth. Orientation is stored as doubled-angle vectors
    /// (cos 2θ, sin 2θ) because ridge orientation is only defined modulo π.
    /// </remarks>
    internal static class BlockAnalysis
    {
        /// <summary>Below this grey-level standard deviation a block is bare sensor or flat skin.</summary>
        public const float MinForegroundStd = 14f;

        /// <summary>Above this mean grey level a block is bare sensor (background is 255).</summary>
        public const float MaxForegroundMean = 235f;

        /// <summary>
        /// Orientation smoothing window: (2r+1) x (2r+1) blocks, coherence-weighted; 5 x 5 blocks (40 px,
        /// about four ridge periods) as in the low-pass step of Hong, Wan and Jain 1998, section 2.2. The
        /// minutia directions come from this field, and a 3 x 3 window left them noisy between touches.
        /// </summary>
        public const int SmoothRadius = 2;

        private const int Margin = 4;

        /// <summary>Fills the foreground mask, orientation and coherence of <paramref name="image"/>.</summary>
        public static void Run(byte[] image, Workspace w)
        {
            Segment(image, w);
            ComputeOrientation(image, w);
        }

        /// <summary>
        /// Mean and standard deviation of the grey levels of <paramref name="image"/> in the 16 x 16
        /// window around block <paramref name="b"/> (clipped at the frame edge). Not stored per block:
        /// the segmentation, the quality gate and the normalisation each recompute what they need,
        /// with the same operations, so they see the same values a table would have held.
        /// </summary>
        public static void Statistics(byte[] image, int b, out float mean, out float std)
        {
            const int side = FrameGeometry.Side;
            int bx = b % FrameGeometry.Blocks;
            int by = b / FrameGeometry.Blocks;
            int x0 = Clamp(bx * FrameGeometry.BlockSide - Margin, 0, side);
            int x1 = Clamp((bx + 1) * FrameGeometry.BlockSide + Margin, 0, side);
            int y0 = Clamp(by * FrameGeometry.BlockSide - Margin, 0, side);
            int y1 = Clamp((by + 1) * FrameGeometry.BlockSide + Margin, 0, side);
            int sum = 0;
            int sumSquares = 0;
            for (int y = y0; y < y1; y++)
            {
                int row = y * side;
                for (int x = x0; x < x1; x++)
                {
                    int v = image[row + x];
                    sum += v;
                    sumSquares += v * v;
                }
            }

            int n = (x1 - x0) * (y1 - y0);
            mean = (float)sum / n;
            float variance = (float)sumSquares / n - mean * mean;
            std = variance > 0f ? (float)System.Math.Sqrt(variance) : 0f;
        }

        private static void Segment(byte[] image, Workspace w)
        {
            const int blocks = FrameGeometry.Blocks;
            // The threshold mask borrows the kernel indices, which the smoothing fills later.
            byte[] mask = w.KernelIndex;
            for (int b = 0; b < FrameGeometry.BlockCount; b++)
            {
                float mean;
                float std;
                Statistics(image, b, out mean, out std);
                mask[b] = (byte)(std >= MinForegroundStd && mean <= MaxForegroundMean ? 1 : 0);
            }

            // One 3 x 3 majority vote removes isolated specks and fills pin holes in the mask.
            for (int by = 0; by < blocks; by++)
            {
                for (int bx = 0; bx < blocks; bx++)
                {
                    int votes = 0;
                    int cells = 0;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int yy = by + dy;
                            int xx = bx + dx;
                            if (yy >= 0 && yy < blocks && xx >= 0 && xx < blocks)
                            {
                                votes += mask[yy * blocks + xx];
                                cells++;
                            }
                        }
                    }

                    w.Foreground[by * blocks + bx] = (byte)(2 * votes > cells ? 1 : 0);
                }
            }
        }

        private static void ComputeOrientation(byte[] image, Workspace w)
        {
            const int side = FrameGeometry.Side;
            const int blocks = FrameGeometry.Blocks;
            for (int by = 0; by < blocks; by++)
            {
                for (int bx = 0; bx < blocks; bx++)
                {
                    int b = by * blocks + bx;
                    w.OrientationCos2[b] = 0f;
                    w.OrientationSin2[b] = 0f;
                    w.Coherence[b] = 0f;
                    if (w.Foreground[b] == 0)
                    {
                        continue;
                    }

                    int x0 = Clamp(bx * FrameGeometry.BlockSide - Margin, 1, side - 1);
                    int x1 = Clamp((bx + 1) * FrameGeometry.BlockSide + Margin, 1, side - 1);
                    int y0 = Clamp(by * FrameGeometry.BlockSide - Margin, 1, side - 1);
                    int y1 = Clamp((by + 1) * FrameGeometry.BlockSide + Margin, 1, side - 1);
                    float gxx = 0f;
                    float gxy = 0f;
                    float energy = 0f;
                    for (int y = y0; y < y1; y++)
                    {
                        for (int x = x0; x < x1; x++)
                        {
                            int p = y * side + x;
                            int a = image[p - side - 1];
                            int c = image[p - side + 1];
                            int g = image[p + side - 1];
                            int i = image[p + side + 1];
                            // Sobel operator.
                            int gx = (c + 2 * image[p + 1] + i) - (a + 2 * image[p - 1] + g);
                            int gy = (g + 2 * image[p + side] + i) - (a + 2 * image[p - side] + c);
                            float fx = gx;
                            float fy = gy;
                            gxx += fx * fx - fy * fy;
                            gxy += 2f * fx * fy;
                            energy += fx * fx + fy * fy;
                        }
                    }

                    float magnitude = (float)System.Math.Sqrt(gxx * gxx + gxy * gxy);
                    if (energy > 0f && magnitude > 0f)
                    {
                        w.Coherence[b] = magnitude / energy;
                        w.OrientationCos2[b] = gxx / magnitude;
                        w.OrientationSin2[b] = gxy / magnitude;
                    }
                }
            }

            SmoothOrientation(w);
        }

        // Averages the unit doubled-angle gradient vectors over (2r+1) x (2r+1) blocks, then turns
        // the gradient direction into the ridge direction (perpendicular: 2θ + π flips both signs).
        // In place: the gradient vectors are in OrientationCos2/Sin2; the smoothed row by waits in
        // the workspace's pending rows until row by + r is done (its input rows are then no longer
        // needed) and only then overwrites them, so every sum reads the unsmoothed vectors.
        private static void SmoothOrientation(Workspace w)
        {
            const int blocks = FrameGeometry.Blocks;
            for (int by = 0; by < blocks; by++)
            {
                int slot = (by % Workspace.SmoothRows) * blocks;
                for (int bx = 0; bx < blocks; bx++)
                {
                    int b = by * blocks + bx;
                    float c = 0f;
                    float s = 0f;
                    if (w.Foreground[b] != 0)
                    {
                        for (int dy = -SmoothRadius; dy <= SmoothRadius; dy++)
                        {
                            for (int dx = -SmoothRadius; dx <= SmoothRadius; dx++)
                            {
                                int yy = by + dy;
                                int xx = bx + dx;
                                if (yy >= 0 && yy < blocks && xx >= 0 && xx < blocks)
                                {
                                    int n = yy * blocks + xx;
                                    float weight = w.Coherence[n];
                                    c += weight * w.OrientationCos2[n];
                                    s += weight * w.OrientationSin2[n];
                                }
                            }
                        }
                    }

                    float norm = (float)System.Math.Sqrt(c * c + s * s);
                    if (norm > 0f)
                    {
                        w.PendingCos2[slot + bx] = -c / norm;
                        w.PendingSin2[slot + bx] = -s / norm;
                        w.KernelIndex[b] = (byte)GaborBank.IndexOf(Angles.HalfAngle(-s, -c));
                    }
                    else
                    {
                        w.PendingCos2[slot + bx] = 0f;
                        w.PendingSin2[slot + bx] = 0f;
                        w.KernelIndex[b] = (byte)GaborBank.IndexOf(0f);
                    }
                }

                if (by >= SmoothRadius)
                {
                    WriteBack(w, by - SmoothRadius);
                }
            }

            for (int by = blocks - SmoothRadius; by < blocks; by++)
            {
                WriteBack(w, by);
            }

            Workspace.WipeFloats(w.PendingCos2);
            Workspace.WipeFloats(w.PendingSin2);
        }

        private static void WriteBack(Workspace w, int by)
        {
            const int blocks = FrameGeometry.Blocks;
            int slot = (by % Workspace.SmoothRows) * blocks;
            System.Array.Copy(w.PendingCos2, slot, w.OrientationCos2, by * blocks, blocks);
            System.Array.Copy(w.PendingSin2, slot, w.OrientationSin2, by * blocks, blocks);
        }

        internal static int Clamp(int v, int lo, int hi)
        {
            return v < lo ? lo : (v > hi ? hi : v);
        }
    }
}
