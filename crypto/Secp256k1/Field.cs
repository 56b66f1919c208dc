namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Arithmetic in GF(p), p = 2^256 - 2^32 - 977, on ten 26-bit limbs (uint[10], little endian:
    /// value = sum limb[i] * 2^(26 i)), with 64-bit column products (no 128-bit type is needed, so
    /// the code runs on nanoFramework, whose CPU word is 32 bits).
    /// </summary>
    /// <remarks>
    /// Invariants kept by every method (the "weakly normalised" form):
    /// <list type="bullet">
    /// <item>outputs have limbs 0..8 below 2^26 and limb 9 below 2^22 + 2^4, so the value is below
    /// 2^256 + 2^236 but may still be at or above p (it is congruent to the true result);</item>
    /// <item>inputs may be any output of this class, or limbs below 2^27 (the 64-bit column sums of
    /// <see cref="Mul"/> then stay below 2^58);</item>
    /// <item>only <see cref="Normalize"/> produces the unique representative in [0, p), which
    /// <see cref="ToBytes"/>, <see cref="IsZero"/>, <see cref="IsOdd"/> and <see cref="Equal"/> use.</item>
    /// </list>
    /// Reduction uses 2^256 = 0x1000003D1 (mod p). Security: every method is constant time (no branch,
    /// index or loop count depends on limb values); only <see cref="FromBytes"/> reports an overflow
    /// flag as a mask.
    /// </remarks>
    internal static class Field
    {
        /// <summary>Limbs per element.</summary>
        public const int Limbs = 10;

        private const ulong Mask26 = 0x3FFFFFFUL;
        private const ulong Mask22 = 0x3FFFFFUL;
        private const uint M26 = 0x3FFFFFFu;
        private const uint M22 = 0x3FFFFFu;

        /// <summary>A new zero element.</summary>
        public static uint[] Create()
        {
            return new uint[Limbs];
        }

        /// <summary>A new element holding the small value <paramref name="v"/> (below 2^26).</summary>
        public static uint[] FromInt(uint v)
        {
            uint[] r = new uint[Limbs];
            r[0] = v;
            return r;
        }

        /// <summary>r = a.</summary>
        public static void Copy(uint[] r, uint[] a)
        {
            System.Array.Copy(a, 0, r, 0, Limbs);
        }

        /// <summary>Sets r to the small value <paramref name="v"/> (below 2^26).</summary>
        public static void SetInt(uint[] r, uint v)
        {
            r[0] = v;
            for (int i = 1; i < Limbs; i++)
            {
                r[i] = 0;
            }
        }

        /// <summary>Counts one multiplication when counting is on.</summary>
        private static void Count()
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.FieldMultiplications++;
            }
        }

        /// <summary>Counts one squaring (also a multiplication) when counting is on.</summary>
        private static void CountSquare()
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.FieldMultiplications++;
                Secp256k1Counters.FieldSquarings++;
            }
        }

        /// <summary>r = a * b mod p (r may alias a or b). Inputs: limbs below 2^27; output weakly normalised.</summary>
        /// <remarks>Security: constant time (fixed sequence of 64-bit multiplies and shifts).</remarks>
        public static void Mul(uint[] r, uint[] a, uint[] b)
        {
            Count();
            ulong a9 = a[9];
            ulong a0 = a[0];
            ulong a1 = a[1];
            ulong a2 = a[2];
            ulong a3 = a[3];
            ulong a4 = a[4];
            ulong a5 = a[5];
            ulong a6 = a[6];
            ulong a7 = a[7];
            ulong a8 = a[8];
            ulong b9 = b[9];
            ulong b0 = b[0];
            ulong b1 = b[1];
            ulong b2 = b[2];
            ulong b3 = b[3];
            ulong b4 = b[4];
            ulong b5 = b[5];
            ulong b6 = b[6];
            ulong b7 = b[7];
            ulong b8 = b[8];
            ulong c0 = a0 * b0;
            ulong c1 = a0 * b1 + a1 * b0;
            ulong c2 = a0 * b2 + a1 * b1 + a2 * b0;
            ulong c3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
            ulong c4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
            ulong c5 = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
            ulong c6 = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
            ulong c7 = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
            ulong c8 = a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
            ulong c9 = a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0;
            ulong c10 = a1 * b9 + a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2 + a9 * b1;
            ulong c11 = a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2;
            ulong c12 = a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3;
            ulong c13 = a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4;
            ulong c14 = a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5;
            ulong c15 = a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6;
            ulong c16 = a7 * b9 + a8 * b8 + a9 * b7;
            ulong c17 = a8 * b9 + a9 * b8;
            ulong c18 = a9 * b9;
            // Fold columns 10..18 (weight 2^260 and up) without carrying them first: split each into
            // 26-bit halves l + h 2^26 and use 2^260 = 0x1000003D10 = 0x400 * 2^26 + 0x3D10 (mod p).
            // Every term stays below 2^56, so the additions cannot overflow.
            ulong l0 = c10 & Mask26;
            ulong h0 = c10 >> 26;
            c0 += l0 * 0x3D10UL;
            c1 += (l0 << 10) + (h0 * 0x3D10UL);
            c2 += h0 << 10;
            ulong l1 = c11 & Mask26;
            ulong h1 = c11 >> 26;
            c1 += l1 * 0x3D10UL;
            c2 += (l1 << 10) + (h1 * 0x3D10UL);
            c3 += h1 << 10;
            ulong l2 = c12 & Mask26;
            ulong h2 = c12 >> 26;
            c2 += l2 * 0x3D10UL;
            c3 += (l2 << 10) + (h2 * 0x3D10UL);
            c4 += h2 << 10;
            ulong l3 = c13 & Mask26;
            ulong h3 = c13 >> 26;
            c3 += l3 * 0x3D10UL;
            c4 += (l3 << 10) + (h3 * 0x3D10UL);
            c5 += h3 << 10;
            ulong l4 = c14 & Mask26;
            ulong h4 = c14 >> 26;
            c4 += l4 * 0x3D10UL;
            c5 += (l4 << 10) + (h4 * 0x3D10UL);
            c6 += h4 << 10;
            ulong l5 = c15 & Mask26;
            ulong h5 = c15 >> 26;
            c5 += l5 * 0x3D10UL;
            c6 += (l5 << 10) + (h5 * 0x3D10UL);
            c7 += h5 << 10;
            ulong l6 = c16 & Mask26;
            ulong h6 = c16 >> 26;
            c6 += l6 * 0x3D10UL;
            c7 += (l6 << 10) + (h6 * 0x3D10UL);
            c8 += h6 << 10;
            ulong l7 = c17 & Mask26;
            ulong h7 = c17 >> 26;
            c7 += l7 * 0x3D10UL;
            c8 += (l7 << 10) + (h7 * 0x3D10UL);
            c9 += h7 << 10;
            ulong l8 = c18 & Mask26;
            ulong h8 = c18 >> 26;
            c8 += l8 * 0x3D10UL;
            c9 += (l8 << 10) + (h8 * 0x3D10UL);
            ulong c10Top = h8 << 10;

            c1 += c0 >> 26;
            c0 &= Mask26;
            c2 += c1 >> 26;
            c1 &= Mask26;
            c3 += c2 >> 26;
            c2 &= Mask26;
            c4 += c3 >> 26;
            c3 &= Mask26;
            c5 += c4 >> 26;
            c4 &= Mask26;
            c6 += c5 >> 26;
            c5 &= Mask26;
            c7 += c6 >> 26;
            c6 &= Mask26;
            c8 += c7 >> 26;
            c7 &= Mask26;
            c9 += c8 >> 26;
            c8 &= Mask26;

            // Bits of c9 above 2^256, and c10Top at 2^260 = 16 * 2^256, fold with 2^256 = 0x1000003D1.
            ulong top = (c9 >> 22) + (c10Top << 4);
            c9 &= Mask22;
            c0 += top * 0x3D1UL;
            c1 += top << 6;
            c1 += c0 >> 26;
            c0 &= Mask26;
            c2 += c1 >> 26;
            c1 &= Mask26;
            c3 += c2 >> 26;
            c2 &= Mask26;
            c4 += c3 >> 26;
            c3 &= Mask26;
            c5 += c4 >> 26;
            c4 &= Mask26;
            c6 += c5 >> 26;
            c5 &= Mask26;
            c7 += c6 >> 26;
            c6 &= Mask26;
            c8 += c7 >> 26;
            c7 &= Mask26;
            c9 += c8 >> 26;
            c8 &= Mask26;
            r[0] = (uint)c0;
            r[1] = (uint)c1;
            r[2] = (uint)c2;
            r[3] = (uint)c3;
            r[4] = (uint)c4;
            r[5] = (uint)c5;
            r[6] = (uint)c6;
            r[7] = (uint)c7;
            r[8] = (uint)c8;
            r[9] = (uint)c9;
        }

        /// <summary>r = a^2 mod p (r may alias a). Inputs: limbs below 2^27; output weakly normalised.</summary>
        /// <remarks>Security: constant time.</remarks>
        public static void Sqr(uint[] r, uint[] a)
        {
            CountSquare();
            ulong a9 = a[9];
            ulong a0 = a[0];
            ulong a1 = a[1];
            ulong a2 = a[2];
            ulong a3 = a[3];
            ulong a4 = a[4];
            ulong a5 = a[5];
            ulong a6 = a[6];
            ulong a7 = a[7];
            ulong a8 = a[8];
            ulong d0 = a0 << 1;
            ulong d1 = a1 << 1;
            ulong d2 = a2 << 1;
            ulong d3 = a3 << 1;
            ulong d4 = a4 << 1;
            ulong d5 = a5 << 1;
            ulong d6 = a6 << 1;
            ulong d7 = a7 << 1;
            ulong d8 = a8 << 1;
            ulong c0 = a0 * a0;
            ulong c1 = d0 * a1;
            ulong c2 = d0 * a2 + a1 * a1;
            ulong c3 = d0 * a3 + d1 * a2;
            ulong c4 = d0 * a4 + d1 * a3 + a2 * a2;
            ulong c5 = d0 * a5 + d1 * a4 + d2 * a3;
            ulong c6 = d0 * a6 + d1 * a5 + d2 * a4 + a3 * a3;
            ulong c7 = d0 * a7 + d1 * a6 + d2 * a5 + d3 * a4;
            ulong c8 = d0 * a8 + d1 * a7 + d2 * a6 + d3 * a5 + a4 * a4;
            ulong c9 = d0 * a9 + d1 * a8 + d2 * a7 + d3 * a6 + d4 * a5;
            ulong c10 = d1 * a9 + d2 * a8 + d3 * a7 + d4 * a6 + a5 * a5;
            ulong c11 = d2 * a9 + d3 * a8 + d4 * a7 + d5 * a6;
            ulong c12 = d3 * a9 + d4 * a8 + d5 * a7 + a6 * a6;
            ulong c13 = d4 * a9 + d5 * a8 + d6 * a7;
            ulong c14 = d5 * a9 + d6 * a8 + a7 * a7;
            ulong c15 = d6 * a9 + d7 * a8;
            ulong c16 = d7 * a9 + a8 * a8;
            ulong c17 = d8 * a9;
            ulong c18 = a9 * a9;
            // Fold columns 10..18 (weight 2^260 and up) without carrying them first: split each into
            // 26-bit halves l + h 2^26 and use 2^260 = 0x1000003D10 = 0x400 * 2^26 + 0x3D10 (mod p).
            // Every term stays below 2^56, so the additions cannot overflow.
            ulong l0 = c10 & Mask26;
            ulong h0 = c10 >> 26;
            c0 += l0 * 0x3D10UL;
            c1 += (l0 << 10) + (h0 * 0x3D10UL);
            c2 += h0 << 10;
            ulong l1 = c11 & Mask26;
            ulong h1 = c11 >> 26;
            c1 += l1 * 0x3D10UL;
            c2 += (l1 << 10) + (h1 * 0x3D10UL);
            c3 += h1 << 10;
            ulong l2 = c12 & Mask26;
            ulong h2 = c12 >> 26;
            c2 += l2 * 0x3D10UL;
            c3 += (l2 << 10) + (h2 * 0x3D10UL);
            c4 += h2 << 10;
            ulong l3 = c13 & Mask26;
            ulong h3 = c13 >> 26;
            c3 += l3 * 0x3D10UL;
            c4 += (l3 << 10) + (h3 * 0x3D10UL);
            c5 += h3 << 10;
            ulong l4 = c14 & Mask26;
            ulong h4 = c14 >> 26;
            c4 += l4 * 0x3D10UL;
            c5 += (l4 << 10) + (h4 * 0x3D10UL);
            c6 += h4 << 10;
            ulong l5 = c15 & Mask26;
            ulong h5 = c15 >> 26;
            c5 += l5 * 0x3D10UL;
            c6 += (l5 << 10) + (h5 * 0x3D10UL);
            c7 += h5 << 10;
            ulong l6 = c16 & Mask26;
            ulong h6 = c16 >> 26;
            c6 += l6 * 0x3D10UL;
            c7 += (l6 << 10) + (h6 * 0x3D10UL);
            c8 += h6 << 10;
            ulong l7 = c17 & Mask26;
            ulong h7 = c17 >> 26;
            c7 += l7 * 0x3D10UL;
            c8 += (l7 << 10) + (h7 * 0x3D10UL);
            c9 += h7 << 10;
            ulong l8 = c18 & Mask26;
            ulong h8 = c18 >> 26;
            c8 += l8 * 0x3D10UL;
            c9 += (l8 << 10) + (h8 * 0x3D10UL);
            ulong c10Top = h8 << 10;

            c1 += c0 >> 26;
            c0 &= Mask26;
            c2 += c1 >> 26;
            c1 &= Mask26;
            c3 += c2 >> 26;
            c2 &= Mask26;
            c4 += c3 >> 26;
            c3 &= Mask26;
            c5 += c4 >> 26;
            c4 &= Mask26;
            c6 += c5 >> 26;
            c5 &= Mask26;
            c7 += c6 >> 26;
            c6 &= Mask26;
            c8 += c7 >> 26;
            c7 &= Mask26;
            c9 += c8 >> 26;
            c8 &= Mask26;

            // Bits of c9 above 2^256, and c10Top at 2^260 = 16 * 2^256, fold with 2^256 = 0x1000003D1.
            ulong top = (c9 >> 22) + (c10Top << 4);
            c9 &= Mask22;
            c0 += top * 0x3D1UL;
            c1 += top << 6;
            c1 += c0 >> 26;
            c0 &= Mask26;
            c2 += c1 >> 26;
            c1 &= Mask26;
            c3 += c2 >> 26;
            c2 &= Mask26;
            c4 += c3 >> 26;
            c3 &= Mask26;
            c5 += c4 >> 26;
            c4 &= Mask26;
            c6 += c5 >> 26;
            c5 &= Mask26;
            c7 += c6 >> 26;
            c6 &= Mask26;
            c8 += c7 >> 26;
            c7 &= Mask26;
            c9 += c8 >> 26;
            c8 &= Mask26;
            r[0] = (uint)c0;
            r[1] = (uint)c1;
            r[2] = (uint)c2;
            r[3] = (uint)c3;
            r[4] = (uint)c4;
            r[5] = (uint)c5;
            r[6] = (uint)c6;
            r[7] = (uint)c7;
            r[8] = (uint)c8;
            r[9] = (uint)c9;
        }

        /// <summary>r = a + b (weakly normalised). Security: constant time.</summary>
        public static void Add(uint[] r, uint[] a, uint[] b)
        {
            uint t0 = a[0] + b[0], t1 = a[1] + b[1], t2 = a[2] + b[2], t3 = a[3] + b[3], t4 = a[4] + b[4];
            uint t5 = a[5] + b[5], t6 = a[6] + b[6], t7 = a[7] + b[7], t8 = a[8] + b[8], t9 = a[9] + b[9];
            Carry(r, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9);
        }

        /// <summary>
        /// r = a - b, computed as a + (4p - b) so that no limb goes negative (b's limbs are below 4p's).
        /// Security: constant time.
        /// </summary>
        public static void Sub(uint[] r, uint[] a, uint[] b)
        {
            // 4p in this limb layout: 4 * (0x3FFFC2F, 0x3FFFFBF, 0x3FFFFFF x7, 0x3FFFFF).
            uint t0 = a[0] + 0xFFFF0BCu - b[0], t1 = a[1] + 0xFFFFEFCu - b[1], t2 = a[2] + 0xFFFFFFCu - b[2];
            uint t3 = a[3] + 0xFFFFFFCu - b[3], t4 = a[4] + 0xFFFFFFCu - b[4], t5 = a[5] + 0xFFFFFFCu - b[5];
            uint t6 = a[6] + 0xFFFFFFCu - b[6], t7 = a[7] + 0xFFFFFFCu - b[7], t8 = a[8] + 0xFFFFFFCu - b[8];
            uint t9 = a[9] + 0xFFFFFCu - b[9];
            Carry(r, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9);
        }

        /// <summary>r = -a (weakly normalised). Security: constant time.</summary>
        public static void Negate(uint[] r, uint[] a)
        {
            uint t0 = 0xFFFF0BCu - a[0], t1 = 0xFFFFEFCu - a[1], t2 = 0xFFFFFFCu - a[2];
            uint t3 = 0xFFFFFFCu - a[3], t4 = 0xFFFFFFCu - a[4], t5 = 0xFFFFFFCu - a[5];
            uint t6 = 0xFFFFFFCu - a[6], t7 = 0xFFFFFFCu - a[7], t8 = 0xFFFFFFCu - a[8];
            uint t9 = 0xFFFFFCu - a[9];
            Carry(r, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9);
        }

        /// <summary>r = a * k for a small public constant k (at most 64). Security: constant time.</summary>
        public static void MulInt(uint[] r, uint[] a, uint k)
        {
            Carry(r, a[0] * k, a[1] * k, a[2] * k, a[3] * k, a[4] * k, a[5] * k, a[6] * k, a[7] * k, a[8] * k, a[9] * k);
        }

        /// <summary>
        /// Folds the bits of limb 9 above 2^22 (weight 2^256) back into limbs 0 and 1 and propagates
        /// carries once; inputs have limbs below 2^29, so one pass restores the weak form.
        /// </summary>
        private static void Carry(uint[] r, uint t0, uint t1, uint t2, uint t3, uint t4, uint t5, uint t6, uint t7, uint t8, uint t9)
        {
            uint top = t9 >> 22;
            t9 &= M22;
            t0 += top * 0x3D1u;
            t1 += top << 6;
            t1 += t0 >> 26; t0 &= M26;
            t2 += t1 >> 26; t1 &= M26;
            t3 += t2 >> 26; t2 &= M26;
            t4 += t3 >> 26; t3 &= M26;
            t5 += t4 >> 26; t4 &= M26;
            t6 += t5 >> 26; t5 &= M26;
            t7 += t6 >> 26; t6 &= M26;
            t8 += t7 >> 26; t7 &= M26;
            t9 += t8 >> 26; t8 &= M26;
            r[9] = t9;
            r[0] = t0; r[1] = t1; r[2] = t2; r[3] = t3; r[4] = t4; r[5] = t5; r[6] = t6; r[7] = t7; r[8] = t8;
        }

        /// <summary>
        /// Brings r to the unique representative in [0, p). Security: constant time (the final
        /// subtraction of p is applied by mask).
        /// </summary>
        public static void Normalize(uint[] r)
        {
            // One weak pass makes the value < 2^256 + 2^36, hence < 2p.
            Carry(r, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]);

            // w = r + (2^256 - p); r >= p exactly when w reaches 2^256.
            uint w0 = r[0] + 0x3D1u;
            uint w1 = r[1] + 0x40u + (w0 >> 26); w0 &= M26;
            uint w2 = r[2] + (w1 >> 26); w1 &= M26;
            uint w3 = r[3] + (w2 >> 26); w2 &= M26;
            uint w4 = r[4] + (w3 >> 26); w3 &= M26;
            uint w5 = r[5] + (w4 >> 26); w4 &= M26;
            uint w6 = r[6] + (w5 >> 26); w5 &= M26;
            uint w7 = r[7] + (w6 >> 26); w6 &= M26;
            uint w8 = r[8] + (w7 >> 26); w7 &= M26;
            uint w9 = r[9] + (w8 >> 26); w8 &= M26;
            uint geq = 0u - (w9 >> 22);
            w9 &= M22;
            r[0] ^= geq & (r[0] ^ w0); r[1] ^= geq & (r[1] ^ w1); r[2] ^= geq & (r[2] ^ w2);
            r[3] ^= geq & (r[3] ^ w3); r[4] ^= geq & (r[4] ^ w4); r[5] ^= geq & (r[5] ^ w5);
            r[6] ^= geq & (r[6] ^ w6); r[7] ^= geq & (r[7] ^ w7); r[8] ^= geq & (r[8] ^ w8);
            r[9] ^= geq & (r[9] ^ w9);
        }

        /// <summary>
        /// Loads 32 big-endian bytes into r (not reduced). Returns an all-ones mask when the value is
        /// below p (canonical) and zero when it is at or above p. Security: constant time.
        /// </summary>
        public static uint FromBytes(uint[] r, byte[] source, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                r[i] = 0;
            }

            for (int i = 0; i < 32; i++)
            {
                int bit = 8 * (31 - i);
                uint b = source[offset + i];
                int limb = bit / 26;
                int shift = bit % 26;
                r[limb] |= (b << shift) & M26;
                if (shift > 18 && limb < 9)
                {
                    r[limb + 1] |= b >> (26 - shift);
                }
            }

            // value + (2^256 - p) reaches 2^256 (bit 22 of limb 9) exactly when value >= p.
            uint c = (r[0] + 0x3D1u) >> 26;
            c = (r[1] + 0x40u + c) >> 26;
            for (int i = 2; i < 9; i++)
            {
                c = (r[i] + c) >> 26;
            }

            c = (r[9] + c) >> 22;
            return c - 1u;
        }

        /// <summary>Writes the normalised element a as 32 big-endian bytes. a must be normalised.</summary>
        public static void ToBytes(uint[] a, byte[] destination, int offset)
        {
            for (int i = 0; i < 32; i++)
            {
                int bit = 8 * (31 - i);
                int limb = bit / 26;
                int shift = bit % 26;
                uint v = a[limb] >> shift;
                if (shift > 18 && limb < 9)
                {
                    v |= a[limb + 1] << (26 - shift);
                }

                destination[offset + i] = (byte)v;
            }
        }

        /// <summary>
        /// All-ones when the weakly normalised a is zero mod p, else zero. A weak value is below 2p,
        /// so it is zero mod p exactly when its limbs are all zero or spell p. Security: constant time.
        /// </summary>
        public static uint IsZero(uint[] a)
        {
            uint z = a[0] | a[1] | a[2] | a[3] | a[4] | a[5] | a[6] | a[7] | a[8] | a[9];
            uint q = (a[0] ^ 0x3FFFC2Fu) | (a[1] ^ 0x3FFFFBFu) | (a[2] ^ M26) | (a[3] ^ M26) | (a[4] ^ M26)
                | (a[5] ^ M26) | (a[6] ^ M26) | (a[7] ^ M26) | (a[8] ^ M26) | (a[9] ^ M22);
            return ConstantTime.IsZeroMask(z) | ConstantTime.IsZeroMask(q);
        }

        /// <summary>All-ones when a and b are equal mod p. Security: constant time.</summary>
        public static uint Equal(uint[] a, uint[] b)
        {
            uint[] t = new uint[Limbs];
            Sub(t, a, b);
            uint equal = IsZero(t);
            Wipe.Words(t);
            return equal;
        }

        /// <summary>1 when the normalised element a is odd, else 0. a must be normalised.</summary>
        public static uint IsOdd(uint[] a)
        {
            return a[0] & 1u;
        }

        /// <summary>r = a when mask is all-ones; r unchanged when mask is zero. Security: constant time.</summary>
        public static void Select(uint[] r, uint[] a, uint mask)
        {
            r[0] ^= mask & (r[0] ^ a[0]); r[1] ^= mask & (r[1] ^ a[1]); r[2] ^= mask & (r[2] ^ a[2]);
            r[3] ^= mask & (r[3] ^ a[3]); r[4] ^= mask & (r[4] ^ a[4]); r[5] ^= mask & (r[5] ^ a[5]);
            r[6] ^= mask & (r[6] ^ a[6]); r[7] ^= mask & (r[7] ^ a[7]); r[8] ^= mask & (r[8] ^ a[8]);
            r[9] ^= mask & (r[9] ^ a[9]);
        }

        /// <summary>r = a^(2^n) by n squarings (n public).</summary>
        private static void SqrN(uint[] r, uint[] a, int n)
        {
            Sqr(r, a);
            for (int i = 1; i < n; i++)
            {
                Sqr(r, r);
            }
        }

        /// <summary>
        /// Fills x2..x223 style blocks: returns a^(2^223 - 1) in <paramref name="x223"/> and
        /// a^(2^22 - 1), a^(2^2 - 1) in <paramref name="x22"/>, <paramref name="x2"/>. Shared by
        /// <see cref="Invert"/> and <see cref="Sqrt"/> (the exponents p - 2 and (p + 1) / 4 both start with 223 ones).
        /// </summary>
        private static void Blocks(uint[] a, uint[] x2, uint[] x22, uint[] x223)
        {
            uint[] x3 = new uint[Limbs];
            uint[] x6 = new uint[Limbs];
            uint[] x9 = new uint[Limbs];
            uint[] x11 = new uint[Limbs];
            uint[] x44 = new uint[Limbs];
            uint[] x88 = new uint[Limbs];
            uint[] t = new uint[Limbs];
            Sqr(x2, a); Mul(x2, x2, a);
            Sqr(x3, x2); Mul(x3, x3, a);
            SqrN(x6, x3, 3); Mul(x6, x6, x3);
            SqrN(x9, x6, 3); Mul(x9, x9, x3);
            SqrN(x11, x9, 2); Mul(x11, x11, x2);
            SqrN(x22, x11, 11); Mul(x22, x22, x11);
            SqrN(x44, x22, 22); Mul(x44, x44, x22);
            SqrN(x88, x44, 44); Mul(x88, x88, x44);
            SqrN(t, x88, 88); Mul(t, t, x88);          // x176
            SqrN(t, t, 44); Mul(t, t, x44);            // x220
            SqrN(x223, t, 3); Mul(x223, x223, x3);
            Wipe.Words(x3); Wipe.Words(x6); Wipe.Words(x9); Wipe.Words(x11); Wipe.Words(x44); Wipe.Words(x88); Wipe.Words(t);
        }

        /// <summary>
        /// r = a^(p-2) = 1/a mod p (Fermat; 0 maps to 0). Fixed addition chain: 255 squarings and
        /// 15 multiplications. Security: constant time.
        /// </summary>
        public static void Invert(uint[] r, uint[] a)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.FieldInversions++;
            }

            uint[] x2 = new uint[Limbs];
            uint[] x22 = new uint[Limbs];
            uint[] t = new uint[Limbs];
            Blocks(a, x2, x22, t);

            // p - 2 = (2^223 - 1) 2^33 + (2^22 - 1) 2^11 + 0b101101 ... : tail 0 1^22 0000 1 0 11 0 1.
            SqrN(t, t, 23); Mul(t, t, x22);
            SqrN(t, t, 5); Mul(t, t, a);
            SqrN(t, t, 3); Mul(t, t, x2);
            SqrN(t, t, 2); Mul(r, t, a);
            Wipe.Words(x2); Wipe.Words(x22); Wipe.Words(t);
        }

        /// <summary>
        /// r = a^((p+1)/4), a square root of a when one exists (p = 3 mod 4). Returns an all-ones mask
        /// when r^2 = a, zero when a is not a square. r must not alias a. Security: constant time.
        /// </summary>
        public static uint Sqrt(uint[] r, uint[] a)
        {
            uint[] x2 = new uint[Limbs];
            uint[] x22 = new uint[Limbs];
            uint[] t = new uint[Limbs];
            Blocks(a, x2, x22, t);
            SqrN(t, t, 23); Mul(t, t, x22);
            SqrN(t, t, 6); Mul(t, t, x2);
            SqrN(r, t, 2);
            Sqr(t, r);
            uint ok = Equal(t, a);
            Wipe.Words(x2); Wipe.Words(x22); Wipe.Words(t);
            return ok;
        }
    }
}
