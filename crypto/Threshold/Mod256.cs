namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Arithmetic modulo a 256-bit m = 2^256 − c (c below 2^130) on eight 32-bit limbs, little-endian;
    /// used for the secp256k1 group order n (c ≈ 2^128.3) in the RVOLE's scalar loops.
    /// </summary>
    /// <remarks>
    /// Internal helper: crypto/Secp256k1 exposes scalar arithmetic only byte-wise through its backend
    /// (no subtraction, a parse per call); the RVOLE needs ~3 300 scalar products per signature, so it
    /// keeps limbs here. See README "Curve adapter". Invariant: every input and output is fully reduced
    /// (below m). Security: loop counts and memory access do not depend on values; carries and the final
    /// subtraction are done with masks.
    /// </remarks>
    internal sealed class Mod256
    {
        /// <summary>The secp256k1 group order n.</summary>
        public static readonly Mod256 N = new Mod256(new uint[] { 0xD0364141, 0xBFD25E8C, 0xAF48A03B, 0xBAAEDCE6, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF });

        private readonly uint[] m;
        private readonly uint[] c = new uint[5];
        private readonly uint[] minus2 = new uint[8];

        private Mod256(uint[] modulus)
        {
            m = modulus;

            // c = 2^256 − m (two's complement of m in 256 bits; it fits in five limbs for both moduli).
            uint[] full = new uint[8];
            ulong borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong d = 0UL - m[i] - borrow;
                full[i] = (uint)d;
                borrow = (d >> 63) & 1;
            }

            System.Array.Copy(full, 0, c, 0, 5);
            borrow = 2;
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)m[i] - borrow;
                minus2[i] = (uint)d;
                borrow = (d >> 63) & 1;
            }
        }

        /// <summary>The modulus limbs (do not modify).</summary>
        public uint[] Modulus
        {
            get { return m; }
        }

        /// <summary>r = a + b mod m.</summary>
        public void Add(uint[] r, uint[] a, uint[] b)
        {
            uint[] t = new uint[9];
            ulong carry = 0;
            for (int i = 0; i < 8; i++)
            {
                carry += (ulong)a[i] + b[i];
                t[i] = (uint)carry;
                carry >>= 32;
            }

            t[8] = (uint)carry;
            Finish(r, t);
        }

        /// <summary>r = a − b mod m.</summary>
        public void Sub(uint[] r, uint[] a, uint[] b)
        {
            ulong borrow = 0;
            uint[] t = new uint[8];
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)a[i] - b[i] - borrow;
                t[i] = (uint)d;
                borrow = (d >> 63) & 1;
            }

            // Add m back when the subtraction borrowed.
            uint mask = 0u - (uint)borrow;
            ulong carry = 0;
            for (int i = 0; i < 8; i++)
            {
                carry += (ulong)t[i] + (m[i] & mask);
                r[i] = (uint)carry;
                carry >>= 32;
            }
        }

        /// <summary>r = a · b mod m.</summary>
        public void Mul(uint[] r, uint[] a, uint[] b)
        {
            uint[] t = new uint[17];
            for (int i = 0; i < 8; i++)
            {
                ulong carry = 0;
                ulong ai = a[i];
                for (int j = 0; j < 8; j++)
                {
                    carry += (ai * b[j]) + t[i + j];
                    t[i + j] = (uint)carry;
                    carry >>= 32;
                }

                t[i + 8] = (uint)carry;
            }

            Reduce(t, r);
        }

        /// <summary>r = a^e mod m for a public exponent e (eight limbs).</summary>
        public void Pow(uint[] r, uint[] a, uint[] e)
        {
            uint[] acc = new uint[8];
            acc[0] = 1;
            for (int bit = 255; bit >= 0; bit--)
            {
                Mul(acc, acc, acc);
                if (((e[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    Mul(acc, acc, a);
                }
            }

            System.Array.Copy(acc, 0, r, 0, 8);
            Wipe.Words(acc);
        }

        /// <summary>r = a^(m−2) = a^−1 mod m (Fermat; a must be nonzero for a meaningful result).</summary>
        public void Invert(uint[] r, uint[] a)
        {
            Pow(r, a, minus2);
        }

        /// <summary>All-ones if a ≥ m (a given as eight limbs), else zero.</summary>
        public uint NotBelowMask(uint[] a)
        {
            ulong borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)a[i] - m[i] - borrow;
                borrow = (d >> 63) & 1;
            }

            return (uint)borrow - 1u;
        }

        /// <summary>Reduces an eight-limb value below 2^256 into [0, m) (one conditional subtraction).</summary>
        public void ReduceOnce(uint[] r, uint[] a)
        {
            uint[] t = new uint[9];
            System.Array.Copy(a, 0, t, 0, 8);
            Finish(r, t);
        }

        // t has 17 limbs (a 512-bit product plus headroom). Folds the part above 2^256 with 2^256 = c (mod m)
        // a fixed number of times, then finishes with a conditional subtraction.
        private void Reduce(uint[] t, uint[] r)
        {
            for (int round = 0; round < 3; round++)
            {
                uint[] next = new uint[17];
                System.Array.Copy(t, 0, next, 0, 8);
                for (int i = 0; i < 9; i++)
                {
                    ulong carry = 0;
                    ulong hi = t[8 + i];
                    for (int j = 0; j < 5; j++)
                    {
                        carry += (hi * c[j]) + next[i + j];
                        next[i + j] = (uint)carry;
                        carry >>= 32;
                    }

                    for (int k = i + 5; k < 17 && carry != 0; k++)
                    {
                        carry += next[k];
                        next[k] = (uint)carry;
                        carry >>= 32;
                    }
                }

                System.Array.Copy(next, 0, t, 0, 17);
            }

            uint[] nine = new uint[9];
            System.Array.Copy(t, 0, nine, 0, 9);
            Finish(r, nine);
        }

        // t: nine limbs, value below 2m. r = t − m if t ≥ m, else t.
        private void Finish(uint[] r, uint[] t)
        {
            uint[] d = new uint[8];
            ulong borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong x = (ulong)t[i] - m[i] - borrow;
                d[i] = (uint)x;
                borrow = (x >> 63) & 1;
            }

            ulong top = (ulong)t[8] - borrow;
            uint keep = (uint)((top >> 63) & 1);
            uint mask = 0u - keep;
            for (int i = 0; i < 8; i++)
            {
                r[i] = (t[i] & mask) | (d[i] & ~mask);
            }
        }
    }
}
