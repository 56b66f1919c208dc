namespace CardFirmware.Crypto
{
    /// <summary>
    /// HMAC_DRBG with HMAC-SHA256 (NIST SP 800-90A Rev. 1 section 10.1.2), without prediction
    /// resistance. Security strength 256 bits: the entropy input must be at least 32 bytes.
    /// Null nonce, personalization or additional input mean empty.
    /// </summary>
    /// <remarks>
    /// Limits (SP 800-90A table 2): at most 65536 bytes per <see cref="Generate"/> call and
    /// 2^48 requests between reseeds, after which <see cref="Generate"/> throws
    /// <see cref="CryptoError.ReseedRequired"/>.
    /// Security: the working state (Key, V) is wiped by <see cref="Dispose"/>. Not thread-safe.
    /// </remarks>
    public sealed class HmacDrbg : System.IDisposable
    {
        /// <summary>Minimum entropy input length in bytes (256-bit security strength).</summary>
        public const int MinEntropyLength = 32;

        /// <summary>Largest single request in bytes (2^19 bits).</summary>
        public const int MaxRequestLength = 65536;

        private const long ReseedInterval = 1L << 48;

        private static readonly byte[] Empty = new byte[0];
        private static readonly byte[] Zero = { 0x00 };
        private static readonly byte[] One = { 0x01 };

        private readonly byte[] _key = new byte[Sha256.HashSize];
        private readonly byte[] _value = new byte[Sha256.HashSize];
        private readonly byte[] _next = new byte[Sha256.HashSize];

        // Exactly one of the two computes the HMACs: the managed MAC, streamed and keyed once per Update
        // (cheapest in IL), or a one-call HMAC of the caller's (the card's backend: one native call each).
        private readonly HmacSha256 _mac;
        private readonly IHmacSha256 _hmac;
        private long _reseedCounter;
        private bool _disposed;

        /// <summary>Instantiates with the managed HMAC-SHA256 (as the four-argument form with a null hmac).</summary>
        /// <param name="entropy">Entropy input, at least 32 bytes.</param>
        /// <param name="nonce">Nonce; null means empty.</param>
        /// <param name="personalization">Personalization string; null means empty.</param>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for a bad entropy input.</exception>
        public HmacDrbg(byte[] entropy, byte[] nonce, byte[] personalization)
            : this(entropy, nonce, personalization, null)
        {
        }

        /// <summary>
        /// Instantiate (section 10.1.2.3): Key = 0x00.., V = 0x01.., then
        /// Update(entropy || nonce || personalization). Every HMAC is one call to <paramref name="hmac"/>
        /// (the card's arithmetic backend); null means the managed HMAC-SHA256.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer if entropy is null; InvalidLength if it is shorter than 32 bytes.</exception>
        public HmacDrbg(byte[] entropy, byte[] nonce, byte[] personalization, IHmacSha256 hmac)
        {
            CheckEntropy(entropy);
            _hmac = hmac;
            if (hmac == null)
            {
                _mac = new HmacSha256(_key);
            }

            for (int i = 0; i < _value.Length; i++)
            {
                _value[i] = 0x01;
            }

            Update(entropy, OrEmpty(nonce), OrEmpty(personalization));
            _reseedCounter = 1;
        }

        /// <summary>Reseed (section 10.1.2.4): Update(entropy || additional), and the request count restarts.</summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength for short entropy; Disposed after <see cref="Dispose"/>.</exception>
        public void Reseed(byte[] entropy, byte[] additional)
        {
            ThrowIfDisposed();
            CheckEntropy(entropy);
            Update(entropy, OrEmpty(additional), Empty);
            _reseedCounter = 1;
        }

        /// <summary>
        /// Generate (section 10.1.2.5): writes <paramref name="count"/> pseudorandom bytes to
        /// output[offset..], mixing in <paramref name="additional"/> before and after.
        /// </summary>
        /// <exception cref="CryptoException">
        /// NullBuffer/InvalidLength for a bad range or count above 65536; ReseedRequired after 2^48
        /// requests; Disposed after <see cref="Dispose"/>.
        /// </exception>
        public void Generate(byte[] output, int offset, int count, byte[] additional)
        {
            ThrowIfDisposed();
            Guard.Range(output, offset, count);
            if (count > MaxRequestLength)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            if (_reseedCounter > ReseedInterval)
            {
                throw new CryptoException(CryptoError.ReseedRequired);
            }

            additional = OrEmpty(additional);
            if (additional.Length > 0)
            {
                Update(additional, Empty, Empty);
            }

            int written = 0;
            while (written < count)
            {
                NextValue();
                int take = count - written;
                if (take > _value.Length)
                {
                    take = _value.Length;
                }

                System.Array.Copy(_value, 0, output, offset + written, take);
                written += take;
            }

            Update(additional, Empty, Empty);
            _reseedCounter++;
        }

        /// <summary>Wipes Key and V; later calls throw <see cref="CryptoError.Disposed"/>.</summary>
        public void Dispose()
        {
            Wipe.Bytes(_key);
            Wipe.Bytes(_value);
            Wipe.Bytes(_next);
            if (_mac != null)
            {
                _mac.Dispose();
            }

            _disposed = true;
        }

        // HMAC_DRBG_Update (section 10.1.2.2) with provided_data = a || b || c: one round with 0x00, and when
        // the data is non-empty a second with 0x01.
        private void Update(byte[] a, byte[] b, byte[] c)
        {
            UpdateRound(Zero, a, b, c);
            if (a.Length + b.Length + c.Length > 0)
            {
                UpdateRound(One, a, b, c);
            }
        }

        // K = HMAC(K, V || separator || a || b || c); V = HMAC(K, V).
        private void UpdateRound(byte[] separator, byte[] a, byte[] b, byte[] c)
        {
            if (_mac != null)
            {
                _mac.Update(_value, 0, _value.Length);
                _mac.Update(separator, 0, 1);
                _mac.Update(a, 0, a.Length);
                _mac.Update(b, 0, b.Length);
                _mac.Update(c, 0, c.Length);
                _mac.Final(_key, 0);
                _mac.Rekey(_key, 0, _key.Length);
                NextValue();
                return;
            }

            int length = _value.Length + 1 + a.Length + b.Length + c.Length;
            byte[] input = new byte[length];
            try
            {
                System.Array.Copy(_value, 0, input, 0, _value.Length);
                input[_value.Length] = separator[0];
                System.Array.Copy(a, 0, input, _value.Length + 1, a.Length);
                System.Array.Copy(b, 0, input, _value.Length + 1 + a.Length, b.Length);
                System.Array.Copy(c, 0, input, _value.Length + 1 + a.Length + b.Length, c.Length);
                _hmac.HmacSha256(_key, input, 0, length, _next, 0);
                System.Array.Copy(_next, 0, _key, 0, _key.Length);
                NextValue();
            }
            finally
            {
                Wipe.Bytes(input);
            }
        }

        // V = HMAC(K, V); a one-call HMAC goes through the scratch block (its output must not be its input).
        private void NextValue()
        {
            if (_mac != null)
            {
                _mac.Update(_value, 0, _value.Length);
                _mac.Final(_value, 0);
                return;
            }

            _hmac.HmacSha256(_key, _value, 0, _value.Length, _next, 0);
            System.Array.Copy(_next, 0, _value, 0, _value.Length);
            Wipe.Bytes(_next);
        }

        private static void CheckEntropy(byte[] entropy)
        {
            Guard.NotNull(entropy);
            if (entropy.Length < MinEntropyLength)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        private static byte[] OrEmpty(byte[] buffer)
        {
            return buffer == null ? Empty : buffer;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new CryptoException(CryptoError.Disposed);
            }
        }
    }
}
