using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Hal;

namespace CardFirmware.Card.Commands
{
    /// <summary>
    /// Answers with the card's public facts (<see cref="GetInfoReply"/>).
    /// </summary>
    public sealed class GetInfoHandler : ICommandHandler
    {
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

            return new GetInfoReply(CardInfo.FirmwareMajor, CardInfo.FirmwareMinor, _info.Enrolled, _info.HasWallet, _info.StorageDamaged,
                _power.BatteryMillivolts, _info.IdentityPublicKey).Encode();
        }
    }
}
