using CardFirmware.Hal;

namespace CardFirmware.Channel.Framing
{
    /// <summary>
    /// Reassembles messages from packets in the format of <see cref="FrameFormat"/>.
    /// Invariants: at most one message is in progress; its bytes live in one buffer of
    /// <see cref="MaxMessageSize"/> bytes allocated at construction, so a peer can never make the
    /// card buffer more than that; a refused packet throws <see cref="FramingException"/> after the
    /// partial message has been dropped and wiped, leaving the assembler idle and ready for a new
    /// start packet. After a refusal (or after <see cref="Reset"/>'s first start) the next start
    /// packet resynchronises the message id; otherwise ids must follow one another.
    /// </summary>
    /// <remarks>
    /// Security: framing is not authenticated; it only bounds memory and time. Integrity,
    /// replay and order of whole messages are the secure channel's job.
    /// </remarks>
    public sealed class FrameAssembler
    {
        private readonly IClock _clock;
        private readonly byte[] _message;
        private readonly int _timeoutMilliseconds;
        private int _packetSize;
        private bool _inProgress;
        private bool _synchronised;
        private int _messageId;
        private int _expectedMessageId;
        private int _lastFragmentIndex;
        private int _totalLength;
        private int _received;
        private long _lastPacketAt;
        private int _completedLength;

        /// <summary>
        /// Creates an assembler for messages of up to <paramref name="maxMessageSize"/> bytes
        /// (1..65535) that drops a partial message when no fragment arrives for
        /// <paramref name="timeoutMilliseconds"/> (at least 1) on <paramref name="clock"/>.
        /// The packet limit starts at the ATT minimum (MTU 23); see <see cref="SetMtu"/>.
        /// </summary>
        public FrameAssembler(IClock clock, int maxMessageSize, int timeoutMilliseconds)
        {
            if (clock == null || maxMessageSize < 1 || maxMessageSize > FrameFormat.MaxMessageLimit || timeoutMilliseconds < 1)
            {
                throw new FramingException(FramingError.InvalidConfiguration);
            }

            _clock = clock;
            _message = new byte[maxMessageSize];
            _timeoutMilliseconds = timeoutMilliseconds;
            _packetSize = FrameFormat.MinAttMtu - FrameFormat.AttOverhead;
        }

        /// <summary>The largest message this assembler accepts, in bytes.</summary>
        public int MaxMessageSize
        {
            get { return _message.Length; }
        }

        /// <summary>True while a message is partly received.</summary>
        public bool InProgress
        {
            get { return _inProgress; }
        }

        /// <summary>
        /// The buffer holding the last completed message (bytes 0..<see cref="CompletedLength"/>-1).
        /// Valid until the next call to <see cref="Accept"/>, <see cref="Reset"/> or <see cref="Poll"/>.
        /// </summary>
        public byte[] CompletedMessage
        {
            get { return _message; }
        }

        /// <summary>Length in bytes of the message completed by the last <see cref="Accept"/> that returned true.</summary>
        public int CompletedLength
        {
            get { return _completedLength; }
        }

        /// <summary>Sets the negotiated ATT MTU (23..517): packets longer than MTU - 3 are refused.</summary>
        public void SetMtu(int attMtu)
        {
            _packetSize = FrameFormat.PacketSizeForMtu(attMtu);
        }

        /// <summary>
        /// Drops any partial message (wiping it) and starts a new connection: the next message id
        /// expected is 0, but the first start packet resynchronises.
        /// </summary>
        public void Reset()
        {
            DropPartial();
            _synchronised = false;
            _expectedMessageId = 0;
            _completedLength = 0;
        }

        /// <summary>
        /// Drops a partial message whose reassembly timed out. Call it from the main loop's tick.
        /// Throws <see cref="FramingException"/> with <see cref="FramingError.ReassemblyTimeout"/>
        /// when it dropped one; otherwise does nothing.
        /// </summary>
        public void Poll()
        {
            if (_inProgress && IsExpired())
            {
                Fail(FramingError.ReassemblyTimeout);
            }
        }

        /// <summary>
        /// Takes one packet (<paramref name="count"/> bytes of <paramref name="packet"/> from
        /// <paramref name="offset"/>; the bytes are copied). Returns true when it completed a
        /// message, now in <see cref="CompletedMessage"/>; false when more packets are needed.
        /// Throws <see cref="FramingException"/> for a refused packet, after resetting.
        /// </summary>
        public bool Accept(byte[] packet, int offset, int count)
        {
            _completedLength = 0;
            if (packet == null || offset < 0 || count < 1 || offset > packet.Length - count)
            {
                Fail(FramingError.PacketTooShort);
            }

            if (count > _packetSize)
            {
                Fail(FramingError.PacketTooLong);
            }

            byte header = packet[offset];
            bool isStart = (header & FrameFormat.StartFlag) != 0;
            int sequence = header & FrameFormat.SequenceMask;
            if (_inProgress && IsExpired())
            {
                // A stale partial message is dropped; a new start may begin afresh, while a late
                // continuation is reported as the timeout it is.
                DropPartial();
                _synchronised = false;
                if (!isStart)
                {
                    Fail(FramingError.ReassemblyTimeout);
                }
            }

            _lastPacketAt = _clock.UptimeMilliseconds;
            if (isStart)
            {
                return AcceptStart(packet, offset, count, sequence);
            }

            return AcceptContinuation(packet, offset, count, sequence);
        }

        private bool AcceptStart(byte[] packet, int offset, int count, int messageId)
        {
            if (count < FrameFormat.StartHeaderSize)
            {
                Fail(FramingError.PacketTooShort);
            }

            if (_inProgress)
            {
                Fail(messageId == _messageId ? FramingError.DuplicateFragment : FramingError.UnexpectedStart);
            }

            if (_synchronised && messageId != _expectedMessageId)
            {
                Fail(messageId == ((_expectedMessageId + FrameFormat.SequenceMask) & FrameFormat.SequenceMask)
                    ? FramingError.DuplicateMessage
                    : FramingError.OutOfOrderMessage);
            }

            int total = (packet[offset + 1] << 8) | packet[offset + 2];
            if (total > _message.Length)
            {
                Fail(FramingError.MessageTooLarge);
            }

            int payload = count - FrameFormat.StartHeaderSize;
            if (payload > total)
            {
                Fail(FramingError.LengthMismatch);
            }

            System.Array.Copy(packet, offset + FrameFormat.StartHeaderSize, _message, 0, payload);
            _inProgress = true;
            _synchronised = true;
            _messageId = messageId;
            _expectedMessageId = (messageId + 1) & FrameFormat.SequenceMask;
            _totalLength = total;
            _received = payload;
            _lastFragmentIndex = 0;
            return CompleteIfDone();
        }

        private bool AcceptContinuation(byte[] packet, int offset, int count, int index)
        {
            if (!_inProgress)
            {
                Fail(FramingError.UnexpectedContinuation);
            }

            int expected = (_lastFragmentIndex + 1) & FrameFormat.SequenceMask;
            if (index != expected)
            {
                Fail(index == _lastFragmentIndex ? FramingError.DuplicateFragment : FramingError.OutOfOrderFragment);
            }

            int payload = count - FrameFormat.ContinuationHeaderSize;
            if (payload < 1 || payload > _totalLength - _received)
            {
                Fail(FramingError.LengthMismatch);
            }

            System.Array.Copy(packet, offset + FrameFormat.ContinuationHeaderSize, _message, _received, payload);
            _received += payload;
            _lastFragmentIndex = index;
            return CompleteIfDone();
        }

        private bool CompleteIfDone()
        {
            if (_received < _totalLength)
            {
                return false;
            }

            _inProgress = false;
            _completedLength = _totalLength;
            return true;
        }

        private bool IsExpired()
        {
            return _clock.UptimeMilliseconds - _lastPacketAt > _timeoutMilliseconds;
        }

        private void DropPartial()
        {
            if (_inProgress)
            {
                System.Array.Clear(_message, 0, _received);
            }

            _inProgress = false;
            _received = 0;
            _totalLength = 0;
            _lastFragmentIndex = 0;
        }

        private void Fail(FramingError error)
        {
            DropPartial();
            _synchronised = false;
            _completedLength = 0;
            throw new FramingException(error);
        }
    }
}
