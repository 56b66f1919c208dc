namespace CardFirmware.Card.Protocol
{
    /// <summary>
    /// Layout of command messages inside the secure channel (all integers big-endian):
    /// <code>
    /// request: version(1) = 1 | command(1) | request id(2) | payload(n)
    /// reply:   version(1) = 1 | command | 0x80 (1) | request id(2) | status(1) | payload(n)
    /// </code>
    /// The request id is chosen by the phone and echoed, so a reply can never be matched to the
    /// wrong request. The channel below bounds n.
    /// </summary>
    public static class WireFormat
    {
        /// <summary>The only protocol version this firmware speaks.</summary>
        public const byte Version = 1;

        /// <summary>Set in the command byte of every reply.</summary>
        public const byte ReplyFlag = 0x80;

        /// <summary>Bytes before a request's payload.</summary>
        public const int RequestHeaderSize = 4;

        /// <summary>Bytes before a reply's payload.</summary>
        public const int ReplyHeaderSize = 5;

        /// <summary>Builds a reply with <paramref name="payloadLength"/> bytes of <paramref name="payload"/>.</summary>
        public static byte[] BuildReply(byte command, int requestId, WireStatus status, byte[] payload, int payloadLength)
        {
            byte[] reply = new byte[ReplyHeaderSize + payloadLength];
            WriteReplyHeader(reply, command, requestId, status);
            if (payloadLength > 0)
            {
                System.Array.Copy(payload, 0, reply, ReplyHeaderSize, payloadLength);
            }

            return reply;
        }

        /// <summary>Writes the <see cref="ReplyHeaderSize"/> bytes of a reply's header to the start of <paramref name="header"/>.</summary>
        public static void WriteReplyHeader(byte[] header, byte command, int requestId, WireStatus status)
        {
            header[0] = Version;
            header[1] = (byte)(command | ReplyFlag);
            header[2] = (byte)(requestId >> 8);
            header[3] = (byte)requestId;
            header[4] = (byte)status;
        }
    }
}
