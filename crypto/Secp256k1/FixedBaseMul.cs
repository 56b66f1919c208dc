namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// k * G with a precomputed table: 64 windows of 4 bits, window w holding d * 16^w * G for
    /// d = 1..15 in affine coordinates (960 points, about 77 KB), built once on first use.
    /// </summary>
    /// <remarks>
    /// Invariants: k is a reduced scalar (below n). The result is the sum over windows of
    /// d_w 16^w G, accumulated from the lowest window; each partial sum is s G with s an integer
    /// below 16^w, while the point added is d_w 16^w G with d_w 16^w >= 16^w, and both integers
    /// are below n, so the accumulator never equals the point added nor its negation unless the
    /// sum is 0 mod n, which needs k = 0 (then the result is infinity): <see cref="Group.AddAffine"/>'s
    /// precondition holds.
    /// Security: constant time in k: every window reads all 15 entries and keeps one by mask,
    /// the addition is always performed, and a zero digit is undone by mask.
    /// </remarks>
    internal static class FixedBaseMul
    {
        private const int Windows = 64;
        private const int Entries = 15;
        private const int EntryWords = 2 * Field.Limbs;

        private static uint[][] _table;

        /// <summary>The table (window w: entries d = 1..15, each X then Y limbs), built on first use.</summary>
        private static uint[][] Table
        {
            get
            {
                if (_table == null)
                {
                    _table = Build();
                }

                return _table;
            }
        }

        /// <summary>Forces the table to be built (so a benchmark or a session start pays it up front).</summary>
        public static void Precompute()
        {
            uint[][] unused = Table;
            if (unused.Length != Windows)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        /// <summary>r = k * G (Jacobian). Security: constant time in k.</summary>
        public static void Mul(JacobianPoint r, uint[] k)
        {
            Secp256k1Counters.CountPointMultiplication();
            uint[][] t = Table;
            GroupWorkspace w = new GroupWorkspace();
            uint[] x = new uint[Field.Limbs];
            uint[] y = new uint[Field.Limbs];
            JacobianPoint saved = new JacobianPoint();
            r.SetInfinity();
            try
            {
                for (int win = 0; win < Windows; win++)
                {
                    uint digit = Scalar.GetBits(k, 4 * win, 4);
                    uint[] row = t[win];
                    for (int d = 0; d < Entries; d++)
                    {
                        uint mask = ConstantTime.EqualMask(digit, (uint)(d + 1));
                        int o = d * EntryWords;
                        for (int i = 0; i < Field.Limbs; i++)
                        {
                            x[i] ^= mask & (x[i] ^ row[o + i]);
                            y[i] ^= mask & (y[i] ^ row[o + Field.Limbs + i]);
                        }
                    }

                    saved.CopyFrom(r);
                    Group.AddAffine(r, r, x, y, w);
                    uint zero = ConstantTime.IsZeroMask(digit);
                    Field.Select(r.X, saved.X, zero);
                    Field.Select(r.Y, saved.Y, zero);
                    Field.Select(r.Z, saved.Z, zero);
                }
            }
            finally
            {
                w.Clear();
                Wipe.Words(x);
                Wipe.Words(y);
                saved.Clear();
            }
        }

        /// <summary>Computes the table from G (public data, so vartime formulas are allowed).</summary>
        private static uint[][] Build()
        {
            GroupWorkspace w = new GroupWorkspace();
            JacobianPoint[] points = new JacobianPoint[Windows * Entries];
            JacobianPoint baseW = new JacobianPoint();
            baseW.SetAffine(Group.G);
            for (int win = 0; win < Windows; win++)
            {
                JacobianPoint acc = new JacobianPoint();
                acc.CopyFrom(baseW);
                points[win * Entries] = acc;
                for (int d = 1; d < Entries; d++)
                {
                    JacobianPoint next = new JacobianPoint();
                    Group.AddVartime(next, points[(win * Entries) + d - 1], baseW, w);
                    points[(win * Entries) + d] = next;
                }

                // 16^(w+1) G = 2 * (8 * 16^w G) = doubling of entry d = 8.
                JacobianPoint nextBase = new JacobianPoint();
                Group.Double(nextBase, points[(win * Entries) + 7], w);
                baseW = nextBase;
            }

            AffinePoint[] affine = BatchAffine.ConvertVartime(points);
            uint[][] result = new uint[Windows][];
            for (int win = 0; win < Windows; win++)
            {
                uint[] row = new uint[Entries * EntryWords];
                for (int d = 0; d < Entries; d++)
                {
                    AffinePoint a = affine[(win * Entries) + d];
                    System.Array.Copy(a.X, 0, row, d * EntryWords, Field.Limbs);
                    System.Array.Copy(a.Y, 0, row, (d * EntryWords) + Field.Limbs, Field.Limbs);
                }

                result[win] = row;
            }

            return result;
        }
    }
}
