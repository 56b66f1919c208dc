using CardFirmware.Card.Protocol;

namespace CardFirmware.Card.Update
{
    /// <summary>
    /// <see cref="CommandCode.UpdateBegin"/>: request = an <see cref="UpdateManifest"/>. Refused with
    /// <see cref="WireStatus.UpdateRejected"/> unless the vendor root signed it and its version is
    /// above the version counter (anti-rollback); <see cref="WireStatus.MalformedRequest"/> for an
    /// image larger than a slot. Then erases the inactive slot. Reply: empty.
    /// </summary>
    public sealed class UpdateBeginHandler : ICommandHandler
    {
        private readonly FirmwareSlots _slots;
        private readonly UpdateSession _session;
        private readonly byte[] _root;

        /// <summary>Begins updates of <paramref name="slots"/> signed by <paramref name="root"/>.</summary>
        public UpdateBeginHandler(FirmwareSlots slots, UpdateSession session, byte[] root)
        {
            _slots = slots;
            _session = session;
            _root = root;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            _session.EndSession();
            if (payloadLength != UpdateManifest.Size)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            UpdateManifest manifest = UpdateManifest.ParseSigned(request, payloadOffset, payloadLength, _root);
            if (manifest == null || manifest.Version <= _slots.MinimumVersion || manifest.Version <= _slots.ActiveVersion)
            {
                throw new CommandException(WireStatus.UpdateRejected);
            }

            if (manifest.Length > _slots.SlotSize)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            _slots.EraseInactive(manifest.Length);
            _session.Manifest = manifest;
            return new byte[0];
        }
    }
}
