namespace CardFirmware.Channel.Framing
{
    /// <summary>
    /// Splits one message at a time into packets in the format of <see cref="FrameFormat"/> and
    /// offers them to an <see cref="IPacketSink"/>. Back-pressure: when the sink refuses a packet
    /// the sender keeps its place and offers the same packet on the next <see cref="Pump"/>; it
    /// never queues more than the one message it holds in a buffer allocated at construction.
    /// Packet sizes follow the sink's current <see cref="IPacketSink.MaxPacketSize"/>, so an MTU
    /// exchange in the middle of a message is harmless.
    /// </summary>
    /// <remarks>
    /// No copy per packet: the message sits in the buffer after <see cref="MessageOffset"/> bytes of
    /// room, and each packet is offered straight from the buffer with its header written over the
    /// bytes just before its chunk (the start header into that room, a continuation header over the
    /// last byte already sent). The sink must take its copy in <see cref="IPacketSink.TrySend"/>.
    /// </remarks>
    public sealed class FrameSender
    {
        private readonly byte[] _message;
        private bool _busy;
        private int _length;
        private int _sent;
        private bool _startSent;
        private int _messageId;
        private int _fragmentIndex;

        /// <summary>Creates a sender for messages of up to <paramref name="maxMessageSize"/> bytes (0..65535).</summary>
        public FrameSender(int maxMessageSize)
        {
            if (maxMessageSize < 0 || maxMessageSize > FrameFormat.MaxMessageLimit)
            {
                throw new FramingException(FramingError.InvalidConfiguration);
            }

            _message = new byte[MessageOffset + maxMessageSize];
        }

        /// <summary>Where a message starts in <see cref="Buffer"/>: the room for the start packet's header.</summary>
        public const int MessageOffset = FrameFormat.StartHeaderSize;

        /// <summary>The largest message this sender takes, in bytes.</summary>
        public int MaxMessageSize
        {
            get { return _message.Length - MessageOffset; }
        }

        /// <summary>True while a message has packets left to send.</summary>
        public bool Busy
        {
            get { return _busy; }
        }

        /// <summary>
        /// The sender's own message buffer, so that a caller can build a message in place, from
        /// <see cref="MessageOffset"/>, and hand it over with <see cref="BeginInPlace"/> without a copy.
        /// Only write it while not <see cref="Busy"/>.
        /// </summary>
        public byte[] Buffer
        {
            get { return _message; }
        }

        /// <summary>
        /// Starts a new connection: drops (and wipes) any message being sent; the next message id is 0.
        /// </summary>
        public void Reset()
        {
            System.Array.Clear(_message, 0, _message.Length);
            _busy = false;
            _length = 0;
            _sent = 0;
            _startSent = false;
            _messageId = 0;
        }

        /// <summary>
        /// Takes a copy of <paramref name="count"/> bytes of <paramref name="message"/> from
        /// <paramref name="offset"/> to send. Throws <see cref="FramingError.SenderBusy"/> while a
        /// message is still being sent and <see cref="FramingError.MessageTooLarge"/> above the maximum.
        /// </summary>
        public void Begin(byte[] message, int offset, int count)
        {
            CheckCanBegin(count);
            if (count > 0)
            {
                System.Array.Copy(message, offset, _message, MessageOffset, count);
            }

            Start(count);
        }

        /// <summary>Sends the <paramref name="count"/> bytes already written to <see cref="Buffer"/> from <see cref="MessageOffset"/>.</summary>
        public void BeginInPlace(int count)
        {
            CheckCanBegin(count);
            Start(count);
        }

        /// <summary>
        /// Offers packets to <paramref name="sink"/> until the message is sent or the sink refuses
        /// one. Returns true when no message is left to send.
        /// </summary>
        public bool Pump(IPacketSink sink)
        {
            while (_busy)
            {
                int packetSize = sink.MaxPacketSize;
                if (packetSize > FrameFormat.MaxPacketSize)
                {
                    packetSize = FrameFormat.MaxPacketSize;
                }

                // The chunk starts at MessageOffset + _sent; its header goes just before it, over the
                // start room or over bytes already sent.
                int header = _startSent ? FrameFormat.ContinuationHeaderSize : FrameFormat.StartHeaderSize;
                int at = MessageOffset + _sent - header;
                if (!_startSent)
                {
                    _message[at] = (byte)(FrameFormat.StartFlag | _messageId);
                    _message[at + 1] = (byte)(_length >> 8);
                    _message[at + 2] = (byte)_length;
                }
                else
                {
                    _message[at] = (byte)((_fragmentIndex + 1) & FrameFormat.SequenceMask);
                }

                int chunk = packetSize - header;
                if (chunk > _length - _sent)
                {
                    chunk = _length - _sent;
                }

                if (!sink.TrySend(_message, at, header + chunk))
                {
                    return false;
                }

                if (_startSent)
                {
                    _fragmentIndex = (_fragmentIndex + 1) & FrameFormat.SequenceMask;
                }

                _startSent = true;
                _sent += chunk;
                if (_sent == _length)
                {
                    Finish();
                }
            }

            return true;
        }

        private void CheckCanBegin(int count)
        {
            if (_busy)
            {
                throw new FramingException(FramingError.SenderBusy);
            }

            if (count < 0 || count > _message.Length - MessageOffset)
            {
                throw new FramingException(FramingError.MessageTooLarge);
            }
        }

        private void Start(int count)
        {
            _busy = true;
            _length = count;
            _sent = 0;
            _startSent = false;
            _fragmentIndex = 0;
        }

        private void Finish()
        {
            System.Array.Clear(_message, 0, MessageOffset + _length);
            _busy = false;
            _messageId = (_messageId + 1) & FrameFormat.SequenceMask;
        }
    }
}
