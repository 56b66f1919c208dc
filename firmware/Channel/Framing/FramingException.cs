namespace CardFirmware.Channel.Framing
{
    /// <summary>
    /// Thrown by the framing layer for a refused packet or message. By the time it is thrown the
    /// layer has already reset itself to a clean state; the caller only reports or counts it.
    /// </summary>
    /// <remarks>Security: the message is a fixed string; it never contains packet bytes.</remarks>
    public sealed class FramingException : System.Exception
    {
        /// <summary>Creates an exception for <paramref name="error"/>.</summary>
        public FramingException(FramingError error)
            : base("BLE framing refused a packet or message.")
        {
            Error = error;
        }

        /// <summary>Why the packet or message was refused.</summary>
        public FramingError Error { get; }
    }
}
