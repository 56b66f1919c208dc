namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The body of round 1 of <see cref="CommandCode.HybridRefresh"/>:
    /// <c>phone's session-id contribution(32) | provider's contribution(32)</c>.
    /// </summary>
    public sealed class HybridRefreshBegin
    {
        /// <summary>Bytes of the message.</summary>
        public const int Length = 2 * MessageField.ContributionLength;

        /// <summary>Creates the message.</summary>
        public HybridRefreshBegin(byte[] phoneContribution, byte[] providerContribution)
        {
            PhoneContribution = MessageField.Exactly(phoneContribution, MessageField.ContributionLength);
            ProviderContribution = MessageField.Exactly(providerContribution, MessageField.ContributionLength);
        }

        /// <summary>The phone's fresh session-id contribution.</summary>
        public byte[] PhoneContribution { get; private set; }

        /// <summary>The provider's fresh session-id contribution.</summary>
        public byte[] ProviderContribution { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            return new MessageWriter(Length).Bytes(PhoneContribution).Bytes(ProviderContribution).ToArray();
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not 64 long.</exception>
        public static HybridRefreshBegin Decode(byte[] buffer, int offset, int count)
        {
            MessageReader reader = new MessageReader(buffer, offset, count);
            HybridRefreshBegin message = new HybridRefreshBegin(reader.Bytes(MessageField.ContributionLength), reader.Bytes(MessageField.ContributionLength));
            reader.End();
            return message;
        }
    }
}
