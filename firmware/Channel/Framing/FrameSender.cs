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
    public sealed class FrameSender
    {
        private readonly byte[] _message;
        private readonly byte[] _packet;
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

            _message = new byte[maxMessageSize];
            _packet = new byte[FrameFormat.MaxPacketSize];
        }

        /// <summary>The largest message this sender takes, in bytes.</summary>
        public int MaxMessageSize
        {
            get { return _message.Length; }
        }

        /// <summary>True while a message has packets left to send.</summary>
        public bool Busy
        {
            get { return _busy; }
        }

        /// <summary>
        /// The sender's own message buffer, so that a caller can build a message in place and
        /// hand it over with <see cref="BeginInPlace"/> without a copy. Only write it while not <see cref="Busy"/>.
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
            System.Array.Clear(_packet, 0, _packet.Length);
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
                System.Array.Copy(message, offset, _message, 0, count);
            }

            Start(count);
        }

        /// <summary>Sends the first <paramref name="count"/> bytes already written to <see cref="Buffer"/>.</summary>
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
                if (packetSize > _packet.Length)
                {
                    packetSize = _packet.Length;
                }

                int header;
                if (!_startSent)
                {
                    _packet[0] = (byte)(FrameFormat.StartFlag | _messageId);
                    _packet[1] = (byte)(_length >> 8);
                    _packet[2] = (byte)_length;
                    header = FrameFormat.StartHeaderSize;
                }
                else
                {
                    _packet[0] = (byte)((_fragmentIndex + 1) & FrameFormat.SequenceMask);
                    header = FrameFormat.ContinuationHeaderSize;
                }

                int chunk = packetSize - header;
                if (chunk > _length - _sent)
                {
                    chunk = _length - _sent;
                }

                System.Array.Copy(_message, _sent, _packet, header, chunk);
                if (!sink.TrySend(_packet, 0, header + chunk))
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

            if (count < 0 || count > _message.Length)
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
            System.Array.Clear(_message, 0, _length);
            _busy = false;
            _messageId = (_messageId + 1) & FrameFormat.SequenceMask;
        }
    }
}
