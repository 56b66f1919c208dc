namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Arithmetic modulo a 256-bit m = 2^256 − c (c below 2^130) on eight 32-bit limbs, little-endian;
    /// used for the secp256k1 group order n (c ≈ 2^128.3) in the RVOLE's scalar loops.
    /// </summary>
    /// <remarks>
    /// Internal helper: crypto/Secp256k1 exposes scalar arithmetic only byte-wise through its backend
    /// (no subtraction, a parse per call); the RVOLE needs ~3 300 scalar products per signature, so it
    /// keeps limbs here. See README "Scalar arithmetic, wiping and constant time". Invariant: every input and output is fully reduced
    /// (below m). Results may alias inputs (r = a is allowed) except where a method says otherwise.
    /// Security: loop counts and memory access do not depend on values; carries and the final
    /// subtraction are done with masks. Nothing here allocates: products and reductions run in the
    /// caller's work buffer (<see cref="WorkWords"/> words), which then holds values derived from the
    /// operands until the caller wipes it (allocated once per party or round, wiped in a finally block).
    /// </remarks>
    internal sealed class Mod256
    {
        /// <summary>Words of the work buffer <see cref="Mul"/>, <see cref="Pow"/> and <see cref="Invert"/> need.</summary>
        public const int WorkWords = 2 * ProductWords;

        /// <summary>The secp256k1 group order n.</summary>
        public static readonly Mod256 N = new Mod256(new uint[] { 0xD0364141, 0xBFD25E8C, 0xAF48A03B, 0xBAAEDCE6, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF });

        // A 512-bit product plus one limb of headroom for the folds.
        private const int ProductWords = 17;

        private readonly uint[] _m;
        private readonly uint[] _c = new uint[5];
        private readonly uint[] _minus2 = new uint[8];

        private Mod256(uint[] modulus)
        {
            _m = modulus;

            // c = 2^256 − m (two's complement of m in 256 bits; it fits in five limbs for both moduli).
            ulong borrow = 0;
            for (int i = 0; i < 5; i++)
            {
                ulong d = 0UL - _m[i] - borrow;
                _c[i] = (uint)d;
                borrow = (d >> 63) & 1;
            }

            borrow = 2;
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)_m[i] - borrow;
                _minus2[i] = (uint)d;
                borrow = (d >> 63) & 1;
            }
        }

        /// <summary>The modulus limbs (do not modify).</summary>
        public uint[] Modulus
        {
            get { return _m; }
        }

        /// <summary>r = a + b mod m.</summary>
        public void Add(uint[] r, uint[] a, uint[] b)
        {
            ulong carry = 0;
            for (int i = 0; i < 8; i++)
            {
                carry += (ulong)a[i] + b[i];
                r[i] = (uint)carry;
                carry >>= 32;
            }

            Finish(r, r, (uint)carry);
        }

        /// <summary>r = a − b mod m.</summary>
        public void Sub(uint[] r, uint[] a, uint[] b)
        {
            ulong borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)a[i] - b[i] - borrow;
                r[i] = (uint)d;
                borrow = (d >> 63) & 1;
            }

            // Add m back when the subtraction borrowed.
            uint mask = 0u - (uint)borrow;
            ulong carry = 0;
            for (int i = 0; i < 8; i++)
            {
                carry += (ulong)r[i] + (_m[i] & mask);
                r[i] = (uint)carry;
                carry >>= 32;
            }
        }

        /// <summary>r = −a mod m (0 stays 0).</summary>
        public void Negate(uint[] r, uint[] a)
        {
            uint nonzero = 0;
            for (int i = 0; i < 8; i++)
            {
                nonzero |= a[i];
            }

            // All ones unless a = 0, without a branch: (x | −x) has its top bit set iff x ≠ 0.
            uint mask = 0u - ((nonzero | (0u - nonzero)) >> 31);
            ulong borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)(_m[i] & mask) - a[i] - borrow;
                r[i] = (uint)d;
                borrow = (d >> 63) & 1;
            }
        }

        /// <summary>r = a · b mod m, computed in <paramref name="work"/> (<see cref="WorkWords"/> words, left holding intermediates).</summary>
        public void Mul(uint[] r, uint[] a, uint[] b, uint[] work)
        {
            System.Array.Clear(work, 0, ProductWords);
            for (int i = 0; i < 8; i++)
            {
                ulong carry = 0;
                ulong ai = a[i];
                for (int j = 0; j < 8; j++)
                {
                    carry += (ai * b[j]) + work[i + j];
                    work[i + j] = (uint)carry;
                    carry >>= 32;
                }

                work[i + 8] = (uint)carry;
            }

            // Folds with 2^256 ≡ c (mod m). The limb counts above 2^256 follow from the bounds, not from
            // the values: the product is below 2^512 (8 high limbs); after one fold it is below
            // 2^256 + 2^384.3 (5); after two below 2^258 (1); after three below 2^256 + 2^131 < 2m.
            Fold(work, 8);
            Fold(work, 5);
            Fold(work, 1);
            Finish(r, work, work[8]);
        }

        /// <summary>
        /// r = a^e mod m for a public exponent e (eight limbs); r must not be a. Uses <paramref name="work"/>
        /// as <see cref="Mul"/> does.
        /// </summary>
        public void Pow(uint[] r, uint[] a, uint[] e, uint[] work)
        {
            System.Array.Clear(r, 0, 8);
            r[0] = 1;
            for (int bit = 255; bit >= 0; bit--)
            {
                Mul(r, r, r, work);
                if (((e[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    Mul(r, r, a, work);
                }
            }
        }

        /// <summary>r = a^(m−2) = a^−1 mod m (Fermat; 0 maps to 0); r must not be a.</summary>
        public void Invert(uint[] r, uint[] a, uint[] work)
        {
            Pow(r, a, _minus2, work);
        }

        /// <summary>All-ones if a ≥ m (a given as eight limbs), else zero.</summary>
        public uint NotBelowMask(uint[] a)
        {
            ulong borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)a[i] - _m[i] - borrow;
                borrow = (d >> 63) & 1;
            }

            return (uint)borrow - 1u;
        }

        /// <summary>Reduces an eight-limb value below 2^256 into [0, m) (one conditional subtraction).</summary>
        public void ReduceOnce(uint[] r, uint[] a)
        {
            Finish(r, a, 0);
        }

        // t = work[0..17) with `high` limbs above 2^256 that may be nonzero: t := low + high·c, computed in
        // work[17..34) and copied back. Every carry runs to the top limb, whatever its value.
        private void Fold(uint[] work, int high)
        {
            System.Array.Copy(work, 0, work, ProductWords, 8);
            System.Array.Clear(work, ProductWords + 8, ProductWords - 8);
            for (int i = 0; i < high; i++)
            {
                ulong carry = 0;
                ulong hi = work[8 + i];
                for (int j = 0; j < 5; j++)
                {
                    int k = ProductWords + i + j;
                    carry += (hi * _c[j]) + work[k];
                    work[k] = (uint)carry;
                    carry >>= 32;
                }

                for (int k = ProductWords + i + 5; k < 2 * ProductWords; k++)
                {
                    carry += work[k];
                    work[k] = (uint)carry;
                    carry >>= 32;
                }
            }

            System.Array.Copy(work, ProductWords, work, 0, ProductWords);
        }

        // (t[0..8) + top·2^256) below 2m: r = that − m if it is ≥ m, else unchanged. r may be t. The
        // comparison is one borrow chain, the subtraction a second one with m masked.
        private void Finish(uint[] r, uint[] t, uint top)
        {
            ulong borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong x = (ulong)t[i] - _m[i] - borrow;
                borrow = (x >> 63) & 1;
            }

            ulong rest = (ulong)top - borrow;
            uint subtract = (uint)((rest >> 63) & 1) - 1u;
            borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong x = (ulong)t[i] - (_m[i] & subtract) - borrow;
                r[i] = (uint)x;
                borrow = (x >> 63) & 1;
            }
        }
    }
}
