using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Hal;

namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// The card's random generator for protocol secrets: an HMAC-DRBG (SP 800-90A) seeded from the
    /// hardware RNG and reseeded from it every <see cref="ReseedInterval"/> requests, so that a
    /// weak moment of the RNG never reaches a nonce or a polynomial coefficient on its own.
    /// </summary>
    public sealed class CardRandom : IRandomSource, System.IDisposable
    {
        /// <summary>Requests served between two reseeds.</summary>
        public const int ReseedInterval = 256;

        private readonly IEntropySource _entropy;
        private readonly HmacDrbg _drbg;
        private int _sinceReseed;

        /// <summary>Seeds the generator from <paramref name="entropy"/>.</summary>
        public CardRandom(IEntropySource entropy)
            : this(entropy, null)
        {
        }

        /// <summary>Seeds the generator from <paramref name="entropy"/>; its HMACs run on <paramref name="hmac"/> (the card's backend; null: the managed HMAC).</summary>
        public CardRandom(IEntropySource entropy, IHmacSha256 hmac)
        {
            _entropy = entropy;
            byte[] seed = new byte[HmacDrbg.MinEntropyLength];
            byte[] nonce = new byte[16];
            try
            {
                entropy.GetBytes(seed, 0, seed.Length);
                entropy.GetBytes(nonce, 0, nonce.Length);
                _drbg = new HmacDrbg(seed, nonce, null, hmac);
            }
            finally
            {
                Wipe.Bytes(seed);
                Wipe.Bytes(nonce);
            }
        }

        /// <inheritdoc />
        public void Fill(byte[] buffer, int offset, int count)
        {
            if (++_sinceReseed >= ReseedInterval)
            {
                byte[] fresh = new byte[HmacDrbg.MinEntropyLength];
                try
                {
                    _entropy.GetBytes(fresh, 0, fresh.Length);
                    _drbg.Reseed(fresh, null);
                    _sinceReseed = 0;
                }
                finally
                {
                    Wipe.Bytes(fresh);
                }
            }

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
