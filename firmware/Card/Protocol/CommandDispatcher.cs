using System;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Storage;

namespace CardFirmware.Card.Protocol
{
    /// <summary>
    /// Parses a request, finds its handler in one table indexed by command code, and turns every
    /// outcome into exactly one reply. This is the one place where failures become wire statuses,
    /// so a malformed request can never crash the main loop or escape without an answer.
    /// </summary>
    public sealed class CommandDispatcher
    {
        private readonly ICommandHandler[] _handlers = new ICommandHandler[128];

        /// <summary>Requests answered with an internal error (a firmware bug or a hardware fault).</summary>
        public int InternalErrors { get; private set; }

        /// <summary>Registers <paramref name="handler"/> for <paramref name="command"/>.</summary>
        public void Register(CommandCode command, ICommandHandler handler)
        {
            _handlers[(int)command] = handler;
        }

        /// <summary>Handles one request message and returns the reply message.</summary>
        public byte[] Dispatch(byte[] request)
        {
            if (request == null || request.Length < WireFormat.RequestHeaderSize)
            {
                return WireFormat.BuildReply(0, 0, WireStatus.MalformedRequest, null, 0);
            }

            byte command = request[1];
            int requestId = (request[2] << 8) | request[3];
            if (request[0] != WireFormat.Version)
            {
                return WireFormat.BuildReply(command, requestId, WireStatus.UnsupportedVersion, null, 0);
            }

            ICommandHandler handler = command < _handlers.Length ? _handlers[command] : null;
            if (handler == null)
            {
                return WireFormat.BuildReply(command, requestId, WireStatus.UnknownCommand, null, 0);
            }

            try
            {
                byte[] payload = handler.Handle(request, WireFormat.RequestHeaderSize, request.Length - WireFormat.RequestHeaderSize);
                return WireFormat.BuildReply(command, requestId, WireStatus.Ok, payload, payload.Length);
            }
            catch (CommandException refused)
            {
                return WireFormat.BuildReply(command, requestId, refused.Status, null, 0);
            }
            catch (MessageException)
            {
                return WireFormat.BuildReply(command, requestId, WireStatus.MalformedRequest, null, 0);
            }
            catch (StorageException failed)
            {
                // Damaged records are the owner's to know about (a factory reset is the way back);
                // any other storage failure is internal.
                if (failed.Error != StorageError.Corrupt)
                {
                    InternalErrors++;
                    return WireFormat.BuildReply(command, requestId, WireStatus.InternalError, null, 0);
                }

                return WireFormat.BuildReply(command, requestId, WireStatus.StorageDamaged, null, 0);
            }
            catch (Exception)
            {
                // Deliberately broad: whatever went wrong inside a handler, the phone gets an
                // answer and the card keeps running. Handlers wipe their own secrets in finally.
                InternalErrors++;
                return WireFormat.BuildReply(command, requestId, WireStatus.InternalError, null, 0);
            }
        }
    }
}
