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

        private readonly byte[] key = new byte[Sha256.HashSize];
        private readonly byte[] value = new byte[Sha256.HashSize];
        private readonly byte[] next = new byte[Sha256.HashSize];

        // Exactly one of the two computes the HMACs: the managed MAC, streamed and keyed once per Update
        // (cheapest in IL), or a one-call HMAC of the caller's (the card's backend: one native call each).
        private readonly HmacSha256 mac;
        private readonly IHmacSha256 hmac;
        private long reseedCounter;
        private bool disposed;

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
            this.hmac = hmac;
            if (hmac == null)
            {
                mac = new HmacSha256(key);
            }

            for (int i = 0; i < value.Length; i++)
            {
                value[i] = 0x01;
            }

            Update(entropy, OrEmpty(nonce), OrEmpty(personalization));
            reseedCounter = 1;
        }

        /// <summary>Reseed (section 10.1.2.4): Update(entropy || additional), and the request count restarts.</summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength for short entropy; Disposed after <see cref="Dispose"/>.</exception>
        public void Reseed(byte[] entropy, byte[] additional)
        {
            ThrowIfDisposed();
            CheckEntropy(entropy);
            Update(entropy, OrEmpty(additional), Empty);
            reseedCounter = 1;
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

            if (reseedCounter > ReseedInterval)
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
                if (take > value.Length)
                {
                    take = value.Length;
                }

                System.Array.Copy(value, 0, output, offset + written, take);
                written += take;
            }

            Update(additional, Empty, Empty);
            reseedCounter++;
        }

        /// <summary>Wipes Key and V; later calls throw <see cref="CryptoError.Disposed"/>.</summary>
        public void Dispose()
        {
            Wipe.Bytes(key);
            Wipe.Bytes(value);
            Wipe.Bytes(next);
            if (mac != null)
            {
                mac.Dispose();
            }

            disposed = true;
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
            if (mac != null)
            {
                mac.Update(value, 0, value.Length);
                mac.Update(separator, 0, 1);
                mac.Update(a, 0, a.Length);
                mac.Update(b, 0, b.Length);
                mac.Update(c, 0, c.Length);
                mac.Final(key, 0);
                mac.Rekey(key, 0, key.Length);
                NextValue();
                return;
            }

            int length = value.Length + 1 + a.Length + b.Length + c.Length;
            byte[] input = new byte[length];
            try
            {
                System.Array.Copy(value, 0, input, 0, value.Length);
                input[value.Length] = separator[0];
                System.Array.Copy(a, 0, input, value.Length + 1, a.Length);
                System.Array.Copy(b, 0, input, value.Length + 1 + a.Length, b.Length);
                System.Array.Copy(c, 0, input, value.Length + 1 + a.Length + b.Length, c.Length);
                hmac.HmacSha256(key, input, 0, length, next, 0);
                System.Array.Copy(next, 0, key, 0, key.Length);
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
            if (mac != null)
            {
                mac.Update(value, 0, value.Length);
                mac.Final(value, 0);
                return;
            }

            hmac.HmacSha256(key, value, 0, value.Length, next, 0);
            System.Array.Copy(next, 0, value, 0, value.Length);
            Wipe.Bytes(next);
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
            if (disposed)
            {
                throw new CryptoException(CryptoError.Disposed);
            }
        }
    }
}
