namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The body of round 1 of <see cref="CommandCode.CreateWallet"/> and <see cref="CommandCode.Refresh"/>:
    /// the phone's fresh session-id contribution (32 bytes), nothing else.
    /// </summary>
    public sealed class KeyGenerationBegin
    {
        /// <summary>Bytes of the phone's session-id contribution.</summary>
        public const int ContributionLength = 32;

        /// <summary>Creates the message.</summary>
        public KeyGenerationBegin(byte[] contribution)
        {
            if (contribution == null || contribution.Length != ContributionLength)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            Contribution = contribution;
        }

        /// <summary>The phone's session-id contribution.</summary>
        public byte[] Contribution { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            byte[] encoded = new byte[ContributionLength];
            System.Array.Copy(Contribution, 0, encoded, 0, ContributionLength);
            return encoded;
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not a round-1 key-generation body.</exception>
        public static KeyGenerationBegin Decode(byte[] buffer, int offset, int count)
        {
            if (count != ContributionLength)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            byte[] contribution = new byte[ContributionLength];
            System.Array.Copy(buffer, offset, contribution, 0, ContributionLength);
            return new KeyGenerationBegin(contribution);
        }
    }
}
