using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The handshake's hashing (BOLT #8, "Handshake State"): h = SHA-256(h || data), ECDH =
    /// SHA-256(compressed point) and the two-output HKDF, all as whole-message calls into the
    /// card's <see cref="IArithmeticBackend"/>, so that with the native module a handshake makes a
    /// few dozen native calls instead of interpreting every SHA-256 compression.
    /// HKDF is RFC 5869 with info empty and 64 bytes out: PRK = HMAC(salt, ikm),
    /// T1 = HMAC(PRK, 0x01), T2 = HMAC(PRK, T1 || 0x02).
    /// </summary>
    /// <remarks>Security: the scratch buffers hold h, the PRK and HKDF output blocks; they are the
    /// instance's, allocated once, and wiped after every call. Not thread-safe (one per handshake).</remarks>
    internal sealed class ChannelHash
    {
        private const int HashSize = NoiseConstants.KeySize;

        // h (32) followed by the largest handshake datum mixed in (act three's 49-byte ciphertext);
        // a longer prologue gets a larger buffer once, in Initialize.
        private const int DefaultScratch = HashSize + 64;

        private readonly IArithmeticBackend _backend;
        private readonly byte[] _prk = new byte[HashSize];
        private readonly byte[] _counterOne = new byte[] { 0x01 };
        private readonly byte[] _block = new byte[HashSize + 1];
        private byte[] _scratch = new byte[DefaultScratch];

        internal ChannelHash(IArithmeticBackend backend)
        {
            if (backend == null)
            {
                throw new ChannelException(ChannelError.InvalidConfiguredKey);
            }

            _backend = backend;
        }

        /// <summary>The backend the handshake's and the transport's ChaCha20-Poly1305 also run on.</summary>
        internal IArithmeticBackend Backend
        {
            get { return _backend; }
        }

        /// <summary>output[0..32) = SHA-256(data[offset..offset+count)).</summary>
        internal void Hash(byte[] data, int offset, int count, byte[] output)
        {
            _backend.Sha256(data, offset, count, output, 0);
        }

        /// <summary>h = SHA-256(h || data[offset..offset+count)), h being 32 bytes updated in place.</summary>
        internal void MixHash(byte[] h, byte[] data, int offset, int count)
        {
            if (_scratch.Length < HashSize + count)
            {
                Wipe.Bytes(_scratch);
                _scratch = new byte[HashSize + count];
            }

            try
            {
                System.Array.Copy(h, 0, _scratch, 0, HashSize);
                System.Array.Copy(data, offset, _scratch, HashSize, count);
                _backend.Sha256(_scratch, 0, HashSize + count, h, 0);
            }
            finally
            {
                Wipe.Bytes(_scratch);
            }
        }

        /// <summary>
        /// (first, second) = HKDF(salt, ikm). <paramref name="first"/> may be the same array as
        /// <paramref name="salt"/>, and <paramref name="second"/> the same as <paramref name="ikm"/>.
        /// </summary>
        internal void Derive(byte[] salt, byte[] ikm, byte[] first, byte[] second)
        {
            try
            {
                _backend.HmacSha256(salt, ikm, 0, ikm.Length, _prk, 0);
                _backend.HmacSha256(_prk, _counterOne, 0, 1, _block, 0);
                _block[HashSize] = 0x02;
                _backend.HmacSha256(_prk, _block, 0, HashSize + 1, second, 0);
                System.Array.Copy(_block, 0, first, 0, HashSize);
            }
            finally
            {
                Wipe.Bytes(_prk);
                Wipe.Bytes(_block);
            }
        }
    }
}
