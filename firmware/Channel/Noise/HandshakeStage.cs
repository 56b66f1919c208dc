namespace CardFirmware.Channel.Noise
{
    /// <summary>Where a handshake state machine stands. Complete and Failed are terminal.</summary>
    public enum HandshakeStage
    {
        /// <summary>Nothing sent or received yet (the initiator writes act one; the responder waits for it).</summary>
        Start = 0,

        /// <summary>The initiator sent act one and waits for act two.</summary>
        AwaitingActTwo = 1,

        /// <summary>The responder sent act two and waits for act three.</summary>
        AwaitingActThree = 2,

        /// <summary>The handshake finished and handed out its transport.</summary>
        Complete = 3,

        /// <summary>A step failed (see the machine's FailureReason) or the machine was disposed; its secrets are wiped.</summary>
        Failed = 4,
    }
}
