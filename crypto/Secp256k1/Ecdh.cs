namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Elliptic-curve Diffie-Hellman on secp256k1 (SEC 1 v2 section 3.3.1): the shared point d * Q,
    /// returned either as its raw x-coordinate (32 bytes, as Wycheproof and SEC 1 define the shared
    /// secret) or as its 33-byte compressed encoding (as BOLT #8 and libsecp256k1 hash it).
    /// </summary>
    /// <remarks>
    /// The peer key is fully validated (on curve, canonical, not infinity) before any secret maths.
    /// Security: constant time in the private key; intermediates are wiped. The caller owns and
    /// wipes the returned secret.
    /// </remarks>
    public sealed class Ecdh
    {
        private readonly ISecp256k1Backend _backend;

        /// <summary>Creates an ECDH engine over <paramref name="backend"/>.</summary>
        public Ecdh(ISecp256k1Backend backend)
        {
            if (backend == null)
            {
                throw new CryptoException(CryptoError.NullBuffer, "Backend is null.");
            }

            _backend = backend;
        }

        /// <summary>The x-coordinate of d * Q (32 bytes, big endian).</summary>
        public byte[] SharedSecretX(byte[] privateKey, byte[] peerPublicKey)
        {
            byte[] point = SharedPoint(privateKey, peerPublicKey);
            byte[] x = new byte[32];
            System.Array.Copy(point, 1, x, 0, 32);
            Wipe.Bytes(point);
            return x;
        }

        /// <summary>d * Q, compressed (33 bytes).</summary>
        public byte[] SharedPoint(byte[] privateKey, byte[] peerPublicKey)
        {
            Ecdsa.CheckPrivateKey(_backend, privateKey);
            if (peerPublicKey == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            byte[] point = new byte[33];
            _backend.PointMul(privateKey, peerPublicKey, point);
            return point;
        }
    }
}
