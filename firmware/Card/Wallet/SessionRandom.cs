using CardFirmware.Card.Identity;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// The generator of one key-generation or refresh session: a <see cref="HedgedRandom"/> whose entropy input is
    /// the chip's session hedge key (<see cref="DeviceKeys.SessionHedgeKey"/>), its nonce the session id, and its
    /// personalisation 32 fresh bytes of the card's generator (the construction of RFC 6979 §3.6 with extra data).
    /// </summary>
    /// <remarks>
    /// Security: a failed hardware RNG would otherwise hand the phone the card's whole key contribution (a0, Δ, the
    /// base-OT secrets): what a stuck generator yields is public. Hedged, the outputs stay unknown to anyone without
    /// the chip, and differ in every session, since the session id carries the card's persistent counter.
    /// </remarks>
    public static class SessionRandom
    {
        /// <summary>
        /// Creates the generator for session <paramref name="sessionId"/> (32 bytes), its HMAC_DRBG on <paramref name="hmac"/>
        /// (the card's backend: on the card the native module, so that the base OTs' draws are not interpreted SHA-256);
        /// dispose it to wipe it.
        /// </summary>
        public static HedgedRandom Create(DeviceKeys keys, byte[] sessionId, IRandomSource fresh, IHmacSha256 hmac)
        {
            byte[] key = new byte[DeviceKeys.Size];
            try
            {
                keys.SessionHedgeKey(key);
                return new HedgedRandom(key, sessionId, fresh, hmac);
            }
            finally
            {
                Wipe.Bytes(key);
            }
        }
    }
}
