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
        public const int ArtefactDistance = 6;

        /// <summary>How far (pixels, about one ridge period) every ridge of a minutia must run before it may end or fork.</summary>
        public const int TraceRadius = 9;

        /// <summary>
        /// Most minutiae kept per capture after clean-up (the most coherent ones). 24 minutiae give at
        /// most C(24,3) = 2024 triangles, so the tolerant codes (up to 48 per triangle, typically a few)
        /// stay within the 8192 codes a capture may yield; more minutiae only got truncated in scan order.
        /// </summary>
        public const int MaxKept = 24;

        /// <summary>
        /// The parameters as the native kernel takes them (cffinger.h CF_MINUTIA_*): FrameMargin,
        /// ArtefactDistance, TraceRadius, MaxKept. Never written.
        /// </summary>
        internal static readonly int[] Parameters = new int[] { FrameMargin, ArtefactDistance, TraceRadius, MaxKept };

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

            TraceAndClean(w, set);
            RemoveArtefactPairs(set);
            KeepMostReliable(set, MaxKept);
        }

        // Follows every ridge leaving each minutia for TraceRadius pixels (Maltoni et al., 2nd ed.,
        // section 3.8; Tico and Kuosmanen, "An algorithm for fingerprint image postprocessing",
        // Asilomar 2000). A ridge that ends or forks again within that radius marks a spur, a short
        // ridge fragment or a bridge: the minutia is dropped. For the kept ones the traced branches
        // give the sense of the minutia direction, which the smoothed orientation field alone lacks:
        // an ending points away from its ridge, a bifurcation along its lone branch, so the two
        // agree when pressure turns one into the other (an ending that touches the neighbouring
        // ridge becomes a bifurcation pointing the same way).
        private static void TraceAndClean(Workspace w, MinutiaSet set)
        {
            const int side = FrameGeometry.Side;
            byte[] s = w.Ridges;
            int n = set.Count;
            int kept = 0;
            for (int i = 0; i < n; i++)
            {
                int ox = set.X[i];
                int oy = set.Y[i];
                int p = oy * side + ox;
                // Ring order N, NE, E, SE, S, SW, W, NW; each run of ridge pixels starts one branch.
                float sumX = 0f;
                float sumY = 0f;
                float bx0 = 0f, by0 = 0f, bx1 = 0f, by1 = 0f, bx2 = 0f, by2 = 0f;
                int branches = 0;
                bool broken = false;
                for (int r = 0; r < 8 && !broken; r++)
                {
                    if (Ring(s, p, r) == 0 || Ring(s, p, (r + 7) & 7) != 0)
                    {
                        continue;
                    }

                    // First pixel of a run: prefer its 4-connected member as the branch start.
                    int start = r;
                    if ((r & 1) == 1 && Ring(s, p, (r + 1) & 7) != 0)
                    {
                        start = (r + 1) & 7;
                    }

                    int ex;
                    int ey;
                    if (!Trace(s, ox, oy, ox + RingDx(start), oy + RingDy(start), out ex, out ey))
                    {
                        broken = true;
                        break;
                    }

                    float vx = ex - ox;
                    float vy = ey - oy;
                    float len = (float)System.Math.Sqrt(vx * vx + vy * vy);
                    vx /= len;
                    vy /= len;
                    if (branches == 0) { bx0 = vx; by0 = vy; }
                    else if (branches == 1) { bx1 = vx; by1 = vy; }
                    else if (branches == 2) { bx2 = vx; by2 = vy; }
                    sumX += vx;
                    sumY += vy;
                    branches++;
                }

                int type = set.Type[i];
                if (broken || branches != (type == MinutiaSet.Ending ? 1 : 3))
                {
                    continue;
                }

                float dx;
                float dy;
                if (type == MinutiaSet.Ending)
                {
                    // Away from the ridge body.
                    dx = -bx0;
                    dy = -by0;
                }
                else
                {
                    // The lone branch is the one least aligned with the other two.
                    float a0 = bx0 * (sumX - bx0) + by0 * (sumY - by0);
                    float a1 = bx1 * (sumX - bx1) + by1 * (sumY - by1);
                    float a2 = bx2 * (sumX - bx2) + by2 * (sumY - by2);
                    dx = a0 <= a1 && a0 <= a2 ? bx0 : (a1 <= a2 ? bx1 : bx2);
                    dy = a0 <= a1 && a0 <= a2 ? by0 : (a1 <= a2 ? by1 : by2);
                }

                // The smoothed field gives the angle, the trace only the sense (mod 2π).
                float theta = set.Angle[i];
                if (System.Math.Cos(theta) * dx + System.Math.Sin(theta) * dy < 0)
                {
                    theta += Angles.Pi;
                }

                set.Angle[i] = theta;
                set.Move(i, kept);
                kept++;
            }

            ClearTail(set, kept, n);
            set.Count = kept;
        }

        // Walks the skeleton from (sx, sy), always to the neighbour farthest from the origin and only
        // outwards, until TraceRadius is reached (true, end point out) or the ridge ends or forks
        // first (false).
        private static bool Trace(byte[] s, int ox, int oy, int sx, int sy, out int ex, out int ey)
        {
            const int side = FrameGeometry.Side;
            int cx = sx;
            int cy = sy;
            int cd = (cx - ox) * (cx - ox) + (cy - oy) * (cy - oy);
            ex = cx;
            ey = cy;
            while (cd < TraceRadius * TraceRadius)
            {
                if (cx < 1 || cy < 1 || cx >= side - 1 || cy >= side - 1)
                {
                    return false;
                }

                int p = cy * side + cx;
                int crossings = 0;
                for (int r = 0; r < 8; r++)
                {
                    crossings += Diff(Ring(s, p, r), Ring(s, p, (r + 1) & 7));
                }

                if (crossings != 4)
                {
                    return false;
                }

                int best = -1;
                int bestD = cd;
                for (int r = 0; r < 8; r++)
                {
                    if (Ring(s, p, r) == 0)
                    {
                        continue;
                    }

                    int nx = cx + RingDx(r) - ox;
                    int ny = cy + RingDy(r) - oy;
                    int d = nx * nx + ny * ny;
                    if (d > bestD)
                    {
                        bestD = d;
                        best = r;
                    }
                }

                if (best < 0)
                {
                    return false;
                }

                cx += RingDx(best);
                cy += RingDy(best);
                cd = bestD;
            }

            ex = cx;
            ey = cy;
            return true;
        }

        private static int Ring(byte[] s, int p, int r)
        {
            return s[p + RingDy(r) * FrameGeometry.Side + RingDx(r)] != 0 ? 1 : 0;
        }

        private static int RingDx(int r)
        {
            return r == 0 || r == 4 ? 0 : (r < 4 ? 1 : -1);
        }

        private static int RingDy(int r)
        {
            return r == 2 || r == 6 ? 0 : (r == 1 || r == 0 || r == 7 ? -1 : 1);
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

        /// <summary>Drops the least coherent minutiae of <paramref name="set"/> until at most <paramref name="limit"/> remain.</summary>
        internal static void KeepMostReliable(MinutiaSet set, int limit)
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
