using CardFirmware.Card.Protocol;

namespace CardFirmware.Card.Update
{
    /// <summary>
    /// <see cref="CommandCode.UpdateData"/>: request = <c>image offset (4, big-endian) | bytes</c>, in
    /// order (the offset must equal the bytes written so far) and within the manifest's length;
    /// programmed into the inactive slot. Refused with <see cref="WireStatus.NotAllowedNow"/> without
    /// a begun update. Reply: empty.
    /// </summary>
    public sealed class UpdateDataHandler : ICommandHandler
    {
        private readonly FirmwareSlots _slots;
        private readonly UpdateSession _session;

        /// <summary>Writes blocks of the update begun in <paramref name="session"/>.</summary>
        public UpdateDataHandler(FirmwareSlots slots, UpdateSession session)
        {
            _slots = slots;
            _session = session;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (_session.Manifest == null)
            {
                throw new CommandException(WireStatus.NotAllowedNow);
            }

            int count = payloadLength - 4;
            if (count <= 0)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            int offset = (request[payloadOffset] << 24) | (request[payloadOffset + 1] << 16)
                | (request[payloadOffset + 2] << 8) | request[payloadOffset + 3];
            if (offset != _session.Written || count > _session.Manifest.Length - _session.Written)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            _slots.WriteInactive(offset, request, payloadOffset + 4, count);
            _session.Written += count;
            return new byte[0];
        }
    }
}
