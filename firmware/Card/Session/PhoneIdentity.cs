namespace CardFirmware.Card.Session
{
    /// <summary>
    /// The static key of the phone admitted in the current session (33 bytes), for commands that
    /// act on the caller itself. Set when the handshake admits a phone, cleared at the session's end.
    /// </summary>
    public sealed class PhoneIdentity
    {
        /// <summary>The admitted phone's key, or null outside an admitted session.</summary>
        public byte[] Key;
    }
}
