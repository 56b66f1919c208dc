namespace CardFirmware.Crypto
{
    /// <summary>
    /// Managed AES-128/192/256 forward block encryption (FIPS 197), constant time: the S-box is
    /// computed algebraically (inversion in GF(2^8) as x^254, then the affine map), four bytes at a
    /// time in one 32-bit word, so no table is indexed by key or data.
    /// </summary>
    /// <remarks>
    /// State layout: four column words, byte r of column c in bits 8r..8r+7 of word c (the
    /// little-endian reading of input bytes 4c..4c+3, FIPS 197 section 3.4).
    /// Speed: this is the reference and the fallback. A card should bind the native
    /// <c>Aes</c> behind <see cref="ICryptoProvider"/>; the algebraic S-box costs about
    /// a hundred times a table lookup.
    /// Security: <see cref="Dispose"/> wipes the key schedule; the round state lives only in locals.
    /// </remarks>
    public sealed class AesEncryptor : IAesBlockEncryptor
    {
        /// <summary>Block size in bytes.</summary>
        public const int BlockSize = 16;

        private readonly uint[] _roundKeys;
        private readonly int _rounds;
        private bool _disposed;

        /// <summary>Expands a 16-, 24- or 32-byte key (FIPS 197 section 5.2). The key is not retained.</summary>
        /// <exception cref="CryptoException">NullBuffer, or InvalidKey for any other key length.</exception>
        public AesEncryptor(byte[] key)
        {
            Guard.NotNull(key);
            if (key.Length != 16 && key.Length != 24 && key.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidKey);
            }

            int keyWords = key.Length / 4;
            _rounds = keyWords + 6;
            _roundKeys = new uint[4 * (_rounds + 1)];
            for (int i = 0; i < keyWords; i++)
            {
                _roundKeys[i] = ByteOrder.ReadUInt32LittleEndian(key, i * 4);
            }

            uint roundConstant = 1;
            for (int i = keyWords; i < _roundKeys.Length; i++)
            {
                uint temp = _roundKeys[i - 1];
                if (i % keyWords == 0)
                {
                    // RotWord moves byte 1 to position 0: a right rotation in this packing.
                    temp = SubBytes((temp >> 8) | (temp << 24)) ^ roundConstant;
                    roundConstant = XTime(roundConstant);
                }
                else if (keyWords > 6 && i % keyWords == 4)
                {
                    temp = SubBytes(temp);
                }

                _roundKeys[i] = _roundKeys[i - keyWords] ^ temp;
            }
        }

        /// <inheritdoc/>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength for bad ranges or a count that is not a multiple of 16; Disposed after <see cref="Dispose"/>.</exception>
        public void EncryptBlocks(byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            if (_disposed)
            {
                throw new CryptoException(CryptoError.Disposed);
            }

            Guard.Range(input, inputOffset, count);
            Guard.Range(output, outputOffset, count);
            if ((count & (BlockSize - 1)) != 0)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            for (int done = 0; done < count; done += BlockSize)
            {
                EncryptBlock(input, inputOffset + done, output, outputOffset + done);
            }
        }

        /// <summary>Wipes the key schedule; later calls throw <see cref="CryptoError.Disposed"/>.</summary>
        public void Dispose()
        {
            Wipe.Words(_roundKeys);
            _disposed = true;
        }

        private void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.AesBlocks++;
            }

            uint s0 = ByteOrder.ReadUInt32LittleEndian(input, inputOffset) ^ _roundKeys[0];
            uint s1 = ByteOrder.ReadUInt32LittleEndian(input, inputOffset + 4) ^ _roundKeys[1];
            uint s2 = ByteOrder.ReadUInt32LittleEndian(input, inputOffset + 8) ^ _roundKeys[2];
            uint s3 = ByteOrder.ReadUInt32LittleEndian(input, inputOffset + 12) ^ _roundKeys[3];

            for (int round = 1; round <= _rounds; round++)
            {
                s0 = SubBytes(s0);
                s1 = SubBytes(s1);
                s2 = SubBytes(s2);
                s3 = SubBytes(s3);

                // ShiftRows (FIPS 197 section 5.1.2): row r of column c comes from column c + r.
                uint t0 = (s0 & 0x000000ff) | (s1 & 0x0000ff00) | (s2 & 0x00ff0000) | (s3 & 0xff000000);
                uint t1 = (s1 & 0x000000ff) | (s2 & 0x0000ff00) | (s3 & 0x00ff0000) | (s0 & 0xff000000);
                uint t2 = (s2 & 0x000000ff) | (s3 & 0x0000ff00) | (s0 & 0x00ff0000) | (s1 & 0xff000000);
                uint t3 = (s3 & 0x000000ff) | (s0 & 0x0000ff00) | (s1 & 0x00ff0000) | (s2 & 0xff000000);

                if (round < _rounds)
                {
                    t0 = MixColumn(t0);
                    t1 = MixColumn(t1);
                    t2 = MixColumn(t2);
                    t3 = MixColumn(t3);
                }

                int k = 4 * round;
                s0 = t0 ^ _roundKeys[k];
                s1 = t1 ^ _roundKeys[k + 1];
                s2 = t2 ^ _roundKeys[k + 2];
                s3 = t3 ^ _roundKeys[k + 3];
            }

            ByteOrder.WriteUInt32LittleEndian(s0, output, outputOffset);
            ByteOrder.WriteUInt32LittleEndian(s1, output, outputOffset + 4);
            ByteOrder.WriteUInt32LittleEndian(s2, output, outputOffset + 8);
            ByteOrder.WriteUInt32LittleEndian(s3, output, outputOffset + 12);
        }

        /// <summary>
        /// MixColumns on one column (FIPS 197 section 5.1.3): b_r = 2a_r + 3a_(r+1) + a_(r+2) + a_(r+3),
        /// computed as xtime(a_r + a_(r+1)) + a_(r+1) + a_(r+2) + a_(r+3) with rotated copies.
        /// </summary>
        private static uint MixColumn(uint w)
        {
            uint r8 = (w >> 8) | (w << 24);
            uint r16 = (w >> 16) | (w << 16);
            uint r24 = (w >> 24) | (w << 8);
            return XTime(w ^ r8) ^ r8 ^ r16 ^ r24;
        }

        /// <summary>Multiplies each of the four packed bytes by x (0x02) modulo x^8 + x^4 + x^3 + x + 1.</summary>
        private static uint XTime(uint x)
        {
            return ((x & 0x7f7f7f7f) << 1) ^ (((x >> 7) & 0x01010101) * 0x1b);
        }

        /// <summary>Multiplies packed bytes pairwise in GF(2^8); the loop runs eight times whatever the values.</summary>
        private static uint Multiply(uint a, uint b)
        {
            uint product = 0;
            for (int i = 0; i < 8; i++)
            {
                uint mask = ((b >> i) & 0x01010101) * 0xff;
                product ^= a & mask;
                a = XTime(a);
            }

            return product;
        }

        /// <summary>
        /// The AES S-box on four packed bytes (FIPS 197 section 5.1.1): the multiplicative inverse
        /// as x^254 (so 0 maps to 0), by the addition chain 2, 3, 6, 12, 15, 30, 60, 120, 240, 252, 254,
        /// then the affine map b + rotl(b,1) + rotl(b,2) + rotl(b,3) + rotl(b,4) + 0x63 within each byte.
        /// </summary>
        private static uint SubBytes(uint x)
        {
            uint x2 = Multiply(x, x);
            uint x3 = Multiply(x2, x);
            uint x6 = Multiply(x3, x3);
            uint x12 = Multiply(x6, x6);
            uint x15 = Multiply(x12, x3);
            uint x30 = Multiply(x15, x15);
            uint x60 = Multiply(x30, x30);
            uint x120 = Multiply(x60, x60);
            uint x240 = Multiply(x120, x120);
            uint x252 = Multiply(x240, x12);
            uint b = Multiply(x252, x2);

            uint r1 = ((b << 1) & 0xfefefefe) | ((b >> 7) & 0x01010101);
            uint r2 = ((b << 2) & 0xfcfcfcfc) | ((b >> 6) & 0x03030303);
            uint r3 = ((b << 3) & 0xf8f8f8f8) | ((b >> 5) & 0x07070707);
            uint r4 = ((b << 4) & 0xf0f0f0f0) | ((b >> 4) & 0x0f0f0f0f);
            return b ^ r1 ^ r2 ^ r3 ^ r4 ^ 0x63636363;
        }
    }
}
