namespace CardFirmware.Card.Session
{
    /// <summary>The card's session states, from power-on to the end of a phone session.</summary>
    public enum SessionState
    {
        /// <summary>Booted, radio off (before advertising, or after a fatal error).</summary>
        Idle = 0,

        /// <summary>Advertising; waiting for a phone to connect.</summary>
        Advertising = 1,

        /// <summary>A phone is connected and the card waits for its next message.</summary>
        Connected = 2,

        /// <summary>Handling a message (a handshake, a command, waiting for a finger).</summary>
        Busy = 3,

        /// <summary>Zeroing every session secret and biometric buffer; leads back to advertising.</summary>
        Wiping = 4,
    }
}
