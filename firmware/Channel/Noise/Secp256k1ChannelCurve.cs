using CardFirmware.Crypto;
using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The card's curve for the channel: <see cref="IChannelCurve"/> over the project's secp256k1
    /// backend (managed, or native when present). BOLT #8 keys are 33-byte compressed points only:
    /// an uncompressed or hybrid prefix is refused before the backend sees it.
    /// </summary>
    /// <remarks>Security: private-key operations are the backend's constant-time members; the
    /// temporary copy of a peer point is public data. Not thread-safe: the scratch buffers are the
    /// instance's, allocated once, so each card (each thread) has an instance of its own.</remarks>
    public sealed class Secp256k1ChannelCurve : IChannelCurve
    {
        private readonly ISecp256k1Backend _backend;
        private readonly byte[] _point = new byte[NoiseConstants.PublicKeySize];
        private readonly byte[] _check = new byte[NoiseConstants.PublicKeySize];
        private readonly byte[] _reduced = new byte[NoiseConstants.KeySize];

        /// <summary>Uses <paramref name="backend"/> (e.g. <see cref="ManagedSecp256k1Backend.Instance"/>).</summary>
        public Secp256k1ChannelCurve(ISecp256k1Backend backend)
        {
            if (backend == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            _backend = backend;
        }

        /// <inheritdoc />
        public bool IsValidPrivateKey(byte[] privateKey)
        {
            if (privateKey == null || privateKey.Length != NoiseConstants.KeySize)
            {
                return false;
            }

            try
            {
                bool atOrAboveOrder = _backend.ScalarReduce(privateKey, _reduced);
                bool zero = ConstantTime.IsZero(privateKey, 0, NoiseConstants.KeySize);
                return !atOrAboveOrder & !zero;
            }
            finally
            {
                Wipe.Bytes(_reduced);
            }
        }

        /// <inheritdoc />
        public void PublicKey(byte[] privateKey, byte[] publicKey)
        {
            _backend.BaseMul(privateKey, publicKey);
        }

        /// <inheritdoc />
        public bool IsValidPublicKey(byte[] encoded, int offset)
        {
            if (!CopyCompressed(encoded, offset))
            {
                return false;
            }

            try
            {
                _backend.ReencodePoint(_point, true, _check);
                return true;
            }
            catch (CryptoException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public bool Multiply(byte[] privateKey, byte[] publicKey, int offset, byte[] sharedPoint)
        {
            if (!CopyCompressed(publicKey, offset))
            {
                return false;
            }

            try
            {
                _backend.PointMul(privateKey, _point, sharedPoint);
                return true;
            }
            catch (CryptoException)
            {
                return false;
            }
        }

        private bool CopyCompressed(byte[] encoded, int offset)
        {
            if (encoded == null || offset < 0 || offset > encoded.Length - NoiseConstants.PublicKeySize)
            {
                return false;
            }

            byte prefix = encoded[offset];
            if (prefix != 0x02 && prefix != 0x03)
            {
                return false;
            }

            System.Array.Copy(encoded, offset, _point, 0, NoiseConstants.PublicKeySize);
            return true;
        }
    }
}
