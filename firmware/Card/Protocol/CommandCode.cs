namespace CardFirmware.Card.Protocol
{
    /// <summary>
    /// Commands the phone sends inside the secure channel. Values are wire values (one byte);
    /// a reply carries the same code with <see cref="WireFormat.ReplyFlag"/> set.
    /// </summary>
    public enum CommandCode
    {
        /// <summary>Card identity, firmware version, state, battery.</summary>
        GetInfo = 0x01,

        /// <summary>Echoes its payload: link and channel check.</summary>
        Ping = 0x02,
    }
}
