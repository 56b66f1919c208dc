using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;
using CardFirmware.Storage;

namespace CardFirmware.Card.Commands
{
    /// <summary>
    /// Factory reset from a bonded phone (request payload empty, reply empty). An enrolled card
    /// asks for the owner's touch first, so a stolen phone alone cannot destroy the card's share;
    /// a locked card resets without one, since a locked card can never sign again and reset (then
    /// recovery of its share by the other parties) is the owner's way back.
    /// </summary>
    public sealed class FactoryResetHandler : ICommandHandler
    {
        private readonly RecordLog _log;
        private readonly BondList _bonds;
        private readonly IFingerKeyReader _finger;
        private readonly TouchCounter _counter;
        private readonly CardInfo _info;
        private readonly int _touchTimeoutMilliseconds;

        /// <summary>Creates the handler.</summary>
        public FactoryResetHandler(RecordLog log, BondList bonds, IFingerKeyReader finger, TouchCounter counter,
            CardInfo info, int touchTimeoutMilliseconds)
        {
            _log = log;
            _bonds = bonds;
            _finger = finger;
            _counter = counter;
            _info = info;
            _touchTimeoutMilliseconds = touchTimeoutMilliseconds;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != 0)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (_finger.IsEnrolled && !_counter.IsLocked)
            {
                Wipe.Bytes(_finger.ReadKey(_touchTimeoutMilliseconds));
            }

            FactoryReset.Run(_log);
            _bonds.ForgetAll();
            _info.Enrolled = false;
            _info.HasWallet = false;
            return new byte[0];
        }
    }
}
