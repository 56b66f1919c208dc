namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The body of round 1 of <see cref="CommandCode.HybridRecover"/>, led by the lost party:
    /// <c>1 | phone's contribution(32) | provider's contribution(32) | provider's static key(33) | wallet key(65)</c>
    /// when this card replaces a lost card, <c>2 | new phone's contribution(32) | provider's contribution(32)</c> when
    /// the phone was lost. The card checks that the keys are points of the curve.
    /// </summary>
    public sealed class HybridRecoverBegin
    {
        /// <summary>The lost party is the card: this card receives its share.</summary>
        public const int LostCard = 1;

        /// <summary>The lost party is the phone.</summary>
        public const int LostPhone = 2;

        private const int PhoneLostLength = 1 + (2 * MessageField.ContributionLength);
        private const int CardLostLength = PhoneLostLength + MessageField.PublicKeyLength + WalletKey.Length;

        /// <summary>A new phone's recovery.</summary>
        public HybridRecoverBegin(byte[] phoneContribution, byte[] providerContribution)
        {
            Lost = LostPhone;
            PhoneContribution = MessageField.Exactly(phoneContribution, MessageField.ContributionLength);
            ProviderContribution = MessageField.Exactly(providerContribution, MessageField.ContributionLength);
        }

        /// <summary>A new card's recovery of the wallet <paramref name="wallet"/>, whose provider has <paramref name="providerKey"/>.</summary>
        public HybridRecoverBegin(byte[] phoneContribution, byte[] providerContribution, byte[] providerKey, WalletKey wallet)
            : this(phoneContribution, providerContribution)
        {
            if (wallet == null)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            Lost = LostCard;
            ProviderKey = MessageField.Exactly(providerKey, MessageField.PublicKeyLength);
            Wallet = wallet;
        }

        /// <summary>The lost party: <see cref="LostCard"/> or <see cref="LostPhone"/>.</summary>
        public int Lost { get; private set; }

        /// <summary>The (new) phone's fresh session-id contribution.</summary>
        public byte[] PhoneContribution { get; private set; }

        /// <summary>The provider's fresh session-id contribution.</summary>
        public byte[] ProviderContribution { get; private set; }

        /// <summary>The provider's static key (compressed); null when the phone was lost (the card has it stored).</summary>
        public byte[] ProviderKey { get; private set; }

        /// <summary>The key of the wallet the new card joins; null when the phone was lost.</summary>
        public WalletKey Wallet { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            if (Lost == LostPhone)
            {
                return new MessageWriter(PhoneLostLength).Byte(Lost).Bytes(PhoneContribution).Bytes(ProviderContribution).ToArray();
            }

            return new MessageWriter(CardLostLength).Byte(Lost).Bytes(PhoneContribution).Bytes(ProviderContribution)
                .Bytes(ProviderKey).Bytes(Wallet.Encode()).ToArray();
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">An unknown lost party, or the wrong length for the lost party.</exception>
        public static HybridRecoverBegin Decode(byte[] buffer, int offset, int count)
        {
            MessageReader reader = new MessageReader(buffer, offset, count);
            int lost = reader.Byte();
            if (lost != LostCard && lost != LostPhone)
            {
                throw new MessageException(MessageError.UnknownValue);
            }

            byte[] phoneContribution = reader.Bytes(MessageField.ContributionLength);
            byte[] providerContribution = reader.Bytes(MessageField.ContributionLength);
            HybridRecoverBegin message = lost == LostPhone
                ? new HybridRecoverBegin(phoneContribution, providerContribution)
                : new HybridRecoverBegin(phoneContribution, providerContribution, reader.Bytes(MessageField.PublicKeyLength),
                    WalletKey.Decode(reader.Bytes(WalletKey.Length), 0, WalletKey.Length));
            reader.End();
            return message;
        }
    }
}
