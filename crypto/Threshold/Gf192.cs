namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Arithmetic in GF(2^192) = GF(2)[x] / (x^192 + x^7 + x^2 + x + 1) for the KOS15 consistency
    /// check. Elements are three 64-bit limbs, little-endian (limb 0 holds x^0..x^63); rows of the
    /// OT-extension matrix map to elements byte by byte (byte k holds bits 8k..8k+7, LSB first).
    /// </summary>
    /// <remarks>
    /// Products are accumulated unreduced in six limbs and reduced once. The windowed product
    /// indexes its table only with bits of the public challenge; <see cref="MulSecret"/> is
    /// branch-free in both operands.
    /// </remarks>
    internal static class Gf192
    {
        /// <summary>Limbs of an element.</summary>
        public const int Limbs = 3;

        /// <summary>Loads 24 bytes at <paramref name="offset"/> as an element into <paramref name="e"/>.</summary>
        public static void Load(byte[] bytes, int offset, ulong[] e)
        {
            for (int l = 0; l < Limbs; l++)
            {
                ulong v = 0;
                for (int b = 7; b >= 0; b--)
                {
                    v = (v << 8) | bytes[offset + (l * 8) + b];
                }

                e[l] = v;
            }
        }

        /// <summary>Stores element <paramref name="e"/> as 24 bytes at <paramref name="offset"/>.</summary>
        public static void Store(ulong[] e, byte[] bytes, int offset)
        {
            for (int l = 0; l < Limbs; l++)
            {
                ulong v = e[l];
                for (int b = 0; b < 8; b++)
                {
                    bytes[offset + (l * 8) + b] = (byte)v;
                    v >>= 8;
                }
            }
        }

        /// <summary>
        /// acc (6 limbs, unreduced) ^= secretValue · publicChallenge, with a 4-bit window on the public
        /// challenge. <paramref name="table"/> is scratch of 16·4 limbs.
        /// </summary>
        public static void MulAccumulatePublic(ulong[] secretValue, ulong[] publicChallenge, ulong[] acc, ulong[] table, ulong[] partial)
        {
            // table[v] = v · secretValue for every 4-bit polynomial v (196 bits, 4 limbs).
            System.Array.Clear(table, 0, 4);
            table[4] = secretValue[0];
            table[5] = secretValue[1];
            table[6] = secretValue[2];
            table[7] = 0;
            for (int v = 2; v < 16; v++)
            {
                int t = v * 4;
                if ((v & 1) == 0)
                {
                    int h = (v >> 1) * 4;
                    table[t + 3] = (table[h + 3] << 1) | (table[h + 2] >> 63);
                    table[t + 2] = (table[h + 2] << 1) | (table[h + 1] >> 63);
                    table[t + 1] = (table[h + 1] << 1) | (table[h] >> 63);
                    table[t] = table[h] << 1;
                }
                else
                {
                    int e = (v - 1) * 4;
                    table[t] = table[e] ^ table[4];
                    table[t + 1] = table[e + 1] ^ table[5];
                    table[t + 2] = table[e + 2] ^ table[6];
                    table[t + 3] = table[e + 3];
                }
            }

            System.Array.Clear(partial, 0, 6);
            for (int w = 47; w >= 0; w--)
            {
                // partial <<= 4 (the product fits in 384 bits, so nothing falls off the top).
                partial[5] = (partial[5] << 4) | (partial[4] >> 60);
                partial[4] = (partial[4] << 4) | (partial[3] >> 60);
                partial[3] = (partial[3] << 4) | (partial[2] >> 60);
                partial[2] = (partial[2] << 4) | (partial[1] >> 60);
                partial[1] = (partial[1] << 4) | (partial[0] >> 60);
                partial[0] <<= 4;
                int nibble = (int)((publicChallenge[w >> 4] >> ((w & 15) * 4)) & 15);
                int t = nibble * 4;
                partial[0] ^= table[t];
                partial[1] ^= table[t + 1];
                partial[2] ^= table[t + 2];
                partial[3] ^= table[t + 3];
            }

            for (int i = 0; i < 6; i++)
            {
                acc[i] ^= partial[i];
            }
        }

        /// <summary>acc (6 limbs, unreduced) ^= a · b, branch-free in both operands.</summary>
        public static void MulSecret(ulong[] a, ulong[] b, ulong[] acc)
        {
            ulong s0 = a[0], s1 = a[1], s2 = a[2], s3 = 0;
            ulong[] r = new ulong[6];
            for (int i = 0; i < 192; i++)
            {
                ulong mask = 0UL - ((b[i >> 6] >> (i & 63)) & 1UL);
                int shift = i >> 6;
                r[shift] ^= s0 & mask;
                r[shift + 1] ^= s1 & mask;
                r[shift + 2] ^= s2 & mask;
                r[shift + 3] ^= s3 & mask;
                if ((i & 63) == 63)
                {
                    // Re-align the shifted copy on the next limb boundary.
                    s0 = a[0];
                    s1 = a[1];
                    s2 = a[2];
                    s3 = 0;
                }
                else
                {
                    s3 = (s3 << 1) | (s2 >> 63);
                    s2 = (s2 << 1) | (s1 >> 63);
                    s1 = (s1 << 1) | (s0 >> 63);
                    s0 <<= 1;
                }
            }

            for (int i = 0; i < 6; i++)
            {
                acc[i] ^= r[i];
            }

            Wipe.Longs(r);
        }

        /// <summary>Reduces the 6-limb value <paramref name="wide"/> into the 3-limb element <paramref name="result"/>.</summary>
        public static void Reduce(ulong[] wide, ulong[] result)
        {
            // x^192 = x^7 + x^2 + x + 1: fold the high 192 bits down, then fold the few bits that spill over.
            ulong h0 = wide[3], h1 = wide[4], h2 = wide[5];
            ulong r0 = wide[0] ^ h0 ^ (h0 << 1) ^ (h0 << 2) ^ (h0 << 7);
            ulong r1 = wide[1] ^ h1 ^ (h1 << 1) ^ (h1 << 2) ^ (h1 << 7) ^ (h0 >> 63) ^ (h0 >> 62) ^ (h0 >> 57);
            ulong r2 = wide[2] ^ h2 ^ (h2 << 1) ^ (h2 << 2) ^ (h2 << 7) ^ (h1 >> 63) ^ (h1 >> 62) ^ (h1 >> 57);
            ulong spill = (h2 >> 63) ^ (h2 >> 62) ^ (h2 >> 57);
            r0 ^= spill ^ (spill << 1) ^ (spill << 2) ^ (spill << 7);
            result[0] = r0;
            result[1] = r1;
            result[2] = r2;
        }
    }
}
