namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The body of round 1 of <see cref="CommandCode.HybridCreateWallet"/>:
    /// <c>phone's session-id contribution(32) | provider's contribution(32) | provider's static key(33)</c>.
    /// The card checks that the key is a point of the curve.
    /// </summary>
    public sealed class HybridCreateBegin
    {
        /// <summary>Bytes of the message.</summary>
        public const int Length = (2 * MessageField.ContributionLength) + MessageField.PublicKeyLength;

        /// <summary>Creates the message.</summary>
        public HybridCreateBegin(byte[] phoneContribution, byte[] providerContribution, byte[] providerKey)
        {
            PhoneContribution = MessageField.Exactly(phoneContribution, MessageField.ContributionLength);
            ProviderContribution = MessageField.Exactly(providerContribution, MessageField.ContributionLength);
            ProviderKey = MessageField.Exactly(providerKey, MessageField.PublicKeyLength);
        }

        /// <summary>The phone's fresh session-id contribution.</summary>
        public byte[] PhoneContribution { get; private set; }

        /// <summary>The provider's fresh session-id contribution.</summary>
        public byte[] ProviderContribution { get; private set; }

        /// <summary>The provider's static key (compressed), which seals its relayed messages.</summary>
        public byte[] ProviderKey { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            return new MessageWriter(Length).Bytes(PhoneContribution).Bytes(ProviderContribution).Bytes(ProviderKey).ToArray();
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not 97 long.</exception>
        public static HybridCreateBegin Decode(byte[] buffer, int offset, int count)
        {
            MessageReader reader = new MessageReader(buffer, offset, count);
            HybridCreateBegin message = new HybridCreateBegin(
                reader.Bytes(MessageField.ContributionLength), reader.Bytes(MessageField.ContributionLength), reader.Bytes(MessageField.PublicKeyLength));
            reader.End();
            return message;
        }
    }
}
