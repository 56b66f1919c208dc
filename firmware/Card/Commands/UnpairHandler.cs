using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Session;

namespace CardFirmware.Card.Commands
{
    /// <summary>Removes the calling phone's bond (persisted before the reply). Empty request and reply.</summary>
    public sealed class UnpairHandler : ICommandHandler
    {
        private readonly BondList _bonds;
        private readonly PhoneIdentity _caller;

        /// <summary>Creates the handler over the bond list and the current session's phone.</summary>
        public UnpairHandler(BondList bonds, PhoneIdentity caller)
        {
            _bonds = bonds;
            _caller = caller;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != 0)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (_caller.Key == null || !_bonds.Remove(_caller.Key))
            {
                throw new CommandException(WireStatus.NotAllowedNow);
            }

            return new byte[0];
        }
    }
}
