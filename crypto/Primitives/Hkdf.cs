namespace CardFirmware.Crypto
{
    /// <summary>
    /// HKDF with HMAC-SHA256 (RFC 5869): <see cref="Extract"/> condenses input keying material into
    /// a 32-byte pseudorandom key, <see cref="Expand"/> stretches it into output keying material.
    /// A null salt or info is treated as empty (RFC 5869 section 2.2: an absent salt is 32 zero bytes,
    /// which is the same HMAC key as an empty one).
    /// </summary>
    /// <remarks>
    /// Security: intermediate blocks are wiped before returning. Constant time in the key material;
    /// running time depends only on lengths.
    /// </remarks>
    public static class Hkdf
    {
        /// <summary>Size of the pseudorandom key produced by <see cref="Extract"/>.</summary>
        public const int PrkSize = Sha256.HashSize;

        /// <summary>Largest output <see cref="Expand"/> can produce: 255 * 32 bytes (RFC 5869 section 2.3).</summary>
        public const int MaxOutputLength = 255 * Sha256.HashSize;

        private static readonly byte[] Empty = new byte[0];

        // The block counter of T(1) (RFC 5869 section 2.3); public and never written.
        private static readonly byte[] FirstCounter = new byte[] { 1 };

        /// <summary>
        /// PRK = HMAC-SHA256(salt, ikm[ikmOffset..ikmOffset+ikmCount)) written to
        /// <paramref name="prk32"/>, which must be exactly 32 bytes.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad ranges or a prk buffer that is not 32 bytes.</exception>
        public static void Extract(byte[] salt, byte[] ikm, int ikmOffset, int ikmCount, byte[] prk32)
        {
            Guard.Range(ikm, ikmOffset, ikmCount);
            Guard.Exact(prk32, PrkSize);
            HmacSha256.Compute(salt == null ? Empty : salt, ikm, ikmOffset, ikmCount, prk32, 0);
        }

        /// <summary>
        /// OKM = first <paramref name="length"/> bytes of T(1) | T(2) | ... with
        /// T(i) = HMAC-SHA256(prk, T(i-1) | info | i), written to output at <paramref name="outputOffset"/>.
        /// </summary>
        /// <param name="prk">Pseudorandom key, at least 32 bytes (RFC 5869 section 2.3).</param>
        /// <param name="info">Context string; null means empty.</param>
        /// <param name="output">Destination buffer.</param>
        /// <param name="outputOffset">Where the output starts.</param>
        /// <param name="length">0 to 8160 bytes.</param>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for a short prk, a length above 8160 or a bad output range.</exception>
        public static void Expand(byte[] prk, byte[] info, byte[] output, int outputOffset, int length)
        {
            Guard.NotNull(prk);
            if (prk.Length < PrkSize || length < 0 || length > MaxOutputLength)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Guard.Range(output, outputOffset, length);
            if (info == null)
            {
                info = Empty;
            }

            byte[] block = new byte[Sha256.HashSize];
            byte[] counter = new byte[1];
            HmacSha256 mac = new HmacSha256(prk);
            try
            {
                int written = 0;
                for (int i = 1; written < length; i++)
                {
                    if (i > 1)
                    {
                        mac.Update(block, 0, block.Length);
                    }

                    mac.Update(info, 0, info.Length);
                    counter[0] = (byte)i;
                    mac.Update(counter, 0, 1);
                    mac.Final(block, 0);

                    int take = length - written;
                    if (take > block.Length)
                    {
                        take = block.Length;
                    }

                    System.Array.Copy(block, 0, output, outputOffset + written, take);
                    written += take;
                }
            }
            finally
            {
                mac.Dispose();
                Wipe.Bytes(block);
            }
        }

        /// <summary>
        /// <see cref="Extract(byte[], byte[], int, int, byte[])"/> with the caller's MAC instead of a
        /// new one: allocates nothing (a verification derives its keys on a heap budget).
        /// </summary>
        /// <remarks>Security: <paramref name="mac"/> is rekeyed, and left keyed with the empty key, so nothing derived from the inputs survives the call.</remarks>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad ranges or a prk buffer that is not 32 bytes.</exception>
        public static void Extract(HmacSha256 mac, byte[] salt, byte[] ikm, int ikmOffset, int ikmCount, byte[] prk32)
        {
            if (mac == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            Guard.Range(ikm, ikmOffset, ikmCount);
            Guard.Exact(prk32, PrkSize);
            if (salt == null)
            {
                salt = Empty;
            }

            try
            {
                mac.Rekey(salt, 0, salt.Length);
                mac.Update(ikm, ikmOffset, ikmCount);
                mac.Final(prk32, 0);
            }
            finally
            {
                mac.Rekey(Empty, 0, 0);
            }
        }

        /// <summary>
        /// The first 32 bytes of HKDF-Expand(prk, info, L) for any L of at least 32, that is T(1) =
        /// HMAC-SHA256(prk, info | 0x01), written to output at <paramref name="outputOffset"/>, with the
        /// caller's MAC: allocates nothing. Equal to <c>Expand(prk, info, output, outputOffset, 32)</c>.
        /// </summary>
        /// <remarks>Security: <paramref name="mac"/> is left keyed with the empty key, so nothing derived from the PRK survives the call.</remarks>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for a short prk or a bad output range.</exception>
        public static void ExpandFirstBlock(HmacSha256 mac, byte[] prk, byte[] info, byte[] output, int outputOffset)
        {
            if (mac == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            Guard.NotNull(prk);
            if (prk.Length < PrkSize)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Guard.Range(output, outputOffset, Sha256.HashSize);
            if (info == null)
            {
                info = Empty;
            }

            try
            {
                mac.Rekey(prk, 0, prk.Length);
                mac.Update(info, 0, info.Length);
                mac.Update(FirstCounter, 0, 1);
                mac.Final(output, outputOffset);
            }
            finally
            {
                mac.Rekey(Empty, 0, 0);
            }
        }

        /// <summary>Extract-then-expand in one call; returns <paramref name="length"/> bytes of output keying material.</summary>
        /// <exception cref="CryptoException">NullBuffer if ikm is null; InvalidLength if length is outside 0..8160.</exception>
        public static byte[] DeriveKey(byte[] salt, byte[] ikm, byte[] info, int length)
        {
            Guard.NotNull(ikm);
            if (length < 0 || length > MaxOutputLength)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte[] prk = new byte[PrkSize];
            try
            {
                Extract(salt, ikm, 0, ikm.Length, prk);
                byte[] output = new byte[length];
                Expand(prk, info, output, 0, length);
                return output;
            }
            finally
            {
                Wipe.Bytes(prk);
            }
        }
    

        /// <summary>
        /// The first HKDF-Expand block's HMAC input for <paramref name="info"/> (null means empty): info | 0x01, so that
        /// <see cref="ExpandFirstBlock(IHmacSha256, byte[], byte[], byte[], int)"/> is one HMAC call. Build it once for a constant info.
        /// </summary>
        public static byte[] FirstBlockInput(byte[] info)
        {
            int length = info == null ? 0 : info.Length;
            byte[] input = new byte[length + 1];
            if (length > 0)
            {
                System.Array.Copy(info, 0, input, 0, length);
            }

            input[length] = FirstCounter[0];
            return input;
        }

        /// <summary>
        /// HKDF-Extract (RFC 5869 section 2.2) on <paramref name="hmac"/>: PRK = HMAC-SHA256(salt, ikm), 32 bytes to
        /// <paramref name="prk32"/>. One call into <paramref name="hmac"/> (on the card, the native module); allocates nothing.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad ranges or a prk buffer that is not 32 bytes.</exception>
        public static void Extract(IHmacSha256 hmac, byte[] salt, byte[] ikm, int ikmOffset, int ikmCount, byte[] prk32)
        {
            if (hmac == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            Guard.Range(ikm, ikmOffset, ikmCount);
            Guard.Exact(prk32, PrkSize);
            hmac.HmacSha256(salt == null ? Empty : salt, ikm, ikmOffset, ikmCount, prk32, 0);
        }

        /// <summary>
        /// T(1) = HMAC-SHA256(prk, info | 0x01), the first 32 bytes of HKDF-Expand (RFC 5869 section 2.3) for any length of
        /// at least 32, on <paramref name="hmac"/>: <paramref name="firstBlockInput"/> is info | 0x01 from
        /// <see cref="FirstBlockInput"/>. One call into <paramref name="hmac"/>; allocates nothing.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for a short prk, an empty input or a bad output range.</exception>
        public static void ExpandFirstBlock(IHmacSha256 hmac, byte[] prk, byte[] firstBlockInput, byte[] output, int outputOffset)
        {
            if (hmac == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            Guard.NotNull(prk);
            Guard.NotNull(firstBlockInput);
            if (prk.Length < PrkSize || firstBlockInput.Length == 0 || firstBlockInput[firstBlockInput.Length - 1] != FirstCounter[0])
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Guard.Range(output, outputOffset, Sha256.HashSize);
            hmac.HmacSha256(prk, firstBlockInput, 0, firstBlockInput.Length, output, outputOffset);
        }
    }
}
