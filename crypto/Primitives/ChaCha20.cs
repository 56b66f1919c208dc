namespace CardFirmware.Crypto
{
    /// <summary>
    /// The ChaCha20 stream cipher of RFC 8439 section 2.3-2.4: 256-bit key, 96-bit nonce,
    /// 32-bit block counter, 64-byte keystream blocks, all words little-endian.
    /// </summary>
    /// <remarks>
    /// Security: add-rotate-xor only, so constant time by construction. The working state and
    /// keystream are wiped before returning. Never reuse a (key, nonce) pair for two messages.
    /// </remarks>
    public static class ChaCha20
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes.</summary>
        public const int NonceSize = 12;

        /// <summary>Keystream block size in bytes.</summary>
        public const int BlockSize = 64;

        /// <summary>
        /// Writes the 64-byte keystream block for (<paramref name="key"/>, <paramref name="counter"/>,
        /// <paramref name="nonce"/>) to <paramref name="output"/> at <paramref name="outputOffset"/>
        /// (RFC 8439 section 2.3).
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for a key that is not 32 bytes, a nonce that is not 12 bytes, or no room for 64 bytes.</exception>
        public static void Block(byte[] key, uint counter, byte[] nonce, byte[] output, int outputOffset)
        {
            Guard.Exact(key, KeySize);
            Guard.Exact(nonce, NonceSize);
            Guard.Range(output, outputOffset, BlockSize);
            uint[] state = new uint[16];
            uint[] keystream = new uint[16];
            try
            {
                InitState(state, key, nonce, counter);
                Core(state, keystream);
                for (int i = 0; i < 16; i++)
                {
                    ByteOrder.WriteUInt32LittleEndian(keystream[i], output, outputOffset + (i * 4));
                }
            }
            finally
            {
                Wipe.Words(state);
                Wipe.Words(keystream);
            }
        }

        /// <summary>
        /// XORs <paramref name="count"/> bytes of input with the keystream starting at block
        /// <paramref name="initialCounter"/> (RFC 8439 section 2.4). Encryption and decryption are
        /// the same operation. In-place use (same buffer and offset) is allowed.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad key/nonce sizes, ranges, or a message that would wrap the 32-bit counter.</exception>
        public static void Xor(byte[] key, byte[] nonce, uint initialCounter, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            Guard.Exact(key, KeySize);
            Guard.Exact(nonce, NonceSize);
            Guard.Range(input, inputOffset, count);
            Guard.Range(output, outputOffset, count);
            CheckCounterRange(initialCounter, count);
            uint[] state = new uint[16];
            uint[] keystream = new uint[16];
            try
            {
                InitState(state, key, nonce, initialCounter);
                XorBlocks(state, keystream, input, inputOffset, output, outputOffset, count);
            }
            finally
            {
                Wipe.Words(state);
                Wipe.Words(keystream);
            }
        }

        /// <summary>Throws InvalidLength if <paramref name="count"/> bytes starting at block <paramref name="initialCounter"/> would wrap the counter.</summary>
        internal static void CheckCounterRange(uint initialCounter, int count)
        {
            long blocks = ((long)count + BlockSize - 1) / BlockSize;
            if ((long)initialCounter + blocks > 0x100000000L)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        /// <summary>Sets the 16-word state: constants, key, counter, nonce (RFC 8439 section 2.3). Sizes are checked by the caller.</summary>
        internal static void InitState(uint[] state, byte[] key, byte[] nonce, uint counter)
        {
            // "expand 32-byte k" as four little-endian words.
            state[0] = 0x61707865;
            state[1] = 0x3320646e;
            state[2] = 0x79622d32;
            state[3] = 0x6b206574;
            for (int i = 0; i < 8; i++)
            {
                state[4 + i] = ByteOrder.ReadUInt32LittleEndian(key, i * 4);
            }

            state[12] = counter;
            state[13] = ByteOrder.ReadUInt32LittleEndian(nonce, 0);
            state[14] = ByteOrder.ReadUInt32LittleEndian(nonce, 4);
            state[15] = ByteOrder.ReadUInt32LittleEndian(nonce, 8);
        }

        /// <summary>
        /// XORs <paramref name="count"/> bytes with keystream from <paramref name="state"/>, advancing
        /// its counter word once per block. Ranges are checked by the caller.
        /// </summary>
        internal static void XorBlocks(uint[] state, uint[] keystream, byte[] input, int inputOffset, byte[] output, int outputOffset, int count)
        {
            while (count > 0)
            {
                Core(state, keystream);
                state[12]++;
                int take = count < BlockSize ? count : BlockSize;
                int word = 0;
                int j = 0;
                for (; j + 4 <= take; j += 4)
                {
                    uint k = keystream[word++];
                    output[outputOffset + j] = (byte)(input[inputOffset + j] ^ k);
                    output[outputOffset + j + 1] = (byte)(input[inputOffset + j + 1] ^ (k >> 8));
                    output[outputOffset + j + 2] = (byte)(input[inputOffset + j + 2] ^ (k >> 16));
                    output[outputOffset + j + 3] = (byte)(input[inputOffset + j + 3] ^ (k >> 24));
                }

                if (j < take)
                {
                    uint k = keystream[word];
                    for (; j < take; j++)
                    {
                        output[outputOffset + j] = (byte)(input[inputOffset + j] ^ k);
                        k >>= 8;
                    }
                }

                inputOffset += take;
                outputOffset += take;
                count -= take;
            }
        }

        /// <summary>
        /// The ChaCha20 block function (RFC 8439 section 2.3): 20 rounds as 10 double rounds over
        /// locals, then the feed-forward addition. Writes 16 keystream words to <paramref name="output"/>.
        /// </summary>
        internal static void Core(uint[] state, uint[] output)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.ChaCha20Blocks++;
            }

            uint x0 = state[0];
            uint x1 = state[1];
            uint x2 = state[2];
            uint x3 = state[3];
            uint x4 = state[4];
            uint x5 = state[5];
            uint x6 = state[6];
            uint x7 = state[7];
            uint x8 = state[8];
            uint x9 = state[9];
            uint x10 = state[10];
            uint x11 = state[11];
            uint x12 = state[12];
            uint x13 = state[13];
            uint x14 = state[14];
            uint x15 = state[15];

            for (int i = 0; i < 10; i++)
            {
                // Column round (RFC 8439 section 2.1 quarter rounds on columns), then diagonal round.
                x0 += x4; x12 ^= x0; x12 = (x12 << 16) | (x12 >> 16);
                x8 += x12; x4 ^= x8; x4 = (x4 << 12) | (x4 >> 20);
                x0 += x4; x12 ^= x0; x12 = (x12 << 8) | (x12 >> 24);
                x8 += x12; x4 ^= x8; x4 = (x4 << 7) | (x4 >> 25);
                x1 += x5; x13 ^= x1; x13 = (x13 << 16) | (x13 >> 16);
                x9 += x13; x5 ^= x9; x5 = (x5 << 12) | (x5 >> 20);
                x1 += x5; x13 ^= x1; x13 = (x13 << 8) | (x13 >> 24);
                x9 += x13; x5 ^= x9; x5 = (x5 << 7) | (x5 >> 25);
                x2 += x6; x14 ^= x2; x14 = (x14 << 16) | (x14 >> 16);
                x10 += x14; x6 ^= x10; x6 = (x6 << 12) | (x6 >> 20);
                x2 += x6; x14 ^= x2; x14 = (x14 << 8) | (x14 >> 24);
                x10 += x14; x6 ^= x10; x6 = (x6 << 7) | (x6 >> 25);
                x3 += x7; x15 ^= x3; x15 = (x15 << 16) | (x15 >> 16);
                x11 += x15; x7 ^= x11; x7 = (x7 << 12) | (x7 >> 20);
                x3 += x7; x15 ^= x3; x15 = (x15 << 8) | (x15 >> 24);
                x11 += x15; x7 ^= x11; x7 = (x7 << 7) | (x7 >> 25);
                x0 += x5; x15 ^= x0; x15 = (x15 << 16) | (x15 >> 16);
                x10 += x15; x5 ^= x10; x5 = (x5 << 12) | (x5 >> 20);
                x0 += x5; x15 ^= x0; x15 = (x15 << 8) | (x15 >> 24);
                x10 += x15; x5 ^= x10; x5 = (x5 << 7) | (x5 >> 25);
                x1 += x6; x12 ^= x1; x12 = (x12 << 16) | (x12 >> 16);
                x11 += x12; x6 ^= x11; x6 = (x6 << 12) | (x6 >> 20);
                x1 += x6; x12 ^= x1; x12 = (x12 << 8) | (x12 >> 24);
                x11 += x12; x6 ^= x11; x6 = (x6 << 7) | (x6 >> 25);
                x2 += x7; x13 ^= x2; x13 = (x13 << 16) | (x13 >> 16);
                x8 += x13; x7 ^= x8; x7 = (x7 << 12) | (x7 >> 20);
                x2 += x7; x13 ^= x2; x13 = (x13 << 8) | (x13 >> 24);
                x8 += x13; x7 ^= x8; x7 = (x7 << 7) | (x7 >> 25);
                x3 += x4; x14 ^= x3; x14 = (x14 << 16) | (x14 >> 16);
                x9 += x14; x4 ^= x9; x4 = (x4 << 12) | (x4 >> 20);
                x3 += x4; x14 ^= x3; x14 = (x14 << 8) | (x14 >> 24);
                x9 += x14; x4 ^= x9; x4 = (x4 << 7) | (x4 >> 25);
            }

            output[0] = x0 + state[0];
            output[1] = x1 + state[1];
            output[2] = x2 + state[2];
            output[3] = x3 + state[3];
            output[4] = x4 + state[4];
            output[5] = x5 + state[5];
            output[6] = x6 + state[6];
            output[7] = x7 + state[7];
            output[8] = x8 + state[8];
            output[9] = x9 + state[9];
            output[10] = x10 + state[10];
            output[11] = x11 + state[11];
            output[12] = x12 + state[12];
            output[13] = x13 + state[13];
            output[14] = x14 + state[14];
            output[15] = x15 + state[15];
        }
    }
}
