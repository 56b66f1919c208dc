using CardFirmware.Card.Protocol;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// The wallet's root public key(33) | chain code(32): the xpub from which the phone derives
    /// every non-hardened child. Public data: no touch needed.
    /// </summary>
    public sealed class GetPublicKeyHandler : ICommandHandler
    {
        private readonly RecordLog _log;

        /// <summary>Creates the handler over the card's record log.</summary>
        public GetPublicKeyHandler(RecordLog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != 0)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            byte[] record = WalletRecord.Read(_log);
            if (record == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            return record;
        }
    }
}
