namespace CardFirmware.Crypto
{
    /// <summary>
    /// HMAC-SHA512 (RFC 2104, FIPS 198-1). The padded key blocks are hashed once in the
    /// constructor, so each message costs two compressions fewer than a naive HMAC.
    /// </summary>
    /// <remarks>
    /// Security: keys of any length are accepted (longer than 128 bytes are hashed first, RFC 2104
    /// section 2). The instance keeps only the two chaining values derived from the key; they and
    /// every intermediate are wiped by <see cref="Dispose"/>. Constant time in key and message
    /// content. Not thread-safe.
    /// </remarks>
    public sealed class HmacSha512 : System.IDisposable
    {
        /// <summary>Tag size in bytes.</summary>
        public const int TagSize = Sha512.HashSize;

        private readonly Sha512 hasher = new Sha512();
        private readonly ulong[] innerState = new ulong[8];
        private readonly ulong[] outerState = new ulong[8];
        private readonly byte[] innerHash = new byte[Sha512.HashSize];
        private readonly byte[] keyBlock = new byte[Sha512.BlockSize];
        private bool disposed;

        /// <summary>Creates a MAC keyed with <paramref name="key"/> (any length, copied; the caller keeps ownership).</summary>
        /// <exception cref="CryptoException">NullBuffer if <paramref name="key"/> is null.</exception>
        public HmacSha512(byte[] key)
        {
            Guard.NotNull(key);
            SetKey(key, 0, key.Length);
        }

        /// <summary>Absorbs <paramref name="count"/> message bytes from <paramref name="data"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength for a bad range; Disposed after <see cref="Dispose"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            ThrowIfDisposed();
            hasher.Update(data, offset, count);
        }

        /// <summary>
        /// Writes the 64-byte tag to <paramref name="output"/> at <paramref name="outputOffset"/>,
        /// then starts a new message under the same key.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength if 64 bytes do not fit; Disposed after <see cref="Dispose"/>.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            ThrowIfDisposed();
            Guard.Range(output, outputOffset, TagSize);
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.HmacSha512Calls++;
            }

            hasher.Final(innerHash, 0);
            hasher.LoadState(outerState, Sha512.BlockSize);
            hasher.Update(innerHash, 0, innerHash.Length);
            hasher.Final(output, outputOffset);
            Wipe.Bytes(innerHash);
            hasher.LoadState(innerState, Sha512.BlockSize);
        }

        /// <summary>Wipes the key-derived state; later calls throw <see cref="CryptoError.Disposed"/>.</summary>
        public void Dispose()
        {
            Wipe.Longs(innerState);
            Wipe.Longs(outerState);
            Wipe.Bytes(innerHash);
            hasher.Reset();
            disposed = true;
        }

        /// <summary>Writes HMAC-SHA512(<paramref name="key"/>, data[offset..offset+count)) to <paramref name="output"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad arguments.</exception>
        public static void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Guard.NotNull(key);
            Guard.Range(data, offset, count);
            Guard.Range(output, outputOffset, TagSize);
            HmacSha512 mac = new HmacSha512(key);
            try
            {
                mac.Update(data, offset, count);
                mac.Final(output, outputOffset);
            }
            finally
            {
                mac.Dispose();
            }
        }

        /// <summary>Returns the 64-byte HMAC-SHA512 of all of <paramref name="data"/> under <paramref name="key"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer if an argument is null.</exception>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            Guard.NotNull(data);
            byte[] output = new byte[TagSize];
            Compute(key, data, 0, data.Length, output, 0);
            return output;
        }

        /// <summary>
        /// Replaces the key with key[offset..offset+count) and discards any partial message,
        /// without allocating (for constructions that rekey often, such as HMAC_DRBG).
        /// </summary>
        internal void Rekey(byte[] key, int offset, int count)
        {
            ThrowIfDisposed();
            Guard.Range(key, offset, count);
            SetKey(key, offset, count);
        }

        private void SetKey(byte[] key, int offset, int count)
        {
            try
            {
                hasher.Reset();
                if (count > Sha512.BlockSize)
                {
                    hasher.Update(key, offset, count);
                    hasher.Final(keyBlock, 0);
                    System.Array.Clear(keyBlock, Sha512.HashSize, Sha512.BlockSize - Sha512.HashSize);
                }
                else
                {
                    System.Array.Copy(key, offset, keyBlock, 0, count);
                    System.Array.Clear(keyBlock, count, Sha512.BlockSize - count);
                }

                // RFC 2104 section 2: ipad = 0x36 repeated, opad = 0x5c repeated.
                for (int i = 0; i < keyBlock.Length; i++)
                {
                    keyBlock[i] ^= 0x36;
                }

                hasher.Update(keyBlock, 0, keyBlock.Length);
                hasher.SaveState(innerState);
                hasher.Reset();

                for (int i = 0; i < keyBlock.Length; i++)
                {
                    keyBlock[i] ^= 0x36 ^ 0x5c;
                }

                hasher.Update(keyBlock, 0, keyBlock.Length);
                hasher.SaveState(outerState);
                hasher.LoadState(innerState, Sha512.BlockSize);
            }
            finally
            {
                Wipe.Bytes(keyBlock);
            }
        }

        private void ThrowIfDisposed()
        {
            if (disposed)
            {
                throw new CryptoException(CryptoError.Disposed);
            }
        }
    }
}
