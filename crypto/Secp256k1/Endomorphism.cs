namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// The GLV endomorphism of secp256k1: lambda * (x, y) = (beta * x, y), with lambda^3 = 1 (mod n)
    /// and beta^3 = 1 (mod p). A scalar k splits as k = k1 + k2 lambda (mod n) with |k1|, |k2| below
    /// about 2^128, so a*G + b*P needs half as many doublings (Gallant, Lambert, Vanstone 2001;
    /// the lattice basis a1, b1, a2, b2 and the rounding constants g1, g2 follow Guide to ECC,
    /// algorithm 3.74, and are the values libsecp256k1 documents in scalar_impl.h).
    /// </summary>
    /// <remarks>
    /// Invariants: <see cref="Split"/> and <see cref="SplitVartime"/> return magnitudes below 2^129 and
    /// signs such that k = (neg1 ? -k1 : k1) + (neg2 ? -k2 : k2) lambda (mod n). Security:
    /// <see cref="Split"/> is constant time (signs as masks) and serves the constant-time k P;
    /// <see cref="SplitVartime"/> returns the signs as bools for the verification path.
    /// </remarks>
    internal static class Endomorphism
    {
        /// <summary>lambda (mod n), little-endian words.</summary>
        private static readonly uint[] Lambda =
        {
            0x1B23BD72u, 0xDF02967Cu, 0x20816678u, 0x122E22EAu, 0x8812645Au, 0xA5261C02u, 0xC05C30E0u, 0x5363AD4Cu,
        };

        /// <summary>g1 = round(2^384 b2 / n).</summary>
        private static readonly uint[] G1 =
        {
            0x45DBB031u, 0xE893209Au, 0x71E8CA7Fu, 0x3DAA8A14u, 0x9284EB15u, 0xE86C90E4u, 0xA7D46BCDu, 0x3086D221u,
        };

        /// <summary>g2 = round(2^384 (-b1) / n).</summary>
        private static readonly uint[] G2 =
        {
            0x8AC47F71u, 0x1571B4AEu, 0x9DF506C6u, 0x221208ACu, 0x0ABFE4C4u, 0x6F547FA9u, 0x010E8828u, 0xE4437ED6u,
        };

        /// <summary>-b1 = 0xE4437ED6010E88286F547FA90ABFE4C3.</summary>
        private static readonly uint[] MinusB1 = { 0x0ABFE4C3u, 0x6F547FA9u, 0x010E8828u, 0xE4437ED6u, 0, 0, 0, 0 };

        /// <summary>-b2 mod n, with b2 = a1 = 0x3086D221A7D46BCDE86C90E49284EB15.</summary>
        private static readonly uint[] MinusB2 =
        {
            0x3DB1562Cu, 0xD765CDA8u, 0x0774346Du, 0x8A280AC5u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
        };

        /// <summary>beta (mod p), big endian.</summary>
        private static readonly byte[] BetaBytes =
        {
            0x7A, 0xE9, 0x6A, 0x2B, 0x65, 0x7C, 0x07, 0x10, 0x6E, 0x64, 0x47, 0x9E, 0xAC, 0x34, 0x34, 0xE9,
            0x9C, 0xF0, 0x49, 0x75, 0x12, 0xF5, 0x89, 0x95, 0xC1, 0x39, 0x6C, 0x28, 0x71, 0x95, 0x01, 0xEE,
        };

        private static readonly uint[] Beta = MakeBeta();

        private static uint[] MakeBeta()
        {
            uint[] b = Field.Create();
            Field.FromBytes(b, BetaBytes, 0);
            return b;
        }

        /// <summary>r = lambda * a = (beta * a.x, a.y) for an affine point (a new point).</summary>
        public static AffinePoint Apply(AffinePoint a)
        {
            AffinePoint r = new AffinePoint();
            Field.Mul(r.X, a.X, Beta);
            Field.Normalize(r.X);
            Field.Copy(r.Y, a.Y);
            r.Infinity = a.Infinity;
            return r;
        }

        /// <summary>
        /// Splits k into k1 + k2 lambda (mod n): writes the magnitudes (below 2^129) and returns the
        /// signs in <paramref name="negative1"/> / <paramref name="negative2"/>. Variable time.
        /// </summary>
        public static void SplitVartime(uint[] k, uint[] k1, uint[] k2, out bool negative1, out bool negative2)
        {
            uint mask1;
            uint mask2;
            Split(k, k1, k2, out mask1, out mask2);
            negative1 = mask1 != 0;
            negative2 = mask2 != 0;
        }

        /// <summary>
        /// As <see cref="SplitVartime"/>, with the signs returned as masks (all-ones = negative):
        /// k = (neg1 ? -k1 : k1) + (neg2 ? -k2 : k2) lambda (mod n), k1 and k2 below 2^129.
        /// Security: constant time (fixed-length products, signs applied by mask); the temporaries
        /// are wiped, so k may be secret.
        /// </summary>
        public static void Split(uint[] k, uint[] k1, uint[] k2, out uint negative1, out uint negative2)
        {
            uint[] c1 = MulShift384Rounded(k, G1);
            uint[] c2 = MulShift384Rounded(k, G2);
            uint[] t = Scalar.Create();
            try
            {
                // k2 = -c1 b1 - c2 b2; k1 = k - k2 lambda (mod n).
                Scalar.Mul(k2, c1, MinusB1);
                Scalar.Mul(t, c2, MinusB2);
                Scalar.Add(k2, k2, t);
                Scalar.Mul(t, k2, Lambda);
                Scalar.Sub(k1, k, t);

                negative1 = Scalar.IsHigh(k1);
                Scalar.ConditionalNegate(k1, k1, negative1);
                negative2 = Scalar.IsHigh(k2);
                Scalar.ConditionalNegate(k2, k2, negative2);
            }
            finally
            {
                Wipe.Words(c1);
                Wipe.Words(c2);
                Wipe.Words(t);
            }
        }

        /// <summary>round(k g / 2^384) for 256-bit k and g (the result is below 2^129, so it is a reduced scalar).</summary>
        private static uint[] MulShift384Rounded(uint[] k, uint[] g)
        {
            uint[] product = new uint[16];
            for (int i = 0; i < 8; i++)
            {
                ulong carry = 0;
                for (int j = 0; j < 8; j++)
                {
                    carry += ((ulong)k[i] * g[j]) + product[i + j];
                    product[i + j] = (uint)carry;
                    carry >>= 32;
                }

                product[i + 8] = (uint)carry;
            }

            // floor(x / 2^384) + bit 383 of x.
            uint[] r = Scalar.Create();
            ulong c = product[11] >> 31;
            for (int i = 0; i < 4; i++)
            {
                c += product[12 + i];
                r[i] = (uint)c;
                c >>= 32;
            }

            r[4] = (uint)c;
            Wipe.Words(product);
            return r;
        }
    }
}
