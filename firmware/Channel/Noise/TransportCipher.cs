using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// One direction of the transport: key k, chaining key ck and the nonce counter n. After every
    /// encryption or decryption n grows by one; when it reaches 1000 the key rotates:
    /// ck', k' = HKDF(ck, k) and n = 0 (BOLT #8, "Lightning Message Key Rotation"). Counters are
    /// implicit, so a replayed, reordered or dropped message fails its MAC. Each message is one
    /// ChaCha20-Poly1305 call into the card's <see cref="IArithmeticBackend"/> (native on the card).
    /// </summary>
    /// <remarks>Security: key and chaining key are wiped by <see cref="Wipe"/>.</remarks>
    internal sealed class TransportCipher
    {
        private readonly byte[] _key = new byte[NoiseConstants.KeySize];
        private readonly byte[] _chainingKey = new byte[NoiseConstants.KeySize];
        private readonly byte[] _nonceBytes = new byte[12];
        private readonly IArithmeticBackend _aead;
        private ulong _nonce;

        /// <summary>Starts with <paramref name="key"/> and <paramref name="chainingKey"/> (both copied) and nonce 0.</summary>
        internal TransportCipher(byte[] key, byte[] chainingKey, IArithmeticBackend aead)
        {
            _aead = aead;
            System.Array.Copy(key, 0, _key, 0, NoiseConstants.KeySize);
            System.Array.Copy(chainingKey, 0, _chainingKey, 0, NoiseConstants.KeySize);
        }

        /// <summary>The next nonce value (0..999).</summary>
        internal ulong Nonce
        {
            get { return _nonce; }
        }

        /// <summary>Encrypts with empty associated data, writing ciphertext || tag; then advances the nonce.</summary>
        internal void Encrypt(byte[] plaintext, int offset, int count, byte[] output, int outputOffset)
        {
            SymmetricState.SetNonce(_nonceBytes, _nonce);
            _aead.ChaCha20Poly1305Seal(_key, _nonceBytes, null, plaintext, offset, count, output, outputOffset);
            Advance();
        }

        /// <summary>
        /// Decrypts ciphertext || tag with empty associated data. On success advances the nonce and
        /// returns true; on failure returns false, leaves the nonce alone and zeroes the output region.
        /// </summary>
        internal bool Decrypt(byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            SymmetricState.SetNonce(_nonceBytes, _nonce);
            if (!_aead.ChaCha20Poly1305Open(_key, _nonceBytes, null, input, offset, count, output, outputOffset))
            {
                return false;
            }

            Advance();
            return true;
        }

        /// <summary>Zeroes key and chaining key.</summary>
        internal void Wipe()
        {
            CardFirmware.Crypto.Wipe.Bytes(_key);
            CardFirmware.Crypto.Wipe.Bytes(_chainingKey);
            _nonce = 0;
        }

        private void Advance()
        {
            _nonce++;
            if (_nonce == NoiseConstants.RotationInterval)
            {
                KeyDerivation.Derive(_chainingKey, _key, _chainingKey, _key);
                _nonce = 0;
            }
        }
    }
}
