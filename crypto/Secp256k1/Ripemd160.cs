namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996), needed only for BIP-32 key fingerprints
    /// (HASH160 = RIPEMD-160(SHA-256(public key))). One-shot over a byte array; 20-byte output.
    /// </summary>
    /// <remarks>Security: processes public keys only; no secret-dependent branches either way.</remarks>
    internal static class Ripemd160
    {
        /// <summary>Digest size in bytes.</summary>
        public const int HashSize = 20;

        private static readonly byte[] RL =
        {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
            3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12,
            1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
            4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
        };

        private static readonly byte[] RR =
        {
            5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12,
            6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
            15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13,
            8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
            12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
        };

        private static readonly byte[] SL =
        {
            11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
            7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
            11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5,
            11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
            9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
        };

        private static readonly byte[] SR =
        {
            8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6,
            9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
            9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5,
            15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
            8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
        };

        private static readonly uint[] KL = { 0x00000000u, 0x5A827999u, 0x6ED9EBA1u, 0x8F1BBCDCu, 0xA953FD4Eu };
        private static readonly uint[] KR = { 0x50A28BE6u, 0x5C4DD124u, 0x6D703EF3u, 0x7A6D76E9u, 0x00000000u };

        /// <summary>RIPEMD-160 of data[offset..offset+count) into output[outputOffset..+20).</summary>
        public static void Hash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            uint[] h = { 0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u };
            int padded = ((count + 8) / 64 + 1) * 64;
            byte[] message = new byte[padded];
            System.Array.Copy(data, offset, message, 0, count);
            message[count] = 0x80;
            ulong bits = (ulong)count * 8;
            for (int i = 0; i < 8; i++)
            {
                message[padded - 8 + i] = (byte)(bits >> (8 * i));
            }

            uint[] x = new uint[16];
            for (int block = 0; block < padded; block += 64)
            {
                for (int i = 0; i < 16; i++)
                {
                    int o = block + (4 * i);
                    x[i] = message[o] | ((uint)message[o + 1] << 8) | ((uint)message[o + 2] << 16) | ((uint)message[o + 3] << 24);
                }

                Compress(h, x);
            }

            for (int i = 0; i < 5; i++)
            {
                output[outputOffset + (4 * i)] = (byte)h[i];
                output[outputOffset + (4 * i) + 1] = (byte)(h[i] >> 8);
                output[outputOffset + (4 * i) + 2] = (byte)(h[i] >> 16);
                output[outputOffset + (4 * i) + 3] = (byte)(h[i] >> 24);
            }
        }

        private static void Compress(uint[] h, uint[] x)
        {
            uint al = h[0], bl = h[1], cl = h[2], dl = h[3], el = h[4];
            uint ar = al, br = bl, cr = cl, dr = dl, er = el;
            for (int j = 0; j < 80; j++)
            {
                int round = j / 16;
                uint t = Rotl(al + F(round, bl, cl, dl) + x[RL[j]] + KL[round], SL[j]) + el;
                al = el; el = dl; dl = Rotl(cl, 10); cl = bl; bl = t;
                t = Rotl(ar + F(4 - round, br, cr, dr) + x[RR[j]] + KR[round], SR[j]) + er;
                ar = er; er = dr; dr = Rotl(cr, 10); cr = br; br = t;
            }

            uint tt = h[1] + cl + dr;
            h[1] = h[2] + dl + er;
            h[2] = h[3] + el + ar;
            h[3] = h[4] + al + br;
            h[4] = h[0] + bl + cr;
            h[0] = tt;
        }

        private static uint F(int round, uint x, uint y, uint z)
        {
            switch (round)
            {
                case 0: return x ^ y ^ z;
                case 1: return (x & y) | (~x & z);
                case 2: return (x | ~y) ^ z;
                case 3: return (x & z) | (y & ~z);
                default: return x ^ (y | ~z);
            }
        }

        private static uint Rotl(uint v, int s)
        {
            return (v << s) | (v >> (32 - s));
        }
    }
}
