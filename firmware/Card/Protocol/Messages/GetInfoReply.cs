namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The reply to <see cref="CommandCode.GetInfo"/>, the card's public facts:
    /// <c>major(1) | minor(1) | flags(1: bit0 enrolled, bit1 wallet, bit2 storage damaged) | battery mV(2, big-endian) | identity key(33)</c>.
    /// </summary>
    public sealed class GetInfoReply
    {
        /// <summary>Bytes of the message.</summary>
        public const int Length = 5 + MessageField.PublicKeyLength;

        private const int EnrolledFlag = 1;
        private const int WalletFlag = 2;
        private const int DamagedFlag = 4;

        /// <summary>Creates the message.</summary>
        public GetInfoReply(int firmwareMajor, int firmwareMinor, bool enrolled, bool hasWallet, bool storageDamaged,
            int batteryMillivolts, byte[] identityPublicKey)
        {
            FirmwareMajor = firmwareMajor;
            FirmwareMinor = firmwareMinor;
            Enrolled = enrolled;
            HasWallet = hasWallet;
            StorageDamaged = storageDamaged;
            BatteryMillivolts = batteryMillivolts;
            IdentityPublicKey = MessageField.Exactly(identityPublicKey, MessageField.PublicKeyLength);
        }

        /// <summary>Firmware version, major.</summary>
        public int FirmwareMajor { get; private set; }

        /// <summary>Firmware version, minor.</summary>
        public int FirmwareMinor { get; private set; }

        /// <summary>True once a finger is enrolled.</summary>
        public bool Enrolled { get; private set; }

        /// <summary>True once a wallet exists.</summary>
        public bool HasWallet { get; private set; }

        /// <summary>True while a record the card needs is damaged.</summary>
        public bool StorageDamaged { get; private set; }

        /// <summary>The battery's voltage in millivolts (0..65535).</summary>
        public int BatteryMillivolts { get; private set; }

        /// <summary>The card's static identity public key (compressed).</summary>
        public byte[] IdentityPublicKey { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            int flags = (Enrolled ? EnrolledFlag : 0) | (HasWallet ? WalletFlag : 0) | (StorageDamaged ? DamagedFlag : 0);
            return new MessageWriter(Length).Byte(FirmwareMajor).Byte(FirmwareMinor).Byte(flags).UInt16(BatteryMillivolts)
                .Bytes(IdentityPublicKey).ToArray();
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not 38 long.</exception>
        public static GetInfoReply Decode(byte[] buffer, int offset, int count)
        {
            MessageReader reader = new MessageReader(buffer, offset, count);
            int major = reader.Byte();
            int minor = reader.Byte();
            int flags = reader.Byte();
            int millivolts = reader.UInt16();
            GetInfoReply message = new GetInfoReply(major, minor, (flags & EnrolledFlag) != 0, (flags & WalletFlag) != 0,
                (flags & DamagedFlag) != 0, millivolts, reader.Bytes(MessageField.PublicKeyLength));
            reader.End();
            return message;
        }
    }
}
