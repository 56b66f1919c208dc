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
        // One entry per command code up to the highest (CommandCode.UpdateActivate, 0x34): 660 bytes on nanoCLR,
        // where 128 entries took 1,560 for the card's life. A higher code needs this bound raised (Register fails at boot).
        private const int TableSize = (int)CommandCode.UpdateActivate + 1;

        private readonly ICommandHandler[] _handlers = new ICommandHandler[TableSize];
        private readonly ReplyRoom _replies = new ReplyRoom();

        /// <summary>Where a handler may write a large reply in place (lent by the session for each dispatch; see <see cref="ReplyRoom"/>).</summary>
        public ReplyRoom Replies
        {
            get { return _replies; }
        }

        /// <summary>Requests answered with an internal error (a firmware bug or a hardware fault).</summary>
        public int InternalErrors { get; private set; }

        /// <summary>Registers <paramref name="handler"/> for <paramref name="command"/>.</summary>
        public void Register(CommandCode command, ICommandHandler handler)
        {
            _handlers[(int)command] = handler;
        }

        /// <summary>Handles one request message and returns the reply message (header and payload in one array).</summary>
        public byte[] Dispatch(byte[] request)
        {
            byte[] header = new byte[WireFormat.ReplyHeaderSize];
            byte[] payload = Dispatch(request, 0, request == null ? 0 : request.Length, header);
            int payloadLength = payload == null ? 0 : payload.Length;
            byte[] reply = new byte[WireFormat.ReplyHeaderSize + payloadLength];
            System.Array.Copy(header, 0, reply, 0, WireFormat.ReplyHeaderSize);
            if (payloadLength > 0)
            {
                System.Array.Copy(payload, 0, reply, WireFormat.ReplyHeaderSize, payloadLength);
            }

            return reply;
        }

        /// <summary>
        /// Handles the request in <paramref name="length"/> bytes of <paramref name="buffer"/> from
        /// <paramref name="offset"/> (read in place: no copy of a round's large message); writes the reply's
        /// <see cref="WireFormat.ReplyHeaderSize"/>-byte header to <paramref name="replyHeader"/> and returns its
        /// payload, or null when the reply has none. The card sends the two parts as one message.
        /// </summary>
        public byte[] Dispatch(byte[] buffer, int offset, int length, byte[] replyHeader)
        {
            if (buffer == null || length < WireFormat.RequestHeaderSize)
            {
                WireFormat.WriteReplyHeader(replyHeader, 0, 0, WireStatus.MalformedRequest);
                return null;
            }

            byte command = buffer[offset + 1];
            int requestId = (buffer[offset + 2] << 8) | buffer[offset + 3];
            WireStatus status = WireStatus.Ok;
            byte[] payload = null;
            ICommandHandler handler = command < _handlers.Length ? _handlers[command] : null;
            if (buffer[offset] != WireFormat.Version)
            {
                status = WireStatus.UnsupportedVersion;
            }
            else if (handler == null)
            {
                status = WireStatus.UnknownCommand;
            }
            else
            {
                status = Run(handler, buffer, offset + WireFormat.RequestHeaderSize, length - WireFormat.RequestHeaderSize, out payload);
            }

            WireFormat.WriteReplyHeader(replyHeader, command, requestId, status);
            return payload;
        }

        private WireStatus Run(ICommandHandler handler, byte[] buffer, int payloadOffset, int payloadLength, out byte[] payload)
        {
            payload = null;
            try
            {
                payload = handler.Handle(buffer, payloadOffset, payloadLength);
                return WireStatus.Ok;
            }
            catch (CommandException refused)
            {
                return refused.Status;
            }
            catch (MessageException)
            {
                return WireStatus.MalformedRequest;
            }
            catch (StorageException failed)
            {
                // Damaged records are the owner's to know about (a factory reset is the way back);
                // any other storage failure is internal.
                if (failed.Error != StorageError.Corrupt)
                {
                    InternalErrors++;
                    return WireStatus.InternalError;
                }

                return WireStatus.StorageDamaged;
            }
            catch (Exception)
            {
                // Deliberately broad: whatever went wrong inside a handler, the phone gets an
                // answer and the card keeps running. Handlers wipe their own secrets in finally.
                InternalErrors++;
                return WireStatus.InternalError;
            }
        }
    }
}
