using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Hal;

namespace CardFirmware.Channel
{
    /// <summary>
    /// The card's end of the secure channel on one BLE connection: framing (reassembly of writes,
    /// fragmentation into notifications) under the Noise XK responder and the BOLT #8 transport.
    /// Driven by the card's main loop, on one thread: <see cref="OnConnected"/>, then every written
    /// packet into <see cref="OnPacket"/>, <see cref="Send"/> for replies, and <see cref="Pump"/> on
    /// every tick (it flushes notifications the radio refused earlier and enforces the reassembly
    /// timeout). Memory: three buffers of the configured message size, allocated once.
    /// </summary>
    /// <remarks>
    /// Security: no message reaches the application before the handshake verified the phone; the
    /// phone's static key (<see cref="RemoteStaticKey"/>) is for the card's bonding policy to check.
    /// Plaintext is wiped at the next packet, on disconnect and by <see cref="WipeReceived"/>.
    /// </remarks>
    public sealed class CardChannel : System.IDisposable
    {
        private readonly IPacketSink _sink;
        private readonly FrameAssembler _assembler;
        private readonly FrameSender _sender;
        private readonly byte[] _staticPrivateKey;
        private readonly byte[] _prologue;
        private readonly IChannelCurve _curve;
        private readonly IArithmeticBackend _arithmetic;
        private readonly IEntropySource _random;
        private readonly int _maxPlaintextSize;
        private NoiseResponder _responder;
        private NoiseTransport _transport;
        private ChannelState _state;
        private int _receivedLength;
        private FramingError _lastFramingError;
        private ChannelError _lastChannelError;

        /// <summary>
        /// Creates the channel. <paramref name="staticPrivateKey"/> (32 bytes) is the card's identity
        /// key (copied; wiped by <see cref="Dispose"/>); <paramref name="random"/> is the source of the handshake's ephemeral key (the card passes its hardware entropy source, <c>IBoard.Entropy</c>, as <c>CardSession</c> does);
        /// <paramref name="maxMessageSize"/> bounds a framed (encrypted) message, 35..65535 bytes;
        /// a partial message is dropped after <paramref name="reassemblyTimeoutMilliseconds"/> of silence.
        /// </summary>
        /// <remarks>The handshake hashes on the managed reference backend; a card passes its own
        /// backend to the constructor that takes an <see cref="IArithmeticBackend"/>.</remarks>
        public CardChannel(IPacketSink sink, IClock clock, byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve,
            IEntropySource random, int maxMessageSize, int reassemblyTimeoutMilliseconds)
            : this(sink, clock, staticPrivateKey, prologue, curve, ManagedArithmeticBackend.Instance, random, maxMessageSize, reassemblyTimeoutMilliseconds)
        {
        }

        /// <summary>
        /// Creates the channel with the handshake's point operations on <paramref name="curve"/> and its
        /// SHA-256 and HMAC on <paramref name="arithmetic"/> (the card's backend, <c>CardConfig.Arithmetic</c>);
        /// the other arguments as above.
        /// </summary>
        public CardChannel(IPacketSink sink, IClock clock, byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve,
            IArithmeticBackend arithmetic, IEntropySource random, int maxMessageSize, int reassemblyTimeoutMilliseconds)
        {
            if (sink == null || staticPrivateKey == null || prologue == null || curve == null || arithmetic == null || random == null
                || maxMessageSize <= NoiseConstants.TransportOverhead || !curve.IsValidPrivateKey(staticPrivateKey))
            {
                throw new ChannelException(ChannelError.InvalidConfiguredKey);
            }

            _sink = sink;
            _assembler = new FrameAssembler(clock, maxMessageSize, reassemblyTimeoutMilliseconds);
            _sender = new FrameSender(maxMessageSize);
            _staticPrivateKey = new byte[NoiseConstants.KeySize];
            System.Array.Copy(staticPrivateKey, 0, _staticPrivateKey, 0, NoiseConstants.KeySize);
            _prologue = new byte[prologue.Length];
            System.Array.Copy(prologue, 0, _prologue, 0, prologue.Length);
            _curve = curve;
            _arithmetic = arithmetic;
            _random = random;
            _maxPlaintextSize = maxMessageSize - NoiseConstants.TransportOverhead;
            _state = ChannelState.Disconnected;
        }

        /// <summary>Where the channel stands.</summary>
        public ChannelState State
        {
            get { return _state; }
        }

        /// <summary>The largest application message <see cref="Send"/> takes and a peer may send, in bytes.</summary>
        public int MaxPlaintextSize
        {
            get { return _maxPlaintextSize; }
        }

        /// <summary>The reason of the last <see cref="ChannelEvent.PacketRejected"/>.</summary>
        public FramingError LastFramingError
        {
            get { return _lastFramingError; }
        }

        /// <summary>The reason of the last <see cref="ChannelEvent.Failed"/>.</summary>
        public ChannelError LastChannelError
        {
            get { return _lastChannelError; }
        }

        /// <summary>
        /// The buffer holding the last received message, bytes <see cref="ReceivedOffset"/> ..
        /// <see cref="ReceivedOffset"/> + <see cref="ReceivedLength"/> - 1; valid until the next packet.
        /// It is the reassembly buffer itself: the body is decrypted in place, where its ciphertext
        /// was (after the 18-byte encrypted length), so that the channel holds two message buffers
        /// (reassembly, send), not three.
        /// </summary>
        public byte[] ReceivedMessage
        {
            get { return _assembler.CompletedMessage; }
        }

        /// <summary>Where the last received message starts in <see cref="ReceivedMessage"/>.</summary>
        public int ReceivedOffset
        {
            get { return NoiseConstants.LengthHeaderSize; }
        }

        /// <summary>Length of the last received message.</summary>
        public int ReceivedLength
        {
            get { return _receivedLength; }
        }

        /// <summary>
        /// The send buffer, where <see cref="Send(byte[], int, byte[], int, int)"/> puts a message's plaintext at
        /// <see cref="PlaintextOffset"/> and encrypts it in place. While <see cref="CanSend"/> nothing else uses it, so a
        /// reply's payload may be written there before it is sent (no second copy of a large round message).
        /// </summary>
        public byte[] SendBuffer
        {
            get { return _sender.Buffer; }
        }

        /// <summary>Where a message's plaintext goes in <see cref="SendBuffer"/> (after the frame header and the encrypted length).</summary>
        public int PlaintextOffset
        {
            get { return FrameSender.MessageOffset + NoiseConstants.LengthHeaderSize; }
        }

        /// <summary>True when <see cref="Send"/> may be called (established and the previous message fully handed to the radio).</summary>
        public bool CanSend
        {
            get { return _state == ChannelState.Established && !_sender.Busy; }
        }

        /// <summary>True while a message still has packets waiting for the radio.</summary>
        public bool SendPending
        {
            get { return _sender.Busy; }
        }

        /// <summary>The phone's static public key (33 bytes) once established; null before.</summary>
        public byte[] RemoteStaticKey()
        {
            return _state == ChannelState.Established ? _transport.RemoteStaticKey() : null;
        }

        /// <summary>
        /// A phone connected with ATT MTU <paramref name="attMtu"/> (as the radio reports it; clamped
        /// to 23..517): starts a fresh handshake.
        /// </summary>
        public void OnConnected(int attMtu)
        {
            EndSession();
            _assembler.SetMtu(FrameFormat.ClampAttMtu(attMtu));
            _responder = new NoiseResponder(_staticPrivateKey, _prologue, _curve, _arithmetic, _random);
            _state = ChannelState.AwaitingActOne;
        }

        /// <summary>The negotiated MTU changed during the connection (clamped to 23..517).</summary>
        public void OnMtuChanged(int attMtu)
        {
            _assembler.SetMtu(FrameFormat.ClampAttMtu(attMtu));
        }

        /// <summary>The connection ended: every session secret and buffer is wiped.</summary>
        public void OnDisconnected()
        {
            EndSession();
        }

        /// <summary>
        /// Takes one written packet. Returns what it did; for <see cref="ChannelEvent.MessageReceived"/>
        /// the plaintext is in <see cref="ReceivedMessage"/>. Never throws for bad input.
        /// </summary>
        public ChannelEvent OnPacket(byte[] packet, int offset, int count)
        {
            WipeReceived();
            if (_state == ChannelState.Disconnected || _state == ChannelState.Failed)
            {
                return ChannelEvent.None;
            }

            bool complete;
            try
            {
                complete = _assembler.Accept(packet, offset, count);
            }
            catch (FramingException e)
            {
                _lastFramingError = e.Error;
                return ChannelEvent.PacketRejected;
            }

            if (!complete)
            {
                return ChannelEvent.None;
            }

            try
            {
                return OnMessage(_assembler.CompletedMessage, _assembler.CompletedLength);
            }
            catch (ChannelException e)
            {
                Fail(e.Error);
                return ChannelEvent.Failed;
            }
            catch (FramingException)
            {
                // The handshake reply could not be queued: the phone broke the turn order.
                Fail(ChannelError.WrongState);
                return ChannelEvent.Failed;
            }
        }

        /// <summary>
        /// Encrypts <paramref name="count"/> bytes of <paramref name="message"/> (at most
        /// <see cref="MaxPlaintextSize"/>) and starts sending it. Requires <see cref="CanSend"/>.
        /// </summary>
        /// <exception cref="ChannelException">WrongState when not established; MessageTooLarge above the maximum.</exception>
        /// <exception cref="FramingException">SenderBusy while the previous message is still being sent.</exception>
        public void Send(byte[] message, int offset, int count)
        {
            if (_state != ChannelState.Established)
            {
                throw new ChannelException(ChannelError.WrongState);
            }

            if (count < 0 || count > _maxPlaintextSize)
            {
                throw new ChannelException(ChannelError.MessageTooLarge);
            }

            if (_sender.Busy)
            {
                throw new FramingException(FramingError.SenderBusy);
            }

            int total = _transport.Encrypt(message, offset, count, _sender.Buffer, FrameSender.MessageOffset);
            _sender.BeginInPlace(total);
            _sender.Pump(_sink);
        }

        /// <summary>
        /// Sends one message made of two parts, <paramref name="headCount"/> bytes of <paramref name="head"/>
        /// then <paramref name="bodyCount"/> bytes of <paramref name="body"/> from <paramref name="bodyOffset"/>
        /// (a reply's header and its payload): both are copied into the send buffer and encrypted there in
        /// place, so no joined copy of a large reply is ever made. A body already in place (<see cref="SendBuffer"/> at
        /// <see cref="PlaintextOffset"/> + <paramref name="headCount"/>) is not copied. Same rules and exceptions as <see cref="Send"/>.
        /// </summary>
        public void Send(byte[] head, int headCount, byte[] body, int bodyOffset, int bodyCount)
        {
            if (_state != ChannelState.Established)
            {
                throw new ChannelException(ChannelError.WrongState);
            }

            if (headCount < 0 || bodyCount < 0 || headCount + bodyCount > _maxPlaintextSize)
            {
                throw new ChannelException(ChannelError.MessageTooLarge);
            }

            if (_sender.Busy)
            {
                throw new FramingException(FramingError.SenderBusy);
            }

            // The plaintext goes where its ciphertext will be (after the encrypted length): the
            // transport's body encryption runs in place, as decryption does on the way in.
            int at = FrameSender.MessageOffset + NoiseConstants.LengthHeaderSize;
            System.Array.Copy(head, 0, _sender.Buffer, at, headCount);
            if (bodyCount > 0 && (body != _sender.Buffer || bodyOffset != at + headCount))
            {
                System.Array.Copy(body, bodyOffset, _sender.Buffer, at + headCount, bodyCount);
            }

            int total = _transport.Encrypt(_sender.Buffer, at, headCount + bodyCount, _sender.Buffer, FrameSender.MessageOffset);
            _sender.BeginInPlace(total);
            _sender.Pump(_sink);
        }

        /// <summary>
        /// The main loop's tick: offers waiting packets to the radio again and drops a stalled
        /// partial message. Returns <see cref="ChannelEvent.PacketRejected"/> (reassembly timeout) or None.
        /// </summary>
        public ChannelEvent Pump()
        {
            if (_state == ChannelState.Disconnected)
            {
                return ChannelEvent.None;
            }

            _sender.Pump(_sink);
            try
            {
                _assembler.Poll();
            }
            catch (FramingException e)
            {
                _lastFramingError = e.Error;
                return ChannelEvent.PacketRejected;
            }

            return ChannelEvent.None;
        }

        /// <summary>Zeroes the last received plaintext.</summary>
        public void WipeReceived()
        {
            if (_receivedLength > 0)
            {
                Wipe.Bytes(_assembler.CompletedMessage);
                _receivedLength = 0;
            }
        }

        /// <summary>Ends any session and wipes the static key copy; the channel cannot be used afterwards.</summary>
        public void Dispose()
        {
            EndSession();
            Wipe.Bytes(_staticPrivateKey);
        }

        /// <summary>Never prints key material.</summary>
        public override string ToString()
        {
            return "CardChannel <redacted>";
        }

        private ChannelEvent OnMessage(byte[] message, int length)
        {
            if (_state == ChannelState.AwaitingActOne)
            {
                int written = _responder.ReadActOne(message, 0, length, _sender.Buffer, FrameSender.MessageOffset);
                _sender.BeginInPlace(written);
                _sender.Pump(_sink);
                _state = ChannelState.AwaitingActThree;
                return ChannelEvent.None;
            }

            if (_state == ChannelState.AwaitingActThree)
            {
                _transport = _responder.ReadActThree(message, 0, length);
                _responder.Dispose();
                _responder = null;
                _state = ChannelState.Established;
                return ChannelEvent.HandshakeComplete;
            }

            // In place: the body's plaintext overwrites its own ciphertext (same offset), which the
            // stream cipher allows once the tag has been checked.
            _receivedLength = _transport.Decrypt(message, 0, length, message, NoiseConstants.LengthHeaderSize);
            return ChannelEvent.MessageReceived;
        }

        private void Fail(ChannelError error)
        {
            _lastChannelError = error;
            EndSession();
            _state = ChannelState.Failed;
        }

        private void EndSession()
        {
            if (_responder != null)
            {
                _responder.Dispose();
                _responder = null;
            }

            if (_transport != null)
            {
                _transport.Dispose();
                _transport = null;
            }

            _assembler.Reset();
            _sender.Reset();
            Wipe.Bytes(_assembler.CompletedMessage);
            _receivedLength = 0;
            _state = ChannelState.Disconnected;
        }
    }
}
