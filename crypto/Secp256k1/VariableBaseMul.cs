namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// k * P for an arbitrary point P, constant time in k: GLV split k = k1 + k2 lambda (both halves
    /// below 2^129), each half recoded into 26 signed 5-bit digits, and one shared run of 125
    /// doublings that adds d1 P' and d2 lambda P' per window (Gallant, Lambert, Vanstone 2001).
    /// </summary>
    /// <remarks>
    /// Invariants: k is reduced (below n) and P is a valid point other than infinity (order n).
    /// Digits: for a half m below 2^129, from the low end, v = (5 bits of m) + carry,
    /// carry' = 1 when v &gt;= 16, digit = v - 32 carry', so digits 0..24 lie in [-16, 15] and the
    /// top digit (bits 125..128 plus the carry) in [0, 16]; m = sum digit_i 2^(5 i). The tables hold
    /// 1P..16P and their lambda images (x times beta), affine.
    /// Exceptional cases: the accumulator m1 P + m2 lambda P may equal the addend, its negation, or
    /// infinity for some k, so the additions use <see cref="Group.AddAffineComplete"/>, which is
    /// correct in every case with a non-infinity addend; a zero digit is an addition that is done and
    /// then undone by mask.
    /// Security: constant time in k: the split is <see cref="Endomorphism.Split"/>; every window
    /// reads all 16 entries of both tables by mask, negates y by mask (the half's sign xor the digit's
    /// sign) and always adds. The tables depend on P only, which is public (a peer's key), so their
    /// batched affine conversion uses the variable-time inversion; the result's conversion
    /// (<see cref="Group.ToAffine"/>) is constant time. Digits, halves and temporaries are wiped.
    /// </remarks>
    internal static class VariableBaseMul
    {
        private const int Entries = 16;
        private const int Window = 5;
        private const int Windows = 26;

        /// <summary>r = k * p (Jacobian). p must not be infinity. Security: constant time in k.</summary>
        public static void Mul(JacobianPoint r, AffinePoint p, uint[] k)
        {
            Secp256k1Counters.CountPointMultiplication();
            GroupWorkspace w = new GroupWorkspace();
            AffinePoint[] table = OneToSixteen(p, w);
            AffinePoint[] tableLambda = new AffinePoint[Entries];
            for (int i = 0; i < Entries; i++)
            {
                tableLambda[i] = Endomorphism.Apply(table[i]);
            }

            uint[] k1 = Scalar.Create();
            uint[] k2 = Scalar.Create();
            int[] digits1 = new int[Windows];
            int[] digits2 = new int[Windows];
            uint[] x = new uint[Field.Limbs];
            uint[] y = new uint[Field.Limbs];
            uint[] negY = new uint[Field.Limbs];
            uint negative1 = 0;
            uint negative2 = 0;
            JacobianPoint saved = new JacobianPoint();
            r.SetInfinity();
            try
            {
                Endomorphism.Split(k, k1, k2, out negative1, out negative2);
                Recode(k1, digits1);
                Recode(k2, digits2);
                for (int win = Windows - 1; win >= 0; win--)
                {
                    if (win != Windows - 1)
                    {
                        for (int i = 0; i < Window; i++)
                        {
                            Group.Double(r, r, w);
                        }
                    }

                    AddDigit(r, table, digits1[win], negative1, x, y, negY, saved, w);
                    AddDigit(r, tableLambda, digits2[win], negative2, x, y, negY, saved, w);
                }
            }
            finally
            {
                w.Clear();
                Wipe.Words(k1);
                Wipe.Words(k2);
                for (int i = 0; i < Windows; i++)
                {
                    digits1[i] = 0;
                    digits2[i] = 0;
                }

                negative1 = 0;
                negative2 = 0;
                Wipe.Words(x);
                Wipe.Words(y);
                Wipe.Words(negY);
                saved.Clear();
            }
        }

        /// <summary>
        /// The signed digits of m (below 2^129): 25 digits in [-16, 15] and a top digit in [0, 16].
        /// Security: constant time (the carry is computed arithmetically).
        /// </summary>
        internal static void Recode(uint[] m, int[] digits)
        {
            uint carry = 0;
            for (int i = 0; i < Windows - 1; i++)
            {
                uint v = Scalar.GetBits(m, Window * i, Window) + carry;
                carry = (v + 16u) >> 5;
                digits[i] = (int)v - (int)(carry << 5);
            }

            // Bits 125..128 (m is below 2^129) plus the carry: at most 16, no further carry.
            digits[Windows - 1] = (int)(Scalar.GetBits(m, Window * (Windows - 1), 4) + carry);
        }

        /// <summary>
        /// r += digit * (negative ? -T : T) with table[i] = (i + 1) T; a zero digit leaves r unchanged.
        /// Security: constant time in digit and negative (all entries scanned, sign and zero by mask).
        /// </summary>
        private static void AddDigit(JacobianPoint r, AffinePoint[] table, int digit, uint negative, uint[] x, uint[] y, uint[] negY, JacobianPoint saved, GroupWorkspace w)
        {
            uint sign = (uint)(digit >> 31);
            uint magnitude = ((uint)digit ^ sign) - sign;
            Field.SetInt(x, 0);
            Field.SetInt(y, 0);
            for (int d = 0; d < Entries; d++)
            {
                uint mask = ConstantTime.EqualMask(magnitude, (uint)(d + 1));
                Field.Select(x, table[d].X, mask);
                Field.Select(y, table[d].Y, mask);
            }

            // A zero digit selected nothing: add a valid point anyway (entry 1), then undo below.
            uint zero = ConstantTime.IsZeroMask(magnitude);
            Field.Select(x, table[0].X, zero);
            Field.Select(y, table[0].Y, zero);
            Field.Negate(negY, y);
            Field.Select(y, negY, sign ^ negative);

            saved.CopyFrom(r);
            Group.AddAffineComplete(r, r, x, y, w);
            Field.Select(r.X, saved.X, zero);
            Field.Select(r.Y, saved.Y, zero);
            Field.Select(r.Z, saved.Z, zero);
        }

        /// <summary>1P..16P in affine form (P public and not infinity; batched variable-time inversion).</summary>
        private static AffinePoint[] OneToSixteen(AffinePoint p, GroupWorkspace w)
        {
            JacobianPoint[] multiples = new JacobianPoint[Entries];
            multiples[0] = new JacobianPoint();
            multiples[0].SetAffine(p);
            for (int i = 1; i < Entries; i++)
            {
                // (i + 1) P = i P + P; 2P comes from a doubling, and for i >= 2, i P != +-P (P has order n).
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

            return BatchAffine.ConvertVartime(multiples);
        }
    }
}
