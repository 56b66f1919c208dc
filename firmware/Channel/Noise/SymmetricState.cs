using CardFirmware.Crypto;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The Noise symmetric state as BOLT #8 uses it ("Handshake State"): the chaining key ck, the
    /// handshake hash h and the current temporary key temp_k. HKDF(salt, ikm) is RFC 5869 with
    /// salt = ck, empty info and 64 bytes of output split into (ck, temp_k); nonces are 32 zero
    /// bits followed by the 64-bit little-endian counter (BOLT #8, "Authenticated Key Agreement
    /// Handshake").
    /// </summary>
    /// <remarks>Security: every buffer here is secret and is wiped by <see cref="Wipe"/>. The
    /// hashing and the AEAD go through <see cref="ChannelHash"/>'s backend (the card's arithmetic backend).</remarks>
    internal sealed class SymmetricState
    {
        private static readonly byte[] Empty = new byte[0];
        private readonly ChannelHash _hash;
        private readonly byte[] _nonce = new byte[12];

        internal SymmetricState(ChannelHash hash)
        {
            _hash = hash;
        }

        /// <summary>Chaining key.</summary>
        internal readonly byte[] ChainingKey = new byte[NoiseConstants.KeySize];

        /// <summary>Handshake hash.</summary>
        internal readonly byte[] Hash = new byte[NoiseConstants.KeySize];

        /// <summary>The latest temporary key (temp_k1, temp_k2 or temp_k3).</summary>
        internal readonly byte[] TempKey = new byte[NoiseConstants.KeySize];

        // The protocol name's ASCII bytes, built once at start-up (not per handshake: each character is a native call on nanoCLR).
        private static readonly byte[] ProtocolNameBytes = Ascii.Bytes(NoiseConstants.ProtocolName);

        /// <summary>h = SHA-256(protocol name); ck = h; h = SHA-256(h || prologue).</summary>
        internal void Initialize(byte[] prologue)
        {
            _hash.Hash(ProtocolNameBytes, 0, ProtocolNameBytes.Length, Hash);
            System.Array.Copy(Hash, 0, ChainingKey, 0, NoiseConstants.KeySize);
            MixHash(prologue, 0, prologue.Length);
        }

        /// <summary>h = SHA-256(h || data).</summary>
        internal void MixHash(byte[] data, int offset, int count)
        {
            _hash.MixHash(Hash, data, offset, count);
        }

        /// <summary>ck, temp_k = HKDF(ck, ikm).</summary>
        internal void MixKey(byte[] ikm)
        {
            _hash.Derive(ChainingKey, ikm, ChainingKey, TempKey);
        }

        /// <summary>c = encryptWithAD(temp_k, nonce, h, plaintext) written to output; then h = SHA-256(h || c).</summary>
        internal void EncryptAndHash(ulong nonce, byte[] plaintext, int plaintextOffset, int plaintextLength, byte[] output, int outputOffset)
        {
            SetNonce(_nonce, nonce);
            _hash.Backend.ChaCha20Poly1305Seal(TempKey, _nonce, Hash, plaintext, plaintextOffset, plaintextLength, output, outputOffset);
            MixHash(output, outputOffset, plaintextLength + NoiseConstants.TagSize);
        }

        /// <summary>
        /// p = decryptWithAD(temp_k, nonce, h, c); on success h = SHA-256(h || c) and true.
        /// On failure h is unchanged and the output region is zeroed.
        /// </summary>
        internal bool DecryptAndHash(ulong nonce, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
        {
            SetNonce(_nonce, nonce);
            if (!_hash.Backend.ChaCha20Poly1305Open(TempKey, _nonce, Hash, input, inputOffset, inputLength, output, outputOffset))
            {
                return false;
            }

            MixHash(input, inputOffset, inputLength);
            return true;
        }

        /// <summary>first, second = HKDF(ck, zero-length ikm): the two transport keys (BOLT #8 act three, step 9).</summary>
        internal void Split(byte[] first, byte[] second)
        {
            _hash.Derive(ChainingKey, Empty, first, second);
        }

        /// <summary>Zeroes every secret this state holds.</summary>
        internal void Wipe()
        {
            CardFirmware.Crypto.Wipe.Bytes(ChainingKey);
            CardFirmware.Crypto.Wipe.Bytes(Hash);
            CardFirmware.Crypto.Wipe.Bytes(TempKey);
            CardFirmware.Crypto.Wipe.Bytes(_nonce);
        }

        /// <summary>Writes the 96-bit nonce: 4 zero bytes, then <paramref name="counter"/> little-endian.</summary>
        internal static void SetNonce(byte[] nonce, ulong counter)
        {
            nonce[0] = 0;
            nonce[1] = 0;
            nonce[2] = 0;
            nonce[3] = 0;
            for (int i = 0; i < 8; i++)
            {
                nonce[4 + i] = (byte)(counter >> (8 * i));
            }
        }
    }
}
