using CardFirmware.Card.Protocol;
using CardFirmware.Hal;

namespace CardFirmware.Card.Commands
{
    /// <summary>
    /// Answers with the card's public facts:
    /// <code>major(1) | minor(1) | flags(1: bit0 enrolled, bit1 wallet, bit2 storage damaged) | battery mV(2, big-endian) | identity key(33)</code>
    /// </summary>
    public sealed class GetInfoHandler : ICommandHandler
    {
        /// <summary>Length of the reply payload.</summary>
        public const int ReplyLength = 5 + 33;

        private readonly CardInfo _info;
        private readonly IPower _power;

        /// <summary>Creates the handler over the card's public facts and its power monitor.</summary>
        public GetInfoHandler(CardInfo info, IPower power)
        {
            _info = info;
            _power = power;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != 0)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            byte[] reply = new byte[ReplyLength];
            reply[0] = CardInfo.FirmwareMajor;
            reply[1] = CardInfo.FirmwareMinor;
            reply[2] = (byte)((_info.Enrolled ? 1 : 0) | (_info.HasWallet ? 2 : 0) | (_info.StorageDamaged ? 4 : 0));
            int millivolts = _power.BatteryMillivolts;
            reply[3] = (byte)(millivolts >> 8);
            reply[4] = (byte)millivolts;
            System.Array.Copy(_info.IdentityPublicKey, 0, reply, 5, 33);
            return reply;
        }
    }
}
