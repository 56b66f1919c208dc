namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// k * P for an arbitrary point P, constant time in k: 4-bit fixed windows from the top, with
    /// a table of 1P..15P converted to affine by one batched inversion.
    /// </summary>
    /// <remarks>
    /// Invariants: k is reduced (below n) and P is a valid point other than infinity (order n).
    /// Before each addition the accumulator is m P with m = 16 * (the digits already read), an
    /// integer below n; the point added is d P with 1 &lt;= d &lt;= 15. When m &gt; 0 then m &gt;= 16 &gt; d,
    /// and m + d &lt;= k &lt; n, so the accumulator is neither d P nor -d P; when m = 0 the
    /// accumulator is infinity, which <see cref="Group.AddAffine"/> handles by mask.
    /// Security: constant time in k (all 15 entries are read per window, the addition is always
    /// done and undone by mask for a zero digit). The table depends on P only, which is public
    /// (a peer's key), so its batched affine conversion uses the variable-time inversion; the
    /// result's conversion (<see cref="Group.ToAffine"/>) is constant time.
    /// </remarks>
    internal static class VariableBaseMul
    {
        private const int Entries = 15;

        /// <summary>r = k * p (Jacobian). p must not be infinity. Security: constant time in k.</summary>
        public static void Mul(JacobianPoint r, AffinePoint p, uint[] k)
        {
            Secp256k1Counters.CountPointMultiplication();
            GroupWorkspace w = new GroupWorkspace();
            JacobianPoint[] multiples = new JacobianPoint[Entries];
            multiples[0] = new JacobianPoint();
            multiples[0].SetAffine(p);
            for (int i = 1; i < Entries; i++)
            {
                // i P + P with i P != P (i >= 2 below n): the constant-time mixed addition applies;
                // 2P itself comes from a doubling.
                multiples[i] = new JacobianPoint();
                if (i == 1)
                {
                    Group.Double(multiples[1], multiples[0], w);
                }
                else
                {
                    Group.AddAffine(multiples[i], multiples[i - 1], p.X, p.Y, w);
                }
            }

            // The table depends on P only, which this class treats as public (see the remarks).
            AffinePoint[] table = BatchAffine.ConvertVartime(multiples);
            uint[] x = new uint[Field.Limbs];
            uint[] y = new uint[Field.Limbs];
            JacobianPoint saved = new JacobianPoint();
            r.SetInfinity();
            try
            {
                for (int win = 63; win >= 0; win--)
                {
                    Group.Double(r, r, w);
                    Group.Double(r, r, w);
                    Group.Double(r, r, w);
                    Group.Double(r, r, w);
                    uint digit = Scalar.GetBits(k, 4 * win, 4);
                    for (int d = 0; d < Entries; d++)
                    {
                        uint mask = ConstantTime.EqualMask(digit, (uint)(d + 1));
                        Field.Select(x, table[d].X, mask);
                        Field.Select(y, table[d].Y, mask);
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
                for (int i = 0; i < Entries; i++)
                {
                    multiples[i].Clear();
                    table[i].Clear();
                }
            }
        }
    }
}
