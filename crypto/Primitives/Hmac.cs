namespace CardFirmware.Crypto
{
    /// <summary>
    /// HMAC (RFC 2104, FIPS 198-1) over a Merkle–Damgård hash whose chaining value can be saved
    /// and resumed. The padded key blocks are hashed once when the key is set, so each message
    /// costs two compressions fewer than a naive HMAC. <see cref="HmacSha256"/> and
    /// <see cref="HmacSha512"/> bind the hash.
    /// </summary>
    /// <remarks>
    /// Security: keys of any length are accepted (longer than a block are hashed first, RFC 2104
    /// section 2). The instance keeps only the two chaining values derived from the key; they and
    /// every intermediate are wiped by <see cref="Dispose"/>. Constant time in key and message
    /// content. Not thread-safe.
    /// </remarks>
    public abstract class Hmac : System.IDisposable
    {
        private readonly int _blockSize;
        private readonly byte[] _innerHash;
        private readonly byte[] _keyBlock;
        private bool _disposed;

        /// <summary>Sets up the buffers for a hash of <paramref name="hashSize"/> bytes over <paramref name="blockSize"/>-byte blocks.</summary>
        protected Hmac(int hashSize, int blockSize)
        {
            _blockSize = blockSize;
            _innerHash = new byte[hashSize];
            _keyBlock = new byte[blockSize];
        }

        /// <summary>Absorbs <paramref name="count"/> message bytes from <paramref name="data"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength for a bad range; Disposed after <see cref="Dispose"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            ThrowIfDisposed();
            HashUpdate(data, offset, count);
        }

        /// <summary>
        /// Writes the tag (the hash size) to <paramref name="output"/> at <paramref name="outputOffset"/>,
        /// then starts a new message under the same key.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength if the tag does not fit; Disposed after <see cref="Dispose"/>.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            ThrowIfDisposed();
            Guard.Range(output, outputOffset, _innerHash.Length);
            CountCall();
            HashFinal(_innerHash, 0);
            ResumeOuter();
            HashUpdate(_innerHash, 0, _innerHash.Length);
            HashFinal(output, outputOffset);
            Wipe.Bytes(_innerHash);
            ResumeInner();
        }

        /// <summary>Wipes the key-derived state; later calls throw <see cref="CryptoError.Disposed"/>.</summary>
        public void Dispose()
        {
            WipeChainingValues();
            Wipe.Bytes(_innerHash);
            HashReset();
            _disposed = true;
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

        /// <summary>Derives the inner and outer chaining values from key[offset..offset+count).</summary>
        protected void SetKey(byte[] key, int offset, int count)
        {
            try
            {
                HashReset();
                if (count > _blockSize)
                {
                    HashUpdate(key, offset, count);
                    HashFinal(_keyBlock, 0);
                    System.Array.Clear(_keyBlock, _innerHash.Length, _blockSize - _innerHash.Length);
                }
                else
                {
                    System.Array.Copy(key, offset, _keyBlock, 0, count);
                    System.Array.Clear(_keyBlock, count, _blockSize - count);
                }

                // RFC 2104 section 2: ipad = 0x36 repeated, opad = 0x5c repeated.
                for (int i = 0; i < _keyBlock.Length; i++)
                {
                    _keyBlock[i] ^= 0x36;
                }

                HashUpdate(_keyBlock, 0, _keyBlock.Length);
                SaveInner();
                HashReset();

                for (int i = 0; i < _keyBlock.Length; i++)
                {
                    _keyBlock[i] ^= 0x36 ^ 0x5c;
                }

                HashUpdate(_keyBlock, 0, _keyBlock.Length);
                SaveOuter();
                ResumeInner();
            }
            finally
            {
                Wipe.Bytes(_keyBlock);
            }
        }

        /// <summary>Starts the hash afresh.</summary>
        protected abstract void HashReset();

        /// <summary>Absorbs bytes into the hash.</summary>
        protected abstract void HashUpdate(byte[] data, int offset, int count);

        /// <summary>Finishes the hash into <paramref name="output"/>.</summary>
        protected abstract void HashFinal(byte[] output, int outputOffset);

        /// <summary>Saves the chaining value after the inner key block.</summary>
        protected abstract void SaveInner();

        /// <summary>Saves the chaining value after the outer key block.</summary>
        protected abstract void SaveOuter();

        /// <summary>Resumes the hash from the inner chaining value (one block absorbed).</summary>
        protected abstract void ResumeInner();

        /// <summary>Resumes the hash from the outer chaining value (one block absorbed).</summary>
        protected abstract void ResumeOuter();

        /// <summary>Wipes both saved chaining values.</summary>
        protected abstract void WipeChainingValues();

        /// <summary>Counts one tag in <see cref="CryptoCounters"/> when enabled.</summary>
        protected abstract void CountCall();

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new CryptoException(CryptoError.Disposed);
            }
        }
    }
}
