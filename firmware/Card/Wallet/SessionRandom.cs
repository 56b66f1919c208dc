using CardFirmware.Card.Identity;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// The generator of one key-generation or refresh session: an HMAC-DRBG (SP 800-90A) whose entropy input is the
    /// chip's session hedge key (<see cref="DeviceKeys.SessionHedgeKey"/>), its nonce the session id, and its
    /// personalisation 32 fresh bytes of the card's generator (the construction of RFC 6979 §3.6 with extra data).
    /// </summary>
    /// <remarks>
    /// Security: a failed hardware RNG would otherwise hand the phone the card's whole key contribution (a0, Δ, the
    /// base-OT secrets): what a stuck generator yields is public. Hedged, the outputs stay unknown to anyone without
    /// the chip, and differ in every session, since the session id carries the card's persistent counter.
    /// </remarks>
    public sealed class SessionRandom : IRandomSource, System.IDisposable
    {
        private readonly HmacDrbg _drbg;

        /// <summary>Creates the generator for session <paramref name="sessionId"/> (32 bytes).</summary>
        public SessionRandom(DeviceKeys keys, byte[] sessionId, IRandomSource fresh)
        {
            byte[] key = new byte[DeviceKeys.Size];
            byte[] personalization = new byte[32];
            try
            {
                keys.SessionHedgeKey(key);
                fresh.Fill(personalization, 0, personalization.Length);
                _drbg = new HmacDrbg(key, sessionId, personalization);
            }
            finally
            {
                Wipe.Bytes(key);
                Wipe.Bytes(personalization);
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
