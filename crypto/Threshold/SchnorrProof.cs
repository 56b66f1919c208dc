using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Non-interactive Schnorr proof of knowledge of x with X = x·G (Fiat-Shamir): K = k·G,
    /// e = H(tag ‖ sid ‖ context ‖ X ‖ K), z = k + e·x. Encoding: K (33) ‖ z (32).
    /// </summary>
    /// <remarks>Security: the context binds prover, verifier and purpose, so a proof cannot be replayed elsewhere; k is wiped.</remarks>
    internal static class SchnorrProof
    {
        /// <summary>Bytes of an encoded proof.</summary>
        public const int Bytes = Params.PointBytes + Params.ScalarBytes;

        /// <summary>Writes a proof for <paramref name="x"/> (with X = x·G) at <paramref name="offset"/>.</summary>
        public static void Prove(ISecp256k1Backend backend, byte[] sessionId, int context, Scalar x, Point publicKey, IRandomSource random, byte[] output, int offset)
        {
            Scalar k = Scalar.Random(random);
            try
            {
                Point commitment = Point.MulBase(backend, k);
                Scalar e = new Ro(Tags.SchnorrChallenge).Add(sessionId).AddInt(context).Add(publicKey).Add(commitment).FinishScalar();
                Scalar z = Scalar.MulAdd(e, x, k);
                commitment.WriteTo(output, offset);
                z.WriteTo(output, offset + Params.PointBytes);
                z.Clear();
            }
            finally
            {
                k.Clear();
            }
        }

        /// <summary>Checks the proof at <paramref name="offset"/> for <paramref name="publicKey"/>; false for any invalid encoding.</summary>
        public static bool Verify(ISecp256k1Backend backend, byte[] sessionId, int context, Point publicKey, byte[] proof, int offset)
        {
            Point commitment = Point.Decode(backend, proof, offset);
            Scalar z = Scalar.FromBytesStrict(proof, offset + Params.PointBytes);
            if (commitment == null || z == null)
            {
                return false;
            }

            Scalar e = new Ro(Tags.SchnorrChallenge).Add(sessionId).AddInt(context).Add(publicKey).Add(commitment).FinishScalar();
            Point left = Point.MulBase(backend, z);
            Point right = commitment.Add(backend, publicKey.Mul(backend, e));
            return left.EqualsPoint(right);
        }
    }
}
