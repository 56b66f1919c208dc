namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Turns minutiae into alignment-free features: every triangle of three minutiae whose sides
    /// all lie in [<see cref="MinSide"/>, <see cref="MaxSide"/>) pixels becomes one 24-bit code of
    /// its quantised side lengths and of the three minutia directions measured against its
    /// longest side. Translation and rotation of the finger leave the code unchanged (cf. Germain,
    /// Califano and Colville, IEEE CSE 4(4) 1997, minutia-triplet indexing).
    /// </summary>
    /// <remarks>
    /// Code layout (mixed radix, below <see cref="CodeSpace"/> &lt; 2^24): the rank of the sorted side
    /// bins (longest, middle, shortest) among the C(SideBins + 2, 3) non-increasing triples, then the
    /// directions of the minutiae opposite the longest, middle and shortest side, each in
    /// 2π / <see cref="AngleBins"/> bins measured against the direction of the longest side.
    /// Directions carry the sense (mod 2π) because the orientation field is smooth: three nearby
    /// minutiae have nearly the same orientation mod π, so that alone says little about a finger,
    /// while whether each one points "forwards" or "backwards" along the flow is a largely
    /// independent bit per vertex.
    /// In "tolerant" mode a value near a bin edge also yields the neighbouring bin, so that a small
    /// shift between touches still produces one matching code (at most <see cref="MaxVariants"/> per triangle).
    /// Security: codes are biometric; callers wipe the output buffers.
    /// </remarks>
    internal static class TripletEncoder
    {
        /// <summary>Shortest side considered (pixels): closer minutiae are unreliable as a pair.</summary>
        public const int MinSide = 12;

        /// <summary>Longest side considered (pixels): longer spans distort too much between touches.</summary>
        public const int MaxSide = 100;

        /// <summary>Side-length bin width in pixels.</summary>
        public const int SideBin = 7;

        /// <summary>Direction bins per 2π.</summary>
        public const int AngleBins = 32;

        /// <summary>A value this close to a bin edge (fraction of the bin) also yields the neighbour bin.</summary>
        public const float EdgeFraction = 0.35f;

        /// <summary>Sides closer in length than this (pixels) may swap rank in another touch: tolerant mode emits both vertex orders.</summary>
        public const float OrderTolerance = 3f;

        /// <summary>Most dimensions per triangle (those nearest a bin edge) that tolerant mode also varies to the neighbour bin.</summary>
        public const int TolerantDimensions = 4;

        /// <summary>Most codes one triangle yields in tolerant mode: three vertex orders times 2^TolerantDimensions.</summary>
        public const int MaxVariants = 3 * (1 << TolerantDimensions);

        /// <summary>Number of side-length bins: (MaxSide - MinSide) / SideBin rounded up.</summary>
        public const int SideBins = (MaxSide - MinSide + SideBin - 1) / SideBin;

        private const int Dimensions = 6;

        /// <summary>
        /// The integer parameters as the native code kernels take them (cffinger.h CF_CODE_*): MinSide,
        /// MaxSide, SideBin, AngleBins, TolerantDimensions. Never written.
        /// </summary>
        internal static readonly int[] Parameters = new int[] { MinSide, MaxSide, SideBin, AngleBins, TolerantDimensions };

        /// <summary>The tolerances as the native code kernels take them: EdgeFraction, OrderTolerance. Never written.</summary>
        internal static readonly float[] Tolerances = new float[] { EdgeFraction, OrderTolerance };

        // Marks a tolerant variant that is no code (no valid code reaches 2^24).
        private const uint NoCode = 0xFFFFFFFF;

        /// <summary>
        /// Writes the codes of the triangles of <paramref name="m"/> into <paramref name="codes"/>
        /// (exact bins only, or with edge variants when <paramref name="tolerant"/>); returns how many
        /// were written (stops when the buffer is full). Order is the triangle scan order.
        /// </summary>
        public static int Encode(MinutiaSet m, bool tolerant, CodeBuffer codes, int[] bins, float[] fractions)
        {
            bool full;
            return Encode(m, tolerant, codes, bins, fractions, out full);
        }

        /// <summary>
        /// Writes the codes of <paramref name="m"/> as <see cref="Encode(MinutiaSet, bool, CodeBuffer, int[], float[])"/>
        /// does, but never truncates: while the codes would not fit in <paramref name="codes"/>, the least
        /// reliable minutia is removed from <paramref name="m"/> (mutated) and the set encoded again.
        /// Truncating in scan order would keep the triangles of whichever minutiae lie at the top of the
        /// frame, a different subset in every touch; dropping by reliability keeps the same strong minutiae.
        /// What an earlier encoding wrote beyond the last one's codes is cleared.
        /// </summary>
        public static int EncodeFitting(MinutiaSet m, bool tolerant, CodeBuffer codes, int[] bins, float[] fractions)
        {
            int highest = 0;
            while (true)
            {
                bool full;
                int written = Encode(m, tolerant, codes, bins, fractions, out full);
                if (!full || m.Count <= 3)
                {
                    // An encoding after a drop writes fewer codes: the earlier encodings' codes behind them
                    // (biometric, and the native kernel's fit never writes them) are cleared.
                    for (int i = written; i < highest; i++)
                    {
                        codes[i] = 0;
                    }

                    return written;
                }

                highest = written > highest ? written : highest;
                MinutiaExtractor.KeepMostReliable(m, m.Count - 1);
            }
        }

        private static int Encode(MinutiaSet m, bool tolerant, CodeBuffer codes, int[] bins, float[] fractions, out bool full)
        {
            full = false;
            int written = 0;
            int n = m.Count;
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    float dij = Distance(m, i, j);
                    if (!SideInRange(dij))
                    {
                        continue;
                    }

                    for (int k = j + 1; k < n; k++)
                    {
                        float dik = Distance(m, i, k);
                        float djk = Distance(m, j, k);
                        if (!SideInRange(dik) || !SideInRange(djk))
                        {
                            continue;
                        }

                        if (written + (tolerant ? MaxVariants : 1) > codes.Length)
                        {
                            full = true;
                            return written;
                        }

                        written += EncodeTriangle(m, i, j, k, djk, dik, dij, tolerant, codes, written, bins, fractions);
                        PipelineCounters.Add(ref PipelineCounters.FeaturesEncoded, 1);
                    }
                }
            }

            return written;
        }

        // Side opposite vertex i is oi, and so on. Vertices are ordered by the length of the side
        // opposite them (longest first), which needs no reference frame. When two of those sides
        // differ by less than OrderTolerance, another touch may well order the two vertices the
        // other way round, so tolerant mode also emits the codes of that ordering.
        private static int EncodeTriangle(MinutiaSet m, int i, int j, int k, float oi, float oj, float ok, bool tolerant, CodeBuffer codes, int at, int[] bins, float[] fractions)
        {
            int a = i;
            int b = j;
            int c = k;
            float la = oi;
            float lb = oj;
            float lc = ok;
            if (lb > la)
            {
                Swap(ref a, ref b);
                SwapF(ref la, ref lb);
            }

            if (lc > la)
            {
                Swap(ref a, ref c);
                SwapF(ref la, ref lc);
            }

            if (lc > lb)
            {
                Swap(ref b, ref c);
                SwapF(ref lb, ref lc);
            }

            Quantise(m, a, b, c, la, lb, lc, bins, fractions);
            if (!tolerant)
            {
                return Emit(bins, codes, at);
            }

            int count = EmitVariants(bins, fractions, codes, at);
            if (la - lb < OrderTolerance)
            {
                Quantise(m, b, a, c, lb, la, lc, bins, fractions);
                count += EmitVariants(bins, fractions, codes, at + count);
            }

            if (lb - lc < OrderTolerance)
            {
                Quantise(m, a, c, b, la, lc, lb, bins, fractions);
                count += EmitVariants(bins, fractions, codes, at + count);
            }

            return count;
        }

        // Vertex a is opposite side la, and so on, in the order the code lists them.
        private static void Quantise(MinutiaSet m, int a, int b, int c, float la, float lb, float lc, int[] bins, float[] fractions)
        {
            SideValue(la, 0, bins, fractions);
            SideValue(lb, 1, bins, fractions);
            SideValue(lc, 2, bins, fractions);

            // The longest side runs from b to c (both named by the sides opposite them, so the
            // direction is defined mod 2π without any outside frame); it is the reference.
            float reference = (float)System.Math.Atan2(m.Y[c] - m.Y[b], m.X[c] - m.X[b]);
            AngleValue(m.Angle[a] - reference, 3, bins, fractions);
            AngleValue(m.Angle[b] - reference, 4, bins, fractions);
            AngleValue(m.Angle[c] - reference, 5, bins, fractions);
        }

        private static void SideValue(float length, int dimension, int[] bins, float[] fractions)
        {
            float position = (length - MinSide) / SideBin;
            int bin = (int)position;
            bins[dimension] = bin;
            fractions[dimension] = position - bin;
        }

        private static void AngleValue(float angle, int dimension, int[] bins, float[] fractions)
        {
            float position = Angles.WrapTwoPi(angle) * AngleBins / Angles.TwoPi;
            int bin = (int)position;
            if (bin >= AngleBins)
            {
                bin = AngleBins - 1;
            }

            bins[dimension] = bin;
            fractions[dimension] = position - bin;
        }

        private static int Emit(int[] bins, CodeBuffer codes, int at)
        {
            codes[at] = Pack(bins[0], bins[1], bins[2], bins[3], bins[4], bins[5]);
            return 1;
        }

        /// <summary>Distinct codes: C(SideBins + 2, 3) sorted side triples times AngleBins^3 (must stay below 2^24).</summary>
        public const int CodeSpace = SideBins * (SideBins + 1) * (SideBins + 2) / 6 * AngleBins * AngleBins * AngleBins;

        // Picks up to TolerantDimensions dimensions whose value sits nearest a bin edge (within
        // EdgeFraction) and emits every combination of "own bin" and "neighbour bin" for them.
        private static int EmitVariants(int[] bins, float[] fractions, CodeBuffer codes, int at)
        {
            int chosen = 0;
            for (int pick = 0; pick < TolerantDimensions; pick++)
            {
                int best = -1;
                float bestEdge = EdgeFraction;
                for (int d = 0; d < Dimensions; d++)
                {
                    float edge = EdgeDistance(fractions[d]);
                    if ((chosen & (1 << d)) != 0 || edge >= bestEdge || NeighbourBin(bins, fractions, d) < 0)
                    {
                        continue;
                    }

                    best = d;
                    bestEdge = edge;
                }

                if (best < 0)
                {
                    break;
                }

                chosen |= 1 << best;
            }

            // Every subset of the chosen dimensions, the empty one (the exact code) last.
            int count = 0;
            int subset = chosen;
            while (true)
            {
                uint code = Pack(
                    Variant(bins, fractions, subset, 0), Variant(bins, fractions, subset, 1), Variant(bins, fractions, subset, 2),
                    Variant(bins, fractions, subset, 3), Variant(bins, fractions, subset, 4), Variant(bins, fractions, subset, 5));
                if (code != NoCode)
                {
                    codes[at + count] = code;
                    count++;
                }

                if (subset == 0)
                {
                    break;
                }

                subset = (subset - 1) & chosen;
            }

            return count;
        }

        private static int Variant(int[] bins, float[] fractions, int subset, int d)
        {
            return (subset & (1 << d)) != 0 ? NeighbourBin(bins, fractions, d) : bins[d];
        }

        private static float EdgeDistance(float fraction)
        {
            return fraction < 0.5f ? fraction : 1f - fraction;
        }

        // The bin on the near side of the edge, or -1 if that is outside the side-length range.
        private static int NeighbourBin(int[] bins, float[] fractions, int d)
        {
            int step = fractions[d] < 0.5f ? -1 : 1;
            int bin = bins[d] + step;
            if (d >= 3)
            {
                return bin < 0 ? AngleBins - 1 : (bin >= AngleBins ? 0 : bin);
            }

            return bin < 0 || bin >= SideBins ? -1 : bin;
        }

        // Mixed radix: the sorted side bins (b0 >= b1 >= b2) by their tetrahedral rank, then the
        // three angle bins. Returns NoCode for a tolerant variant whose side bins are out of
        // order: the same triangle in another touch would order its vertices differently.
        private static uint Pack(int b0, int b1, int b2, int a0, int a1, int a2)
        {
            if (b1 > b0 || b2 > b1)
            {
                return NoCode;
            }

            int sides = (b0 * (b0 + 1) * (b0 + 2)) / 6 + (b1 * (b1 + 1)) / 2 + b2;
            return (uint)(((sides * AngleBins + a0) * AngleBins + a1) * AngleBins + a2);
        }

        /// <summary>True if a triangle side of <paramref name="length"/> pixels is in [MinSide, MaxSide).</summary>
        internal static bool SideInRange(float length)
        {
            return !(length < MinSide || length >= MaxSide);
        }

        /// <summary>Distance in pixels between minutiae a and b, single precision.</summary>
        internal static float Distance(MinutiaSet m, int a, int b)
        {
            float dx = m.X[a] - m.X[b];
            float dy = m.Y[a] - m.Y[b];
            return (float)System.Math.Sqrt(dx * dx + dy * dy);
        }

        private static void Swap(ref int a, ref int b)
        {
            int t = a;
            a = b;
            b = t;
        }

        private static void SwapF(ref float a, ref float b)
        {
            float t = a;
            a = b;
            b = t;
        }
    }
}
