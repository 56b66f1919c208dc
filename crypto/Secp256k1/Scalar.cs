namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Arithmetic modulo the group order n = 0xFFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B
    /// BFD25E8C D0364141 on eight 32-bit words (uint[8], little endian word order).
    /// </summary>
    /// <remarks>
    /// Invariants: every value a method returns is fully reduced, in [0, n). Inputs must be reduced
    /// too, except <see cref="FromBytes"/> which reduces and reports overflow. Reduction folds the
    /// high half with 2^256 = c (mod n), c = 2^256 - n (129 bits), three times, then subtracts n by mask.
    /// Security: every method is constant time in the values (fixed loops, masks, no early exits);
    /// the exponent of <see cref="Invert"/> is the public n - 2.
    /// </remarks>
    internal static class Scalar
    {
        /// <summary>Words per scalar.</summary>
        public const int Words = 8;

        /// <summary>n, little endian words.</summary>
        internal static readonly uint[] N =
        {
            0xD0364141u, 0xBFD25E8Cu, 0xAF48A03Bu, 0xBAAEDCE6u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
        };

        /// <summary>c = 2^256 - n, little endian words (the fifth word is 1).</summary>
        private static readonly uint[] C = { 0x2FC9BEBFu, 0x402DA173u, 0x50B75FC4u, 0x45512319u, 1u };

        /// <summary>floor(n / 2), the largest "low-S" value.</summary>
        private static readonly uint[] HalfN =
        {
            0x681B20A0u, 0xDFE92F46u, 0x57A4501Du, 0x5D576E73u, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0x7FFFFFFFu,
        };

        /// <summary>A new zero scalar.</summary>
        public static uint[] Create()
        {
            return new uint[Words];
        }

        /// <summary>r = a.</summary>
        public static void Copy(uint[] r, uint[] a)
        {
            System.Array.Copy(a, 0, r, 0, Words);
        }

        /// <summary>Sets r to the small value v.</summary>
        public static void SetInt(uint[] r, uint v)
        {
            r[0] = v;
            for (int i = 1; i < Words; i++)
            {
                r[i] = 0;
            }
        }

        /// <summary>
        /// Loads 32 big-endian bytes and reduces them mod n. Returns an all-ones mask when the input
        /// was at or above n (it has then been reduced), zero otherwise. Security: constant time.
        /// </summary>
        public static uint FromBytes(uint[] r, byte[] source, int offset)
        {
            for (int i = 0; i < Words; i++)
            {
                int o = offset + 28 - (4 * i);
                r[i] = ((uint)source[o] << 24) | ((uint)source[o + 1] << 16) | ((uint)source[o + 2] << 8) | source[o + 3];
            }

            return ReduceOnce(r, 0);
        }

        /// <summary>Writes r as 32 big-endian bytes.</summary>
        public static void ToBytes(uint[] a, byte[] destination, int offset)
        {
            for (int i = 0; i < Words; i++)
            {
                int o = offset + 28 - (4 * i);
                uint w = a[i];
                destination[o] = (byte)(w >> 24);
                destination[o + 1] = (byte)(w >> 16);
                destination[o + 2] = (byte)(w >> 8);
                destination[o + 3] = (byte)w;
            }
        }

        /// <summary>
        /// Given r (256 bits) plus a carry bit <paramref name="high"/> (value below 2n), subtracts n
        /// by mask when the value is at least n. Returns the mask of the subtraction.
        /// </summary>
        private static uint ReduceOnce(uint[] r, uint high)
        {
            // r + c overflows 2^256 exactly when r >= n; first find that carry, then add c by mask
            // (r + c mod 2^256 = r - n).
            ulong carry = 0;
            for (int i = 0; i < Words; i++)
            {
                carry += (ulong)r[i] + (i < 5 ? C[i] : 0u);
                carry >>= 32;
            }

            uint mask = 0u - (((uint)carry | high) & 1u);
            carry = 0;
            for (int i = 0; i < Words; i++)
            {
                carry += (ulong)r[i] + (i < 5 ? (C[i] & mask) : 0u);
                r[i] = (uint)carry;
                carry >>= 32;
            }

            return mask;
        }

        /// <summary>r = (a + b) mod n. Security: constant time.</summary>
        public static void Add(uint[] r, uint[] a, uint[] b)
        {
            ulong carry = 0;
            for (int i = 0; i < Words; i++)
            {
                carry += (ulong)a[i] + b[i];
                r[i] = (uint)carry;
                carry >>= 32;
            }

            ReduceOnce(r, (uint)carry);
        }

        /// <summary>r = -a mod n (0 stays 0). Security: constant time.</summary>
        public static void Negate(uint[] r, uint[] a)
        {
            uint nonzero = ~IsZero(a);
            long borrow = 0;
            for (int i = 0; i < Words; i++)
            {
                borrow += (long)N[i] - a[i];
                r[i] = (uint)borrow & nonzero;
                borrow >>= 32;
            }
        }

        /// <summary>r = (a - b) mod n. Security: constant time.</summary>
        public static void Sub(uint[] r, uint[] a, uint[] b)
        {
            uint[] t = new uint[Words];
            Negate(t, b);
            Add(r, a, t);
            Wipe.Words(t);
        }

        /// <summary>r = -a when mask is all-ones, r = a when it is zero. Security: constant time.</summary>
        public static void ConditionalNegate(uint[] r, uint[] a, uint mask)
        {
            uint[] t = new uint[Words];
            Negate(t, a);
            Copy(r, a);
            Select(r, t, mask);
            Wipe.Words(t);
        }

        /// <summary>r = (a * b) mod n (r may alias a or b). Fully unrolled. Security: constant time.</summary>
        public static void Mul(uint[] r, uint[] a, uint[] b)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.ScalarMultiplications++;
            }

            ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
            ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7];
            ulong t;
            ulong p0 = 0;
            ulong p1 = 0;
            ulong p2 = 0;
            ulong p3 = 0;
            ulong p4 = 0;
            ulong p5 = 0;
            ulong p6 = 0;
            ulong p7 = 0;
            ulong p8 = 0;
            ulong p9 = 0;
            ulong p10 = 0;
            ulong p11 = 0;
            ulong p12 = 0;
            ulong p13 = 0;
            ulong p14 = 0;
            ulong p15 = 0;
            t = 0;
            t += (a0 * b0) + p0;
            p0 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a0 * b1) + p1;
            p1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a0 * b2) + p2;
            p2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a0 * b3) + p3;
            p3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a0 * b4) + p4;
            p4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a0 * b5) + p5;
            p5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a0 * b6) + p6;
            p6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a0 * b7) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p8 = t;
            t = 0;
            t += (a1 * b0) + p1;
            p1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a1 * b1) + p2;
            p2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a1 * b2) + p3;
            p3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a1 * b3) + p4;
            p4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a1 * b4) + p5;
            p5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a1 * b5) + p6;
            p6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a1 * b6) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a1 * b7) + p8;
            p8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p9 = t;
            t = 0;
            t += (a2 * b0) + p2;
            p2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a2 * b1) + p3;
            p3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a2 * b2) + p4;
            p4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a2 * b3) + p5;
            p5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a2 * b4) + p6;
            p6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a2 * b5) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a2 * b6) + p8;
            p8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a2 * b7) + p9;
            p9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p10 = t;
            t = 0;
            t += (a3 * b0) + p3;
            p3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a3 * b1) + p4;
            p4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a3 * b2) + p5;
            p5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a3 * b3) + p6;
            p6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a3 * b4) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a3 * b5) + p8;
            p8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a3 * b6) + p9;
            p9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a3 * b7) + p10;
            p10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p11 = t;
            t = 0;
            t += (a4 * b0) + p4;
            p4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a4 * b1) + p5;
            p5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a4 * b2) + p6;
            p6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a4 * b3) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a4 * b4) + p8;
            p8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a4 * b5) + p9;
            p9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a4 * b6) + p10;
            p10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a4 * b7) + p11;
            p11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p12 = t;
            t = 0;
            t += (a5 * b0) + p5;
            p5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a5 * b1) + p6;
            p6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a5 * b2) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a5 * b3) + p8;
            p8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a5 * b4) + p9;
            p9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a5 * b5) + p10;
            p10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a5 * b6) + p11;
            p11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a5 * b7) + p12;
            p12 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p13 = t;
            t = 0;
            t += (a6 * b0) + p6;
            p6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a6 * b1) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a6 * b2) + p8;
            p8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a6 * b3) + p9;
            p9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a6 * b4) + p10;
            p10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a6 * b5) + p11;
            p11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a6 * b6) + p12;
            p12 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a6 * b7) + p13;
            p13 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p14 = t;
            t = 0;
            t += (a7 * b0) + p7;
            p7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a7 * b1) + p8;
            p8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a7 * b2) + p9;
            p9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a7 * b3) + p10;
            p10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a7 * b4) + p11;
            p11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a7 * b5) + p12;
            p12 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a7 * b6) + p13;
            p13 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (a7 * b7) + p14;
            p14 = t & 0xFFFFFFFFUL;
            t >>= 32;
            p15 = t;

            // Fold 1: m = L + H c (H 256 bits, c 129 bits: at most 386 bits, 13 words).
            ulong m0 = 0;
            ulong m1 = 0;
            ulong m2 = 0;
            ulong m3 = 0;
            ulong m4 = 0;
            ulong m5 = 0;
            ulong m6 = 0;
            ulong m7 = 0;
            ulong m8 = 0;
            ulong m9 = 0;
            ulong m10 = 0;
            ulong m11 = 0;
            ulong m12 = 0;
            t = 0;
            t += (p8 * 0x2FC9BEBFUL) + m0;
            m0 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p8 * 0x402DA173UL) + m1;
            m1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p8 * 0x50B75FC4UL) + m2;
            m2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p8 * 0x45512319UL) + m3;
            m3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p8 * 1UL) + m4;
            m4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m5 = t;
            t = 0;
            t += (p9 * 0x2FC9BEBFUL) + m1;
            m1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p9 * 0x402DA173UL) + m2;
            m2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p9 * 0x50B75FC4UL) + m3;
            m3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p9 * 0x45512319UL) + m4;
            m4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p9 * 1UL) + m5;
            m5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m6 = t;
            t = 0;
            t += (p10 * 0x2FC9BEBFUL) + m2;
            m2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p10 * 0x402DA173UL) + m3;
            m3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p10 * 0x50B75FC4UL) + m4;
            m4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p10 * 0x45512319UL) + m5;
            m5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p10 * 1UL) + m6;
            m6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m7 = t;
            t = 0;
            t += (p11 * 0x2FC9BEBFUL) + m3;
            m3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p11 * 0x402DA173UL) + m4;
            m4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p11 * 0x50B75FC4UL) + m5;
            m5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p11 * 0x45512319UL) + m6;
            m6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p11 * 1UL) + m7;
            m7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m8 = t;
            t = 0;
            t += (p12 * 0x2FC9BEBFUL) + m4;
            m4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p12 * 0x402DA173UL) + m5;
            m5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p12 * 0x50B75FC4UL) + m6;
            m6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p12 * 0x45512319UL) + m7;
            m7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p12 * 1UL) + m8;
            m8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m9 = t;
            t = 0;
            t += (p13 * 0x2FC9BEBFUL) + m5;
            m5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p13 * 0x402DA173UL) + m6;
            m6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p13 * 0x50B75FC4UL) + m7;
            m7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p13 * 0x45512319UL) + m8;
            m8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p13 * 1UL) + m9;
            m9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m10 = t;
            t = 0;
            t += (p14 * 0x2FC9BEBFUL) + m6;
            m6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p14 * 0x402DA173UL) + m7;
            m7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p14 * 0x50B75FC4UL) + m8;
            m8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p14 * 0x45512319UL) + m9;
            m9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p14 * 1UL) + m10;
            m10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m11 = t;
            t = 0;
            t += (p15 * 0x2FC9BEBFUL) + m7;
            m7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p15 * 0x402DA173UL) + m8;
            m8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p15 * 0x50B75FC4UL) + m9;
            m9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p15 * 0x45512319UL) + m10;
            m10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (p15 * 1UL) + m11;
            m11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            m12 = t;
            t = 0;
            t += m0 + p0;
            m0 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m1 + p1;
            m1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m2 + p2;
            m2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m3 + p3;
            m3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m4 + p4;
            m4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m5 + p5;
            m5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m6 + p6;
            m6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m7 + p7;
            m7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m8;
            m8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m9;
            m9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m10;
            m10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m11;
            m11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += m12;
            m12 = t & 0xFFFFFFFFUL;
            t >>= 32;
            // Fold 2: q = m[0..7] + m[8..12] c (below 2^260: 9 words).
            ulong q0 = 0;
            ulong q1 = 0;
            ulong q2 = 0;
            ulong q3 = 0;
            ulong q4 = 0;
            ulong q5 = 0;
            ulong q6 = 0;
            ulong q7 = 0;
            ulong q8 = 0;
            ulong q9 = 0;
            ulong q10 = 0;
            ulong q11 = 0;
            ulong q12 = 0;
            t = 0;
            t += (m8 * 0x2FC9BEBFUL) + q0;
            q0 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m8 * 0x402DA173UL) + q1;
            q1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m8 * 0x50B75FC4UL) + q2;
            q2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m8 * 0x45512319UL) + q3;
            q3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m8 * 1UL) + q4;
            q4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            q5 = t;
            t = 0;
            t += (m9 * 0x2FC9BEBFUL) + q1;
            q1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m9 * 0x402DA173UL) + q2;
            q2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m9 * 0x50B75FC4UL) + q3;
            q3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m9 * 0x45512319UL) + q4;
            q4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m9 * 1UL) + q5;
            q5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            q6 = t;
            t = 0;
            t += (m10 * 0x2FC9BEBFUL) + q2;
            q2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m10 * 0x402DA173UL) + q3;
            q3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m10 * 0x50B75FC4UL) + q4;
            q4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m10 * 0x45512319UL) + q5;
            q5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m10 * 1UL) + q6;
            q6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            q7 = t;
            t = 0;
            t += (m11 * 0x2FC9BEBFUL) + q3;
            q3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m11 * 0x402DA173UL) + q4;
            q4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m11 * 0x50B75FC4UL) + q5;
            q5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m11 * 0x45512319UL) + q6;
            q6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m11 * 1UL) + q7;
            q7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            q8 = t;
            t = 0;
            t += (m12 * 0x2FC9BEBFUL) + q4;
            q4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m12 * 0x402DA173UL) + q5;
            q5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m12 * 0x50B75FC4UL) + q6;
            q6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m12 * 0x45512319UL) + q7;
            q7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (m12 * 1UL) + q8;
            q8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            q9 = t;
            t = 0;
            t += q0 + m0;
            q0 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q1 + m1;
            q1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q2 + m2;
            q2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q3 + m3;
            q3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q4 + m4;
            q4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q5 + m5;
            q5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q6 + m6;
            q6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q7 + m7;
            q7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q8;
            q8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q9;
            q9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q10;
            q10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q11;
            q11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += q12;
            q12 = t & 0xFFFFFFFFUL;
            t >>= 32;
            // Fold 3: s = q[0..7] + q[8] c (below 2^256 + 2^133).
            ulong s0 = 0;
            ulong s1 = 0;
            ulong s2 = 0;
            ulong s3 = 0;
            ulong s4 = 0;
            ulong s5 = 0;
            ulong s6 = 0;
            ulong s7 = 0;
            ulong s8 = 0;
            ulong s9 = 0;
            ulong s10 = 0;
            ulong s11 = 0;
            ulong s12 = 0;
            t = 0;
            t += (q8 * 0x2FC9BEBFUL) + s0;
            s0 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (q8 * 0x402DA173UL) + s1;
            s1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (q8 * 0x50B75FC4UL) + s2;
            s2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (q8 * 0x45512319UL) + s3;
            s3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += (q8 * 1UL) + s4;
            s4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            s5 = t;
            t = 0;
            t += s0 + q0;
            s0 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s1 + q1;
            s1 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s2 + q2;
            s2 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s3 + q3;
            s3 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s4 + q4;
            s4 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s5 + q5;
            s5 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s6 + q6;
            s6 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s7 + q7;
            s7 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s8;
            s8 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s9;
            s9 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s10;
            s10 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s11;
            s11 = t & 0xFFFFFFFFUL;
            t >>= 32;
            t += s12;
            s12 = t & 0xFFFFFFFFUL;
            t >>= 32;
            // Subtract n once by mask: s + c overflows 2^256 (or s8 is set) exactly when s >= n.
            t = 0;
            t += s0 + 0x2FC9BEBFUL;
            t >>= 32;
            t += s1 + 0x402DA173UL;
            t >>= 32;
            t += s2 + 0x50B75FC4UL;
            t >>= 32;
            t += s3 + 0x45512319UL;
            t >>= 32;
            t += s4 + 1UL;
            t >>= 32;
            t += s5 + 0UL;
            t >>= 32;
            t += s6 + 0UL;
            t >>= 32;
            t += s7 + 0UL;
            t >>= 32;
            ulong mask = 0UL - ((t | s8) & 1UL);
            t = 0;
            t += s0 + (0x2FC9BEBFUL & mask);
            r[0] = (uint)t;
            t >>= 32;
            t += s1 + (0x402DA173UL & mask);
            r[1] = (uint)t;
            t >>= 32;
            t += s2 + (0x50B75FC4UL & mask);
            r[2] = (uint)t;
            t >>= 32;
            t += s3 + (0x45512319UL & mask);
            r[3] = (uint)t;
            t >>= 32;
            t += s4 + (1UL & mask);
            r[4] = (uint)t;
            t >>= 32;
            t += s5 + 0UL;
            r[5] = (uint)t;
            t >>= 32;
            t += s6 + 0UL;
            r[6] = (uint)t;
            t >>= 32;
            t += s7 + 0UL;
            r[7] = (uint)t;
            t >>= 32;
        }

        /// <summary>
        /// r = a^(n-2) = 1/a mod n (0 maps to 0), by a 4-bit fixed window over the public exponent.
        /// Security: constant time in a (the exponent is public; table indices come from it).
        /// </summary>
        public static void Invert(uint[] r, uint[] a)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.ScalarInversions++;
            }

            uint[][] table = new uint[16][];
            table[0] = new uint[Words];
            table[0][0] = 1;
            for (int i = 1; i < 16; i++)
            {
                table[i] = new uint[Words];
                Mul(table[i], table[i - 1], a);
            }

            // n - 2: only the lowest word differs from n.
            uint[] acc = new uint[Words];
            acc[0] = 1;
            for (int w = 63; w >= 0; w--)
            {
                uint e = ((w < 8 ? N[0] - 2u : N[w / 8]) >> (4 * (w % 8))) & 0xFu;
                if (w != 63)
                {
                    Mul(acc, acc, acc);
                    Mul(acc, acc, acc);
                    Mul(acc, acc, acc);
                    Mul(acc, acc, acc);
                }

                Mul(acc, acc, table[e]);
            }

            Copy(r, acc);
            for (int i = 0; i < 16; i++)
            {
                Wipe.Words(table[i]);
            }

            Wipe.Words(acc);
        }

        /// <summary>All-ones when a is zero. Security: constant time.</summary>
        public static uint IsZero(uint[] a)
        {
            uint z = 0;
            for (int i = 0; i < Words; i++)
            {
                z |= a[i];
            }

            return ((z | (0u - z)) >> 31) - 1u;
        }

        /// <summary>All-ones when a equals b. Security: constant time.</summary>
        public static uint Equal(uint[] a, uint[] b)
        {
            uint z = 0;
            for (int i = 0; i < Words; i++)
            {
                z |= a[i] ^ b[i];
            }

            return ((z | (0u - z)) >> 31) - 1u;
        }

        /// <summary>All-ones when a &gt; n/2 (a "high-S" value). Security: constant time.</summary>
        public static uint IsHigh(uint[] a)
        {
            // Borrow out of HalfN - a: set exactly when a > HalfN.
            long borrow = 0;
            for (int i = 0; i < Words; i++)
            {
                borrow += (long)HalfN[i] - a[i];
                borrow >>= 32;
            }

            return (uint)borrow;
        }

        /// <summary>r = a when mask is all-ones, unchanged when zero. Security: constant time.</summary>
        public static void Select(uint[] r, uint[] a, uint mask)
        {
            for (int i = 0; i < Words; i++)
            {
                r[i] ^= mask & (r[i] ^ a[i]);
            }
        }

        /// <summary>Bits [offset, offset + count) of a as an integer (count at most 31, offset public).</summary>
        public static uint GetBits(uint[] a, int offset, int count)
        {
            int word = offset >> 5;
            int shift = offset & 31;
            ulong v = a[word];
            if (word + 1 < Words)
            {
                v |= (ulong)a[word + 1] << 32;
            }

            return (uint)(v >> shift) & ((1u << count) - 1u);
        }
    }
}
