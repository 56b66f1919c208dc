namespace CardFirmware.Card.Radio
{
    /// <summary>What the radio reported.</summary>
    public enum RadioEventKind
    {
        /// <summary>Nothing (an empty slot).</summary>
        None = 0,

        /// <summary>A phone connected.</summary>
        Connected = 1,

        /// <summary>The phone disconnected (or the link was lost).</summary>
        Disconnected = 2,

        /// <summary>The phone wrote one ATT packet to the write characteristic.</summary>
        Write = 3,
    }
}
