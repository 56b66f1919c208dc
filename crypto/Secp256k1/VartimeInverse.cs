namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Modular inversion by the binary extended Euclidean algorithm over eight 32-bit words, for an
    /// odd modulus (p or n). Much faster than Fermat exponentiation, but its running time depends on
    /// the input.
    /// </summary>
    /// <remarks>
    /// Invariants: 0 &lt; a &lt; m, m odd; u, v stay in [0, m] and x1, x2 in [0, m), with
    /// x1 a = u and x2 a = v (mod m) throughout. Security: VARIABLE TIME: only ever call it on public
    /// values (a signature's s, the Z of a verification result).
    /// </remarks>
    internal static class VartimeInverse
    {
        private const int Words = 8;

        /// <summary>r = a^-1 mod m (little-endian words); a must be in (0, m). Variable time.</summary>
        public static void InvertVartime(uint[] r, uint[] a, uint[] m)
        {
            uint[] u = new uint[Words];
            uint[] v = new uint[Words];
            uint[] x1 = new uint[Words];
            uint[] x2 = new uint[Words];
            System.Array.Copy(a, 0, u, 0, Words);
            System.Array.Copy(m, 0, v, 0, Words);
            x1[0] = 1;
            while (!IsOne(u) && !IsOne(v))
            {
                while ((u[0] & 1) == 0)
                {
                    ShiftRight(u, 0);
                    Halve(x1, m);
                }

                while ((v[0] & 1) == 0)
                {
                    ShiftRight(v, 0);
                    Halve(x2, m);
                }

                if (Compare(u, v) >= 0)
                {
                    Subtract(u, v);
                    SubtractMod(x1, x2, m);
                }
                else
                {
                    Subtract(v, u);
                    SubtractMod(x2, x1, m);
                }
            }

            System.Array.Copy(IsOne(u) ? x1 : x2, 0, r, 0, Words);
        }

        /// <summary>r = a^-1 mod p for a field element (any weak form, non-zero mod p). Variable time.</summary>
        public static void InvertFieldVartime(uint[] r, uint[] a)
        {
            uint[] t = new uint[Field.Limbs];
            Field.Copy(t, a);
            Field.Normalize(t);
            byte[] bytes = new byte[32];
            Field.ToBytes(t, bytes, 0);
            uint[] w = ToWords(bytes);
            InvertVartime(w, w, FieldPrimeWords);
            for (int i = 0; i < Words; i++)
            {
                int o = 28 - (4 * i);
                uint x = w[i];
                bytes[o] = (byte)(x >> 24);
                bytes[o + 1] = (byte)(x >> 16);
                bytes[o + 2] = (byte)(x >> 8);
                bytes[o + 3] = (byte)x;
            }

            Field.FromBytes(r, bytes, 0);
        }

        /// <summary>p in little-endian words.</summary>
        private static readonly uint[] FieldPrimeWords =
        {
            0xFFFFFC2Fu, 0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
        };

        private static uint[] ToWords(byte[] bytes)
        {
            uint[] w = new uint[Words];
            for (int i = 0; i < Words; i++)
            {
                int o = 28 - (4 * i);
                w[i] = ((uint)bytes[o] << 24) | ((uint)bytes[o + 1] << 16) | ((uint)bytes[o + 2] << 8) | bytes[o + 3];
            }

            return w;
        }

        private static bool IsOne(uint[] x)
        {
            if (x[0] != 1)
            {
                return false;
            }

            for (int i = 1; i < Words; i++)
            {
                if (x[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int Compare(uint[] a, uint[] b)
        {
            for (int i = Words - 1; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] > b[i] ? 1 : -1;
                }
            }

            return 0;
        }

        /// <summary>x = (x >> 1) with <paramref name="top"/> shifted into bit 255.</summary>
        private static void ShiftRight(uint[] x, uint top)
        {
            for (int i = 0; i < Words - 1; i++)
            {
                x[i] = (x[i] >> 1) | (x[i + 1] << 31);
            }

            x[Words - 1] = (x[Words - 1] >> 1) | (top << 31);
        }

        /// <summary>x = x / 2 mod m (adds m first when x is odd; the 257th bit is carried in).</summary>
        private static void Halve(uint[] x, uint[] m)
        {
            uint top = 0;
            if ((x[0] & 1) != 0)
            {
                ulong carry = 0;
                for (int i = 0; i < Words; i++)
                {
                    carry += (ulong)x[i] + m[i];
                    x[i] = (uint)carry;
                    carry >>= 32;
                }

                top = (uint)carry;
            }

            ShiftRight(x, top);
        }

        /// <summary>a = a - b (a &gt;= b).</summary>
        private static void Subtract(uint[] a, uint[] b)
        {
            long borrow = 0;
            for (int i = 0; i < Words; i++)
            {
                borrow += (long)a[i] - b[i];
                a[i] = (uint)borrow;
                borrow >>= 32;
            }
        }

        /// <summary>a = (a - b) mod m for a, b in [0, m).</summary>
        private static void SubtractMod(uint[] a, uint[] b, uint[] m)
        {
            long borrow = 0;
            for (int i = 0; i < Words; i++)
            {
                borrow += (long)a[i] - b[i];
                a[i] = (uint)borrow;
                borrow >>= 32;
            }

            if (borrow != 0)
            {
                ulong carry = 0;
                for (int i = 0; i < Words; i++)
                {
                    carry += (ulong)a[i] + m[i];
                    a[i] = (uint)carry;
                    carry >>= 32;
                }
            }
        }
    }
}
