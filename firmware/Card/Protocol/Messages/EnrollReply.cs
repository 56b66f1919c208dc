namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The reply to one <see cref="CommandCode.Enroll"/> touch:
    /// <c>outcome(1: 0 accepted, 1 refused for quality, 2 complete) | quality reason(1) | touches accepted(1) | touches required(1)</c>.
    /// </summary>
    public sealed class EnrollReply
    {
        /// <summary>The touch was added; more are needed.</summary>
        public const int TouchAccepted = 0;

        /// <summary>The touch was refused for its quality (see <see cref="Quality"/>) and not counted.</summary>
        public const int TouchRefused = 1;

        /// <summary>The finger is enrolled.</summary>
        public const int Complete = 2;

        /// <summary>Bytes of the message.</summary>
        public const int Length = 4;

        /// <summary>Creates the message.</summary>
        public EnrollReply(int outcome, int quality, int accepted, int required)
        {
            if (outcome < TouchAccepted || outcome > Complete)
            {
                throw new MessageException(MessageError.UnknownValue);
            }

            Outcome = outcome;
            Quality = quality;
            Accepted = accepted;
            Required = required;
        }

        /// <summary>What the card did with the touch.</summary>
        public int Outcome { get; private set; }

        /// <summary>Why a refused touch was refused (0 otherwise).</summary>
        public int Quality { get; private set; }

        /// <summary>Touches accepted so far.</summary>
        public int Accepted { get; private set; }

        /// <summary>Touches an enrollment needs.</summary>
        public int Required { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            return new MessageWriter(Length).Byte(Outcome).Byte(Quality).Byte(Accepted).Byte(Required).ToArray();
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not 4 long, or the outcome is unknown.</exception>
        public static EnrollReply Decode(byte[] buffer, int offset, int count)
        {
            MessageReader reader = new MessageReader(buffer, offset, count);
            EnrollReply message = new EnrollReply(reader.Byte(), reader.Byte(), reader.Byte(), reader.Byte());
            reader.End();
            return message;
        }
    }
}
