namespace CardFirmware.Card.Session
{
    /// <summary>Why a phone session ended; shown by the simulator and counted for diagnostics.</summary>
    public enum SessionEnd
    {
        /// <summary>Still running.</summary>
        None = 0,

        /// <summary>The phone disconnected or the link was lost.</summary>
        Disconnected = 1,

        /// <summary>The phone sent nothing for the idle timeout.</summary>
        IdleTimeout = 2,

        /// <summary>The handshake failed (wrong key, tampered act, replay).</summary>
        HandshakeFailed = 3,

        /// <summary>The phone is not bonded and the card refused to bond it.</summary>
        NotBonded = 4,

        /// <summary>A transport message failed authentication: the channel is closed for good.</summary>
        ChannelBroken = 5,

        /// <summary>The phone broke the command protocol (a request before the previous reply was sent).</summary>
        ProtocolViolation = 6,

        /// <summary>An unexpected failure inside the card (damaged storage, a firmware bug): the session was wiped.</summary>
        Fault = 7,
    }
}
