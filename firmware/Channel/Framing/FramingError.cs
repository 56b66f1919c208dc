namespace CardFirmware.Channel.Framing
{
    /// <summary>
    /// Why the framing layer refused a packet or a message. Values are fixed so that they can be
    /// counted and reported; new members are appended, never renumbered.
    /// </summary>
    public enum FramingError
    {
        /// <summary>The packet is empty or shorter than its header.</summary>
        PacketTooShort = 1,

        /// <summary>The packet is longer than the negotiated packet size (ATT MTU - 3).</summary>
        PacketTooLong = 2,

        /// <summary>A message (declared or offered for sending) is longer than the configured maximum.</summary>
        MessageTooLarge = 3,

        /// <summary>A continuation packet arrived while no message was being reassembled.</summary>
        UnexpectedContinuation = 4,

        /// <summary>A start packet for a new message arrived before the current one was complete.</summary>
        UnexpectedStart = 5,

        /// <summary>A continuation packet repeated the previous fragment index.</summary>
        DuplicateFragment = 6,

        /// <summary>A continuation packet skipped one or more fragment indexes.</summary>
        OutOfOrderFragment = 7,

        /// <summary>A fragment carries more bytes than the declared total leaves, or a continuation carries none.</summary>
        LengthMismatch = 8,

        /// <summary>A start packet repeated the message id of the previous complete message.</summary>
        DuplicateMessage = 9,

        /// <summary>A start packet's message id is neither the expected one nor a repeat.</summary>
        OutOfOrderMessage = 10,

        /// <summary>The next fragment did not arrive within the reassembly timeout.</summary>
        ReassemblyTimeout = 11,

        /// <summary>A message was offered for sending while the previous one was still being sent.</summary>
        SenderBusy = 12,

        /// <summary>The ATT MTU is outside 23..517, or a configured limit is out of range.</summary>
        InvalidConfiguration = 13,
    }
}
