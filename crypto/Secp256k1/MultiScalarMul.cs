namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// a * G + b * P in variable time, for signature verification (all inputs public):
    /// Strauss-Shamir interleaving with width-w NAF digits over the GLV halves of both scalars,
    /// w = 8 for G (static tables of the odd multiples 1G..127G and their lambda images) and w = 5
    /// for P (1P..15P batched to affine per call, and their lambda images).
    /// </summary>
    /// <remarks>
    /// Invariants: a and b are reduced scalars; P is a valid point (not infinity). Every branch and
    /// table index depends on a, b and P, which must be public: never call this with a secret.
    /// </remarks>
    internal static class MultiScalarMul
    {
        private const int WindowG = 8;
        private const int WindowP = 5;

        private static AffinePoint[] _oddG;

        /// <summary>The odd multiples 1G, 3G, ..., (2^(WindowG-1) - 1)G, built on first use.</summary>
        private static AffinePoint[] OddG
        {
            get
            {
                if (_oddG == null)
                {
                    JacobianPoint g = new JacobianPoint();
                    g.SetAffine(Group.G);
                    _oddG = BatchAffine.ConvertVartime(OddMultiples(g, 1 << (WindowG - 2)));
                }

                return _oddG;
            }
        }

        private static AffinePoint[] _oddGLambda;

        /// <summary>lambda times the odd multiples of G (the endomorphism applied to <see cref="OddG"/>).</summary>
        private static AffinePoint[] OddGLambda
        {
            get
            {
                if (_oddGLambda == null)
                {
                    _oddGLambda = ApplyLambda(OddG);
                }

                return _oddGLambda;
            }
        }

        /// <summary>
        /// r = a G + b P (P may be null for a G alone). Variable time. Both scalars are split with the
        /// GLV endomorphism (see <see cref="Endomorphism"/>), so the loop runs over about 129 bits with
        /// four wNAF streams: a1 G, a2 (lambda G), b1 P, b2 (lambda P).
        /// </summary>
        public static void MulVartime(JacobianPoint r, uint[] a, uint[] b, AffinePoint p)
        {
            Secp256k1Counters.CountPointMultiplication();
            GroupWorkspace w = new GroupWorkspace();
            uint[] a1 = Scalar.Create();
            uint[] a2 = Scalar.Create();
            bool negA1;
            bool negA2;
            Endomorphism.SplitVartime(a, a1, a2, out negA1, out negA2);
            int[] nafA1 = Wnaf(a1, WindowG);
            int[] nafA2 = Wnaf(a2, WindowG);
            int[] nafB1 = null;
            int[] nafB2 = null;
            bool negB1 = false;
            bool negB2 = false;
            AffinePoint[] tableP = null;
            AffinePoint[] tablePLambda = null;
            if (p != null && !p.Infinity)
            {
                uint[] b1 = Scalar.Create();
                uint[] b2 = Scalar.Create();
                Endomorphism.SplitVartime(b, b1, b2, out negB1, out negB2);
                nafB1 = Wnaf(b1, WindowP);
                nafB2 = Wnaf(b2, WindowP);
                JacobianPoint pj = new JacobianPoint();
                pj.SetAffine(p);
                tableP = BatchAffine.ConvertVartime(OddMultiples(pj, 1 << (WindowP - 2)));
                tablePLambda = ApplyLambda(tableP);
            }

            AffinePoint[] tableG = OddG;
            AffinePoint[] tableGLambda = OddGLambda;
            AffinePoint neg = new AffinePoint();
            r.SetInfinity();
            int top = 256;
            while (top > 0 && nafA1[top] == 0 && nafA2[top] == 0 && (nafB1 == null || (nafB1[top] == 0 && nafB2[top] == 0)))
            {
                top--;
            }

            for (int i = top; i >= 0; i--)
            {
                Group.Double(r, r, w);
                AddDigit(r, negA1 ? -nafA1[i] : nafA1[i], tableG, neg, w);
                AddDigit(r, negA2 ? -nafA2[i] : nafA2[i], tableGLambda, neg, w);
                if (nafB1 != null)
                {
                    AddDigit(r, negB1 ? -nafB1[i] : nafB1[i], tableP, neg, w);
                    AddDigit(r, negB2 ? -nafB2[i] : nafB2[i], tablePLambda, neg, w);
                }
            }
        }

        private static AffinePoint[] ApplyLambda(AffinePoint[] table)
        {
            AffinePoint[] result = new AffinePoint[table.Length];
            for (int i = 0; i < table.Length; i++)
            {
                result[i] = Endomorphism.Apply(table[i]);
            }

            return result;
        }

        private static void AddDigit(JacobianPoint r, int digit, AffinePoint[] table, AffinePoint neg, GroupWorkspace w)
        {
            if (digit > 0)
            {
                Group.AddAffineVartime(r, r, table[digit >> 1], w);
            }
            else if (digit < 0)
            {
                Group.NegateAffine(neg, table[(-digit) >> 1]);
                Group.AddAffineVartime(r, r, neg, w);
            }
        }

        /// <summary>The points (2i + 1) P for i = 0..count-1 (Jacobian).</summary>
        private static JacobianPoint[] OddMultiples(JacobianPoint p, int count)
        {
            GroupWorkspace w = new GroupWorkspace();
            JacobianPoint[] result = new JacobianPoint[count];
            JacobianPoint twice = new JacobianPoint();
            Group.Double(twice, p, w);
            result[0] = new JacobianPoint();
            result[0].CopyFrom(p);
            for (int i = 1; i < count; i++)
            {
                result[i] = new JacobianPoint();
                Group.AddVartime(result[i], result[i - 1], twice, w);
            }

            return result;
        }

        /// <summary>
        /// Width-w NAF of the scalar k: 257 signed digits (index = bit position), each zero or odd with
        /// absolute value below 2^(w-1); at most one of any w consecutive digits is non-zero.
        /// </summary>
        internal static int[] Wnaf(uint[] k, int width)
        {
            // Work on a 9-word copy so the carry out of bit 255 has room.
            uint[] v = new uint[Scalar.Words + 1];
            System.Array.Copy(k, 0, v, 0, Scalar.Words);
            int[] naf = new int[257];
            int half = 1 << (width - 1);
            int full = 1 << width;
            int bit = 0;
            while (bit <= 256)
            {
                if (((v[bit >> 5] >> (bit & 31)) & 1u) == 0)
                {
                    bit++;
                    continue;
                }

                int digit = (int)ReadBits(v, bit, width);
                if (digit >= half)
                {
                    digit -= full;
                }

                naf[bit] = digit;

                // v -= digit * 2^bit (adding when digit is negative).
                AddShifted(v, -digit, bit);
                bit += width;
            }

            return naf;
        }

        private static uint ReadBits(uint[] v, int offset, int count)
        {
            int word = offset >> 5;
            int shift = offset & 31;
            ulong x = v[word];
            if (word + 1 < v.Length)
            {
                x |= (ulong)v[word + 1] << 32;
            }

            return (uint)(x >> shift) & ((1u << count) - 1u);
        }

        /// <summary>v += delta * 2^offset for a small signed delta (two's complement over the words).</summary>
        private static void AddShifted(uint[] v, int delta, int offset)
        {
            int word = offset >> 5;
            int shift = offset & 31;
            long add = (long)delta << shift;
            long carry = 0;
            for (int i = word; i < v.Length; i++)
            {
                long sum = (long)v[i] + (add & 0xFFFFFFFFL) + carry;
                v[i] = (uint)sum;
                carry = sum >> 32;
                add >>= 32;
                if (add == 0 && carry == 0)
                {
                    break;
                }
            }
        }
    }
}
