namespace CardFirmware.Crypto
{
    /// <summary>
    /// The ChaCha20-Poly1305 AEAD of RFC 8439 section 2.8: 32-byte key, 12-byte nonce, any
    /// additional data, ciphertext the same length as the plaintext followed by a 16-byte tag.
    /// </summary>
    /// <remarks>
    /// Security: constant time in key, data and tag. <see cref="Decrypt"/> checks the tag before
    /// writing any plaintext and compares it in constant time; on failure the output region is
    /// zeroed. A (key, nonce) pair must never encrypt two messages. In-place use is allowed
    /// when input and output share the buffer and offset.
    /// </remarks>
    public static class ChaCha20Poly1305
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes.</summary>
        public const int NonceSize = 12;

        /// <summary>Tag size in bytes.</summary>
        public const int TagSize = 16;

        private static readonly byte[] Empty = new byte[0];

        /// <summary>
        /// Encrypts plaintext[plaintextOffset..+plaintextLength) and writes ciphertext || tag
        /// (plaintextLength + 16 bytes) to <paramref name="output"/> at <paramref name="outputOffset"/>.
        /// </summary>
        /// <param name="key">32-byte key.</param>
        /// <param name="nonce">12-byte nonce, unique per message under this key.</param>
        /// <param name="aad">Additional authenticated data; null means empty.</param>
        /// <param name="plaintext">Source buffer.</param>
        /// <param name="plaintextOffset">Start of the plaintext.</param>
        /// <param name="plaintextLength">Plaintext length in bytes.</param>
        /// <param name="output">Destination buffer.</param>
        /// <param name="outputOffset">Start of the ciphertext in the destination.</param>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad sizes or ranges.</exception>
        public static void Encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int plaintextOffset, int plaintextLength, byte[] output, int outputOffset)
        {
            Guard.Exact(key, KeySize);
            Guard.Exact(nonce, NonceSize);
            Guard.Range(plaintext, plaintextOffset, plaintextLength);
            Guard.NotNull(output);
            if (plaintextLength > output.Length - TagSize)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Guard.Range(output, outputOffset, plaintextLength + TagSize);
            ChaCha20.CheckCounterRange(1, plaintextLength);
            if (aad == null)
            {
                aad = Empty;
            }

            uint[] state = new uint[16];
            uint[] keystream = new uint[16];
            byte[] oneTimeKey = new byte[ChaCha20.BlockSize];
            try
            {
                ChaCha20.InitState(state, key, nonce, 0);
                OneTimeKey(state, keystream, oneTimeKey);
                ChaCha20.XorBlocks(state, keystream, plaintext, plaintextOffset, output, outputOffset, plaintextLength);
                ComputeTag(oneTimeKey, aad, output, outputOffset, plaintextLength, output, outputOffset + plaintextLength);
            }
            finally
            {
                Wipe.Words(state);
                Wipe.Words(keystream);
                Wipe.Bytes(oneTimeKey);
            }
        }

        /// <summary>
        /// Checks the tag of input[inputOffset..+inputLength) (ciphertext || tag) and, if it is
        /// valid, writes the inputLength - 16 plaintext bytes to <paramref name="output"/>.
        /// </summary>
        /// <param name="key">32-byte key.</param>
        /// <param name="nonce">12-byte nonce used to encrypt.</param>
        /// <param name="aad">Additional authenticated data; null means empty.</param>
        /// <param name="input">Source buffer.</param>
        /// <param name="inputOffset">Start of the ciphertext.</param>
        /// <param name="inputLength">Ciphertext plus tag length (at least 16).</param>
        /// <param name="output">Destination buffer with room for inputLength - 16 bytes.</param>
        /// <param name="outputOffset">Start of the plaintext in the destination.</param>
        /// <returns>True if the tag matched; false otherwise, with the output region zeroed.</returns>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad sizes or ranges (including inputLength &lt; 16).</exception>
        public static bool Decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
        {
            Guard.Exact(key, KeySize);
            Guard.Exact(nonce, NonceSize);
            Guard.Range(input, inputOffset, inputLength);
            if (inputLength < TagSize)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            int ciphertextLength = inputLength - TagSize;
            Guard.Range(output, outputOffset, ciphertextLength);
            ChaCha20.CheckCounterRange(1, ciphertextLength);
            if (aad == null)
            {
                aad = Empty;
            }

            uint[] state = new uint[16];
            uint[] keystream = new uint[16];
            byte[] oneTimeKey = new byte[ChaCha20.BlockSize];
            byte[] expectedTag = new byte[TagSize];
            try
            {
                ChaCha20.InitState(state, key, nonce, 0);
                OneTimeKey(state, keystream, oneTimeKey);
                ComputeTag(oneTimeKey, aad, input, inputOffset, ciphertextLength, expectedTag, 0);
                bool valid = ConstantTime.AreEqual(expectedTag, 0, input, inputOffset + ciphertextLength, TagSize);
                if (!valid)
                {
                    System.Array.Clear(output, outputOffset, ciphertextLength);
                    return false;
                }

                ChaCha20.XorBlocks(state, keystream, input, inputOffset, output, outputOffset, ciphertextLength);
                return true;
            }
            finally
            {
                Wipe.Words(state);
                Wipe.Words(keystream);
                Wipe.Bytes(oneTimeKey);
                Wipe.Bytes(expectedTag);
            }
        }

        /// <summary>
        /// RFC 8439 section 2.6: the Poly1305 key is the first 32 bytes of ChaCha20 block 0. The
        /// state's counter is left at 1, ready for the ciphertext.
        /// </summary>
        private static void OneTimeKey(uint[] state, uint[] keystream, byte[] oneTimeKey)
        {
            ChaCha20.Core(state, keystream);
            state[12]++;
            for (int i = 0; i < 16; i++)
            {
                ByteOrder.WriteUInt32LittleEndian(keystream[i], oneTimeKey, i * 4);
            }
        }

        /// <summary>
        /// RFC 8439 section 2.8: Poly1305 over aad || pad16 || ciphertext || pad16 ||
        /// le64(aad length) || le64(ciphertext length).
        /// </summary>
        private static void ComputeTag(byte[] oneTimeKey, byte[] aad, byte[] ciphertext, int ciphertextOffset, int ciphertextLength, byte[] tag, int tagOffset)
        {
            byte[] lengths = new byte[16];
            ByteOrder.WriteUInt32LittleEndian((uint)aad.Length, lengths, 0);
            ByteOrder.WriteUInt32LittleEndian((uint)ciphertextLength, lengths, 8);
            Poly1305 mac = new Poly1305(oneTimeKey, 0);
            try
            {
                mac.Update(aad, 0, aad.Length);
                mac.PadToBlock();
                mac.Update(ciphertext, ciphertextOffset, ciphertextLength);
                mac.PadToBlock();
                mac.Update(lengths, 0, lengths.Length);
                mac.Final(tag, tagOffset);
            }
            finally
            {
                mac.Dispose();
            }
        }
    }
}
