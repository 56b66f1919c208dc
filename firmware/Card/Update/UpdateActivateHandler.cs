using CardFirmware.Card.Finger;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;

namespace CardFirmware.Card.Update
{
    /// <summary>
    /// <see cref="CommandCode.UpdateActivate"/>: request empty. The whole image must be written; its
    /// SHA-256, read back from the slot, must equal the manifest's (else
    /// <see cref="WireStatus.UpdateRejected"/> and the update is dropped). Then an enrolled card asks
    /// for the owner's touch (a phone alone cannot change the card's firmware); a card with no
    /// finger has no owner yet and activates without one. Activation is one atomic record write
    /// followed by the version counter's burns (<see cref="FirmwareSlots.ActivateInactive"/>).
    /// Reply: the new version (4, big-endian).
    /// </summary>
    public sealed class UpdateActivateHandler : ICommandHandler
    {
        private readonly FirmwareSlots _slots;
        private readonly UpdateSession _session;
        private readonly IFingerKeyReader _finger;
        private readonly int _touchTimeoutMilliseconds;

        /// <summary>Activates the update begun in <paramref name="session"/> after a touch on <paramref name="finger"/>.</summary>
        public UpdateActivateHandler(FirmwareSlots slots, UpdateSession session, IFingerKeyReader finger, int touchTimeoutMilliseconds)
        {
            _slots = slots;
            _session = session;
            _finger = finger;
            _touchTimeoutMilliseconds = touchTimeoutMilliseconds;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != 0)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            UpdateManifest manifest = _session.Manifest;
            if (manifest == null || _session.Written != manifest.Length)
            {
                throw new CommandException(WireStatus.NotAllowedNow);
            }

            if (!ConstantTime.AreEqual(_slots.HashInactive(manifest.Length), 0, manifest.ImageHash, 0, 32))
            {
                _session.EndSession();
                throw new CommandException(WireStatus.UpdateRejected);
            }

            if (_finger.IsEnrolled)
            {
                Wipe.Bytes(_finger.ReadKey(_touchTimeoutMilliseconds));
            }

            _slots.ActivateInactive(manifest);
            _session.EndSession();
            byte[] reply = new byte[4];
            reply[0] = (byte)(manifest.Version >> 24);
            reply[1] = (byte)(manifest.Version >> 16);
            reply[2] = (byte)(manifest.Version >> 8);
            reply[3] = (byte)manifest.Version;
            return reply;
        }
    }
}
