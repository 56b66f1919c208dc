namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Finds minutiae on the ridge skeleton by the crossing number (Rutovitz; Maltoni et al.,
    /// Handbook of Fingerprint Recognition, 2nd ed., section 3.7.1): 1 is a ridge ending, 3 a
    /// bifurcation. Minutiae near the edge of the finger or frame, and pairs closer than a ridge
    /// period (spurs, bridges, broken ridges), are dropped; at most
    /// <see cref="MaxKept"/> of the most coherent ones are kept.
    /// </summary>
    internal static class MinutiaExtractor
    {
        /// <summary>Minutiae closer than this to the frame edge are ignored (pixels).</summary>
        public const int FrameMargin = 10;

        /// <summary>Two minutiae this close (pixels) are an artefact pair and both are removed.</summary>
        public const int ArtefactDistance = 9;

        /// <summary>Most minutiae kept per capture after clean-up (the most coherent ones).</summary>
        public const int MaxKept = 48;

        /// <summary>Fills <see cref="Workspace.Minutiae"/> from the skeleton in <see cref="Workspace.Ridges"/>.</summary>
        public static void Run(Workspace w)
        {
            const int side = FrameGeometry.Side;
            byte[] s = w.Ridges;
            MinutiaSet set = w.Minutiae;
            set.Clear();
            for (int y = FrameMargin; y < side - FrameMargin; y++)
            {
                for (int x = FrameMargin; x < side - FrameMargin; x++)
                {
                    int p = y * side + x;
                    if (s[p] == 0 || !InsideFinger(w, x, y))
                    {
                        continue;
                    }

                    int n0 = s[p - side];
                    int n1 = s[p - side + 1];
                    int n2 = s[p + 1];
                    int n3 = s[p + side + 1];
                    int n4 = s[p + side];
                    int n5 = s[p + side - 1];
                    int n6 = s[p - 1];
                    int n7 = s[p - side - 1];
                    int crossings = Diff(n0, n1) + Diff(n1, n2) + Diff(n2, n3) + Diff(n3, n4)
                        + Diff(n4, n5) + Diff(n5, n6) + Diff(n6, n7) + Diff(n7, n0);
                    int type = crossings / 2;
                    if (type != MinutiaSet.Ending && type != MinutiaSet.Bifurcation)
                    {
                        continue;
                    }

                    int b = (y / FrameGeometry.BlockSide) * FrameGeometry.Blocks + x / FrameGeometry.BlockSide;
                    if (!set.Add(x, y, type, OrientationAt(w, x, y), w.Coherence[b]))
                    {
                        // More candidates than capacity: the frame is noise-dominated; the
                        // quality gate downstream rejects it through the reliability ranking.
                        break;
                    }
                }
            }

            RemoveArtefactPairs(set);
            KeepMostReliable(set, MaxKept);
        }

        // A minutia counts only if every block within one block of it is finger, so that the
        // cut-off ridges at the edge of the finger area do not show up as endings.
        private static bool InsideFinger(Workspace w, int x, int y)
        {
            int bx = x / FrameGeometry.BlockSide;
            int by = y / FrameGeometry.BlockSide;
            for (int dy = -1; dy <= 1; dy++)
            {
                for (int dx = -1; dx <= 1; dx++)
                {
                    int yy = by + dy;
                    int xx = bx + dx;
                    if (yy < 0 || yy >= FrameGeometry.Blocks || xx < 0 || xx >= FrameGeometry.Blocks)
                    {
                        return false;
                    }

                    if (w.Foreground[yy * FrameGeometry.Blocks + xx] == 0)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        // Bilinear interpolation of the doubled-angle field between the four nearest block centres.
        private static float OrientationAt(Workspace w, int x, int y)
        {
            const int blocks = FrameGeometry.Blocks;
            float fx = (x - FrameGeometry.BlockSide / 2f) / FrameGeometry.BlockSide;
            float fy = (y - FrameGeometry.BlockSide / 2f) / FrameGeometry.BlockSide;
            int x0 = BlockAnalysis.Clamp((int)fx, 0, blocks - 2);
            int y0 = BlockAnalysis.Clamp((int)fy, 0, blocks - 2);
            float ax = fx - x0;
            float ay = fy - y0;
            ax = ax < 0f ? 0f : (ax > 1f ? 1f : ax);
            ay = ay < 0f ? 0f : (ay > 1f ? 1f : ay);
            int b = y0 * blocks + x0;
            float c = (1 - ax) * (1 - ay) * w.OrientationCos2[b] + ax * (1 - ay) * w.OrientationCos2[b + 1]
                + (1 - ax) * ay * w.OrientationCos2[b + blocks] + ax * ay * w.OrientationCos2[b + blocks + 1];
            float s = (1 - ax) * (1 - ay) * w.OrientationSin2[b] + ax * (1 - ay) * w.OrientationSin2[b + 1]
                + (1 - ax) * ay * w.OrientationSin2[b + blocks] + ax * ay * w.OrientationSin2[b + blocks + 1];
            return Angles.HalfAngle(s, c);
        }

        private static void RemoveArtefactPairs(MinutiaSet set)
        {
            int n = set.Count;
            // Reliability is reused as a kill flag holder: mark with a negative value, then compact.
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    int dx = set.X[i] - set.X[j];
                    int dy = set.Y[i] - set.Y[j];
                    if (dx * dx + dy * dy < ArtefactDistance * ArtefactDistance)
                    {
                        if (set.Reliability[i] >= 0f)
                        {
                            set.Reliability[i] = -1f - set.Reliability[i];
                        }

                        if (set.Reliability[j] >= 0f)
                        {
                            set.Reliability[j] = -1f - set.Reliability[j];
                        }
                    }
                }
            }

            int kept = 0;
            for (int i = 0; i < n; i++)
            {
                if (set.Reliability[i] >= 0f)
                {
                    set.Move(i, kept);
                    kept++;
                }
            }

            ClearTail(set, kept, n);
            set.Count = kept;
        }

        private static void KeepMostReliable(MinutiaSet set, int limit)
        {
            while (set.Count > limit)
            {
                int worst = 0;
                for (int i = 1; i < set.Count; i++)
                {
                    if (set.Reliability[i] < set.Reliability[worst])
                    {
                        worst = i;
                    }
                }

                set.Move(set.Count - 1, worst);
                ClearTail(set, set.Count - 1, set.Count);
                set.Count--;
            }
        }

        private static void ClearTail(MinutiaSet set, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                set.X[i] = 0;
                set.Y[i] = 0;
                set.Type[i] = 0;
                set.Angle[i] = 0f;
                set.Reliability[i] = 0f;
            }
        }

        private static int Diff(int a, int b)
        {
            return a != b ? 1 : 0;
        }
    }
}
