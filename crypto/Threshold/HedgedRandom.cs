namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// A random source for one protocol run, hedged as in RFC 6979 §3.6 ("additional data k'"): an HMAC-DRBG
    /// (SP 800-90A §10.1.2, the generator RFC 6979 §3.3 is built on) instantiated with
    /// entropy input = a secret the party holds, nonce = what makes the run unique (the session id, for a signer
    /// followed by the message hash), personalization = 32 fresh bytes from the party's own generator.
    /// </summary>
    /// <remarks>
    /// Security: with a working generator the output is as random as the fresh bytes; with a failed one
    /// (constant, repeating, or known to an attacker) it is still a pseudorandom function of the secret keyed
    /// per run, so secrets never repeat across runs and cannot be predicted without the secret. The caller wipes
    /// the entropy input it passed; <see cref="Dispose"/> wipes the generator.
    /// </remarks>
    public sealed class HedgedRandom : IRandomSource, System.IDisposable
    {
        private readonly HmacDrbg _drbg;

        /// <summary>
        /// Instantiates the generator from <paramref name="entropy"/> (secret, at least 32 bytes) and
        /// <paramref name="nonce"/> (public), drawing 32 personalization bytes from <paramref name="fresh"/>.
        /// </summary>
        public HedgedRandom(byte[] entropy, byte[] nonce, IRandomSource fresh)
            : this(entropy, nonce, fresh, null)
        {
        }

        /// <summary>As <see cref="HedgedRandom(byte[], byte[], IRandomSource)"/>, every HMAC computed by <paramref name="hmac"/> (the card's backend; null: the managed HMAC).</summary>
        public HedgedRandom(byte[] entropy, byte[] nonce, IRandomSource fresh, IHmacSha256 hmac)
        {
            byte[] personalization = new byte[32];
            try
            {
                fresh.Fill(personalization, 0, personalization.Length);
                _drbg = new HmacDrbg(entropy, nonce, personalization, hmac);
            }
            finally
            {
                Wipe.Bytes(personalization);
            }
        }

        /// <summary>
        /// A signer's generator: entropy input = its effective share, nonce = sid ‖ <paramref name="extra"/>
        /// (e.g. the message hash; may be null).
        /// </summary>
        internal static HedgedRandom ForSigner(IHmacSha256 hmac, Scalar secret, byte[] sessionId, byte[] extra, IRandomSource fresh)
        {
            byte[] key = new byte[Params.ScalarBytes];
            int extraLength = extra == null ? 0 : extra.Length;
            byte[] nonce = new byte[Params.SessionIdBytes + extraLength];
            try
            {
                secret.WriteTo(key, 0);
                System.Array.Copy(sessionId, 0, nonce, 0, Params.SessionIdBytes);
                if (extraLength > 0)
                {
                    System.Array.Copy(extra, 0, nonce, Params.SessionIdBytes, extraLength);
                }

                return new HedgedRandom(key, nonce, fresh, hmac);
            }
            finally
            {
                Wipe.Bytes(key);
            }
        }

        /// <inheritdoc />
        public void Fill(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int chunk = count > HmacDrbg.MaxRequestLength ? HmacDrbg.MaxRequestLength : count;
                _drbg.Generate(buffer, offset, chunk, null);
                offset += chunk;
                count -= chunk;
            }
        }

        /// <summary>Wipes the generator's state.</summary>
        public void Dispose()
        {
            _drbg.Dispose();
        }
    }
}
