namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The reply to one <see cref="CommandCode.Enroll"/> touch:
    /// <c>outcome(1) | quality reason(1) | accepted(1) | required(1) | confirmation touches left(1)</c>.
    /// While enrollment touches are taken (<see cref="TouchAccepted"/>, <see cref="TouchRefused"/>)
    /// accepted/required count enrollment touches and the last byte is the confirmation touches that
    /// will follow; once the vault is built (<see cref="Confirming"/>, <see cref="ConfirmMissed"/>,
    /// <see cref="ConfirmRefused"/>) they count the confirmation touches that released its key, the
    /// matches needed, and the touches the card still allows.
    /// </summary>
    public sealed class EnrollReply
    {
        /// <summary>The touch was added; more are needed.</summary>
        public const int TouchAccepted = 0;

        /// <summary>The touch was refused for its quality (see <see cref="Quality"/>) and not counted.</summary>
        public const int TouchRefused = 1;

        /// <summary>The finger is enrolled.</summary>
        public const int Complete = 2;

        /// <summary>The enrollment touches built the vault (not stored yet), or a confirmation touch released its key: touch again to confirm.</summary>
        public const int Confirming = 3;

        /// <summary>A confirmation touch did not release the new vault's key; the card allows more (see <see cref="Left"/>).</summary>
        public const int ConfirmMissed = 4;

        /// <summary>A confirmation touch was refused for its quality (see <see cref="Quality"/>) and not counted.</summary>
        public const int ConfirmRefused = 5;

        /// <summary>Bytes of the message.</summary>
        public const int Length = 5;

        /// <summary>Creates the message.</summary>
        public EnrollReply(int outcome, int quality, int accepted, int required, int left)
        {
            if (outcome < TouchAccepted || outcome > ConfirmRefused)
            {
                throw new MessageException(MessageError.UnknownValue);
            }

            Outcome = outcome;
            Quality = quality;
            Accepted = accepted;
            Required = required;
            Left = left;
        }

        /// <summary>What the card did with the touch.</summary>
        public int Outcome { get; private set; }

        /// <summary>Why a refused touch was refused (0 otherwise).</summary>
        public int Quality { get; private set; }

        /// <summary>Touches accepted so far (enrollment touches, or confirmation touches that released the key).</summary>
        public int Accepted { get; private set; }

        /// <summary>Touches needed (enrollment touches, or confirmation matches).</summary>
        public int Required { get; private set; }

        /// <summary>Confirmation touches the card still allows (before the vault is built: all of them).</summary>
        public int Left { get; private set; }

        /// <summary>True for the outcomes of the confirmation touches.</summary>
        public bool IsConfirmation
        {
            get { return Outcome >= Confirming; }
        }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            return new MessageWriter(Length).Byte(Outcome).Byte(Quality).Byte(Accepted).Byte(Required).Byte(Left).ToArray();
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not 5 long, or the outcome is unknown.</exception>
        public static EnrollReply Decode(byte[] buffer, int offset, int count)
        {
            MessageReader reader = new MessageReader(buffer, offset, count);
            EnrollReply message = new EnrollReply(reader.Byte(), reader.Byte(), reader.Byte(), reader.Byte(), reader.Byte());
            reader.End();
            return message;
        }
    }
}
