namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The card's reply to round 1 of a wallet protocol (CreateWallet, Refresh, Sign):
    /// <c>card's session-id contribution(32) | the card's round-1 protocol message (at least 1 byte)</c>.
    /// </summary>
    public sealed class FirstRoundReply
    {
        /// <summary>Bytes of the card's session-id contribution.</summary>
        public const int ContributionLength = 32;

        /// <summary>Creates the message.</summary>
        public FirstRoundReply(byte[] contribution, byte[] message)
        {
            if (contribution == null || contribution.Length != ContributionLength || message == null || message.Length == 0)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            Contribution = contribution;
            Message = message;
        }

        /// <summary>The card's session-id contribution.</summary>
        public byte[] Contribution { get; private set; }

        /// <summary>The card's round-1 protocol message.</summary>
        public byte[] Message { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            byte[] encoded = new byte[ContributionLength + Message.Length];
            System.Array.Copy(Contribution, 0, encoded, 0, ContributionLength);
            System.Array.Copy(Message, 0, encoded, ContributionLength, Message.Length);
            return encoded;
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes hold no protocol message after the contribution.</exception>
        public static FirstRoundReply Decode(byte[] buffer, int offset, int count)
        {
            if (count <= ContributionLength)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            byte[] contribution = new byte[ContributionLength];
            byte[] message = new byte[count - ContributionLength];
            System.Array.Copy(buffer, offset, contribution, 0, ContributionLength);
            System.Array.Copy(buffer, offset + ContributionLength, message, 0, message.Length);
            return new FirstRoundReply(contribution, message);
        }
    }
}
