using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// BIP-32 public (non-hardened) child derivation, "CKDpub": for each index i &lt; 2^31,
    /// I = HMAC-SHA512(cc, ser_P(P) ‖ ser_32(i)), P' = P + I_L·G, cc' = I_R. The sum of the I_L is the
    /// tweak every party adds to its share, so the threshold key follows the public derivation.
    /// </summary>
    internal sealed class ChildDerivation
    {
        private ChildDerivation(Point publicKey, byte[] chainCode, Scalar tweak)
        {
            PublicKey = publicKey;
            ChainCode = chainCode;
            Tweak = tweak;
        }

        /// <summary>Child public key.</summary>
        public Point PublicKey { get; }

        /// <summary>Child chain code (32 bytes).</summary>
        public byte[] ChainCode { get; }

        /// <summary>Total additive tweak from the root to the child.</summary>
        public Scalar Tweak { get; }

        /// <summary>Derives along <paramref name="path"/> (null or empty: the root itself).</summary>
        /// <exception cref="ThresholdException">InvalidParameters for a hardened index or an invalid child (probability ~2^-127).</exception>
        public static ChildDerivation Derive(ISecp256k1Backend backend, Point root, byte[] rootChainCode, uint[] path)
        {
            Point p = root;
            byte[] cc = new byte[32];
            System.Array.Copy(rootChainCode, 0, cc, 0, 32);
            Scalar tweak = Scalar.Zero();
            int length = path == null ? 0 : path.Length;
            byte[] data = new byte[Params.PointBytes + 4];
            for (int d = 0; d < length; d++)
            {
                uint index = path[d];
                if (index >= 0x80000000u)
                {
                    throw new ThresholdException(ThresholdError.InvalidParameters, 0);
                }

                p.WriteTo(data, 0);
                data[33] = (byte)(index >> 24);
                data[34] = (byte)(index >> 16);
                data[35] = (byte)(index >> 8);
                data[36] = (byte)index;
                byte[] i = HmacSha512.Compute(cc, data);
                Scalar left = Scalar.FromBytesStrict(i, 0);
                if (left == null)
                {
                    throw new ThresholdException(ThresholdError.InvalidParameters, 0);
                }

                p = p.Add(backend, Point.MulBase(backend, left));
                if (p.IsInfinity)
                {
                    throw new ThresholdException(ThresholdError.InvalidParameters, 0);
                }

                tweak = tweak.Add(left);
                System.Array.Copy(i, 32, cc, 0, 32);
            }

            return new ChildDerivation(p, cc, tweak);
        }
    }
}
