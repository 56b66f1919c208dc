namespace CardFirmware.Channel.Framing
{
    /// <summary>
    /// Where a <see cref="FrameSender"/> puts its packets: the card's notify characteristic, or
    /// the phone's write characteristic. The sink copies the bytes before it returns.
    /// </summary>
    public interface IPacketSink
    {
        /// <summary>The largest packet the link carries now (ATT MTU - 3).</summary>
        int MaxPacketSize { get; }

        /// <summary>
        /// Queues one packet. Returns false if the link cannot take it now (queue full, not
        /// connected); the sender keeps the packet and offers it again on its next pump.
        /// </summary>
        bool TrySend(byte[] packet, int offset, int count);
    }
}
