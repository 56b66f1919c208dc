namespace CardFirmware.Channel
{
    /// <summary>Where a <see cref="CardChannel"/> stands.</summary>
    public enum ChannelState
    {
        /// <summary>No phone connected.</summary>
        Disconnected = 0,

        /// <summary>Connected; waiting for act one.</summary>
        AwaitingActOne = 1,

        /// <summary>Act two sent; waiting for act three.</summary>
        AwaitingActThree = 2,

        /// <summary>The handshake completed; messages flow.</summary>
        Established = 3,

        /// <summary>The handshake or transport failed; terminal until the next connection. The card should disconnect.</summary>
        Failed = 4,
    }
}
