namespace CardFirmware.Crypto
{
    /// <summary>HMAC-SHA512 (RFC 2104, FIPS 198-1): <see cref="Hmac"/> over <see cref="Sha512"/>; 64-byte tags.</summary>
    /// <remarks>Security: see <see cref="Hmac"/>; the key is copied and the caller keeps ownership.</remarks>
    public sealed class HmacSha512 : Hmac
    {
        /// <summary>Tag size in bytes.</summary>
        public const int TagSize = Sha512.HashSize;

        private readonly Sha512 _hasher = new Sha512();
        private readonly ulong[] _innerState = new ulong[8];
        private readonly ulong[] _outerState = new ulong[8];

        /// <summary>Creates a MAC keyed with <paramref name="key"/> (any length, copied; the caller keeps ownership).</summary>
        /// <exception cref="CryptoException">NullBuffer if <paramref name="key"/> is null.</exception>
        public HmacSha512(byte[] key)
            : base(Sha512.HashSize, Sha512.BlockSize)
        {
            Guard.NotNull(key);
            SetKey(key, 0, key.Length);
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

        /// <inheritdoc />
        protected override void HashReset()
        {
            _hasher.Reset();
        }

        /// <inheritdoc />
        protected override void HashUpdate(byte[] data, int offset, int count)
        {
            _hasher.Update(data, offset, count);
        }

        /// <inheritdoc />
        protected override void HashFinal(byte[] output, int outputOffset)
        {
            _hasher.Final(output, outputOffset);
        }

        /// <inheritdoc />
        protected override void SaveInner()
        {
            _hasher.SaveState(_innerState);
        }

        /// <inheritdoc />
        protected override void SaveOuter()
        {
            _hasher.SaveState(_outerState);
        }

        /// <inheritdoc />
        protected override void ResumeInner()
        {
            _hasher.LoadState(_innerState, Sha512.BlockSize);
        }

        /// <inheritdoc />
        protected override void ResumeOuter()
        {
            _hasher.LoadState(_outerState, Sha512.BlockSize);
        }

        /// <inheritdoc />
        protected override void WipeChainingValues()
        {
            Wipe.Longs(_innerState);
            Wipe.Longs(_outerState);
        }

        /// <inheritdoc />
        protected override void CountCall()
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.HmacSha512Calls++;
            }
        }
    }
}
