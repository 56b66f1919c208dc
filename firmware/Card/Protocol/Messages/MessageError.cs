namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>Why a command message could not be decoded (or, on the phone, encoded).</summary>
    public enum MessageError
    {
        /// <summary>The message is shorter or longer than its fields say.</summary>
        WrongLength = 1,

        /// <summary>A derivation path deeper than <see cref="SignBegin.MaxDepth"/>.</summary>
        PathTooDeep = 2,

        /// <summary>A hardened path index (2^31 or above): a threshold wallet derives its children publicly, so none exists.</summary>
        HardenedIndex = 3,

        /// <summary>A field holds a value its command does not define (a lost party, an enrollment outcome).</summary>
        UnknownValue = 4,
    }
}
