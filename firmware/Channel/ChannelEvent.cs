namespace CardFirmware.Channel
{
    /// <summary>What one packet did to a <see cref="CardChannel"/>.</summary>
    public enum ChannelEvent
    {
        /// <summary>Nothing visible yet (a fragment of a longer message, or act one answered with act two).</summary>
        None = 0,

        /// <summary>Act three verified: the channel is established; the phone's static key is available.</summary>
        HandshakeComplete = 1,

        /// <summary>A message was decrypted into <see cref="CardChannel.ReceivedMessage"/>.</summary>
        MessageReceived = 2,

        /// <summary>The framing layer refused a packet (see <see cref="CardChannel.LastFramingError"/>); the session is unharmed.</summary>
        PacketRejected = 3,

        /// <summary>The handshake or transport refused a message (see <see cref="CardChannel.LastChannelError"/>); the session is over and wiped.</summary>
        Failed = 4,
    }
}
