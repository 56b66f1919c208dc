using System;

namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// A command message that does not follow its layout. On the card the dispatcher answers it with
    /// <see cref="WireStatus.MalformedRequest"/>; on the phone it means the card's reply is not what
    /// the command defines.
    /// </summary>
    public sealed class MessageException : Exception
    {
        /// <summary>Creates the refusal with its reason.</summary>
        public MessageException(MessageError error)
            : base("Malformed command message")
        {
            Error = error;
        }

        /// <summary>What is wrong with the message.</summary>
        public MessageError Error { get; private set; }
    }
}
