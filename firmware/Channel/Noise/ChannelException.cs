namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// Thrown by the handshake and transport state machines. When it is thrown the machine is in
    /// its terminal failed state and its secrets have been wiped.
    /// </summary>
    /// <remarks>Security: the message is a fixed string; it never contains key or message bytes.</remarks>
    public sealed class ChannelException : System.Exception
    {
        /// <summary>Creates an exception for <paramref name="error"/>.</summary>
        public ChannelException(ChannelError error)
            : base("Secure channel refused a message.")
        {
            Error = error;
        }

        /// <summary>Why the message was refused.</summary>
        public ChannelError Error { get; }
    }
}
