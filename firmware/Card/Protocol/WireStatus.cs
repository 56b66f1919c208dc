namespace CardFirmware.Card.Protocol
{
    /// <summary>Status byte of every reply. The phone shows a message for each non-zero value.</summary>
    public enum WireStatus
    {
        /// <summary>Success; the payload is the command's result.</summary>
        Ok = 0x00,

        /// <summary>The request's version byte is not one this firmware speaks.</summary>
        UnsupportedVersion = 0x01,

        /// <summary>No handler for this command code.</summary>
        UnknownCommand = 0x02,

        /// <summary>A field has the wrong length or an out-of-range value.</summary>
        MalformedRequest = 0x03,

        /// <summary>The command is not allowed in the card's current state.</summary>
        NotAllowedNow = 0x04,

        /// <summary>The card failed internally; stored state is unchanged.</summary>
        InternalError = 0x7F,
    }
}
