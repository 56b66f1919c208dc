namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The message envelope shared by every round:
    /// <c>version(1) ‖ protocol(1) ‖ round(1) ‖ from(1) ‖ to(1) ‖ sid(32) ‖ bodyLength(4, big-endian) ‖ body</c>.
    /// </summary>
    /// <remarks>
    /// The receiver checks every header field and the exact body length before it reads the body
    /// (<see cref="WireReader"/>); a mismatch is a typed abort blamed on the sender.
    /// </remarks>
    internal static class Wire
    {
        /// <summary>Wire format version written and accepted.</summary>
        public const byte Version = 1;

        /// <summary>Protocol id of distributed key generation.</summary>
        public const byte ProtocolDkg = 1;

        /// <summary>Protocol id of signing.</summary>
        public const byte ProtocolSign = 2;

        /// <summary>Protocol id of key refresh.</summary>
        public const byte ProtocolRefresh = 3;

        /// <summary>Protocol id of the recovery of a lost party's share.</summary>
        public const byte ProtocolRecovery = 4;

        /// <summary>Header size in bytes.</summary>
        public const int HeaderBytes = 5 + Params.SessionIdBytes + 4;

        /// <summary>Largest body accepted (a signing round-2 message is about 40 KB).</summary>
        public const int MaxBodyBytes = 65536;

        /// <summary>Allocates a message with its header filled in and room for <paramref name="bodyLength"/> body bytes.</summary>
        public static WireWriter Begin(byte protocol, int round, int from, int to, byte[] sessionId, int bodyLength)
        {
            byte[] message = new byte[HeaderBytes + bodyLength];
            return Begin(message, 0, message.Length, protocol, round, from, to, sessionId, bodyLength);
        }

        /// <summary>
        /// As <see cref="Begin(byte, int, int, int, byte[], int)"/>, writing the message into <paramref name="buffer"/> at
        /// <paramref name="offset"/>, where at most <paramref name="capacity"/> bytes are free (the card writes a large
        /// reply where the channel will encrypt it).
        /// </summary>
        /// <exception cref="ThresholdException">InvalidParameters when the message does not fit.</exception>
        public static WireWriter Begin(byte[] buffer, int offset, int capacity, byte protocol, int round, int from, int to, byte[] sessionId, int bodyLength)
        {
            if (buffer == null || offset < 0 || capacity < 0 || offset > buffer.Length - capacity || bodyLength < 0 || bodyLength > capacity - HeaderBytes)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            WriteHeader(buffer, offset, protocol, round, from, to, sessionId, bodyLength);
            return new WireWriter(buffer, offset + HeaderBytes, offset + HeaderBytes + bodyLength);
        }

        /// <summary>
        /// Writes only the <see cref="HeaderBytes"/>-byte header of a message with a <paramref name="bodyLength"/>-byte body at
        /// <paramref name="offset"/>: the start of a message sent in pieces, whose body follows in later buffers.
        /// </summary>
        public static void WriteHeader(byte[] buffer, int offset, byte protocol, int round, int from, int to, byte[] sessionId, int bodyLength)
        {
            buffer[offset] = Version;
            buffer[offset + 1] = protocol;
            buffer[offset + 2] = (byte)round;
            buffer[offset + 3] = (byte)from;
            buffer[offset + 4] = (byte)to;
            System.Array.Copy(sessionId, 0, buffer, offset + 5, Params.SessionIdBytes);
            int p = offset + 5 + Params.SessionIdBytes;
            buffer[p] = (byte)(bodyLength >> 24);
            buffer[p + 1] = (byte)(bodyLength >> 16);
            buffer[p + 2] = (byte)(bodyLength >> 8);
            buffer[p + 3] = (byte)bodyLength;
        }

        /// <summary>
        /// Checks the header of <paramref name="message"/> against what the receiver expects and returns a
        /// reader positioned at the body. <paramref name="from"/> is the expected sender and the culprit on failure.
        /// </summary>
        /// <exception cref="ThresholdException">UnsupportedVersion, WrongSession, UnexpectedMessage or MalformedMessage.</exception>
        public static WireReader Open(byte[] message, byte protocol, int round, int from, int to, byte[] sessionId, int bodyLength)
        {
            if (message == null)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, from);
            }

            return Open(message, 0, message.Length, protocol, round, from, to, sessionId, bodyLength);
        }

        /// <summary>
        /// As <see cref="Open(byte[], byte, int, int, int, byte[], int)"/> for the message held in the
        /// <paramref name="length"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>, read where it
        /// lies (the card reads a round message in its receive buffer rather than in a copy).
        /// </summary>
        /// <exception cref="ThresholdException">UnsupportedVersion, WrongSession, UnexpectedMessage or MalformedMessage.</exception>
        public static WireReader Open(byte[] buffer, int offset, int length, byte protocol, int round, int from, int to, byte[] sessionId, int bodyLength)
        {
            if (buffer == null || offset < 0 || length < HeaderBytes || offset > buffer.Length - length)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, from);
            }

            if (buffer[offset] != Version)
            {
                throw new ThresholdException(ThresholdError.UnsupportedVersion, from);
            }

            if (buffer[offset + 1] != protocol || buffer[offset + 2] != (byte)round || buffer[offset + 3] != (byte)from || buffer[offset + 4] != (byte)to)
            {
                throw new ThresholdException(ThresholdError.UnexpectedMessage, from);
            }

            // The session id is public; a plain comparison is fine.
            for (int i = 0; i < Params.SessionIdBytes; i++)
            {
                if (buffer[offset + 5 + i] != sessionId[i])
                {
                    throw new ThresholdException(ThresholdError.WrongSession, from);
                }
            }

            int p = offset + 5 + Params.SessionIdBytes;
            int declared = (buffer[p] << 24) | (buffer[p + 1] << 16) | (buffer[p + 2] << 8) | buffer[p + 3];
            if (declared != bodyLength || length != HeaderBytes + bodyLength)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, from);
            }

            return new WireReader(buffer, offset + HeaderBytes, offset + length, from);
        }

        /// <summary>Returns the sender index written in a message header, or 0 if the message is too short.</summary>
        public static int SenderOf(byte[] message)
        {
            if (message == null || message.Length < HeaderBytes)
            {
                return 0;
            }

            return message[3];
        }
    }
}
