using CardFirmware.Card.Commands;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Wallet;
using CardFirmware.Channel;
using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;
using CardFirmware.Hal;

namespace CardFirmware.Card.Session
{
    /// <summary>
    /// One phone connection: the secure channel (framing, Noise XK handshake, BOLT #8 transport)
    /// carries one command per message; the bonding policy decides who may talk once the
    /// handshake has authenticated the phone's static key. A framing error drops only the broken
    /// message; any channel failure, refused phone or protocol violation ends the session.
    /// </summary>
    /// <remarks>
    /// Security: the channel owns the handshake state, transport keys and plaintext; request and
    /// reply copies are wiped here after use; <see cref="Dispose"/> wipes the channel.
    /// </remarks>
    public sealed class CardSession : System.IDisposable
    {
        private readonly IBlePeripheral _ble;
        private readonly CardChannel _channel;
        private readonly CommandDispatcher _dispatcher;
        private readonly BondList _bonds;
        private readonly PhoneIdentity _caller;
        private readonly IFingerKeyReader _finger;
        private readonly CardInfo _info;
        private readonly int _touchTimeoutMilliseconds;
        private readonly byte[] _replyHeader = new byte[WireFormat.ReplyHeaderSize];
        private SessionEnd _end;

        /// <summary>
        /// Creates a session for a phone that has just connected: replies go out through
        /// <paramref name="sink"/> (see <see cref="SessionLinkSink"/>); <paramref name="info"/> says
        /// whether the card holds a wallet, which the bonding policy protects; <paramref name="prologue"/> is the
        /// Noise prologue's ASCII bytes (<see cref="CardConfig.Prologue"/>, converted once at boot).
        /// </summary>
        public CardSession(IBlePeripheral ble, IPacketSink sink, IClock clock, CardConfig config, byte[] prologue, CardIdentity identity,
            IChannelCurve curve, IEntropySource entropy, CommandDispatcher dispatcher, BondList bonds, PhoneIdentity caller,
            IFingerKeyReader finger, CardInfo info)
        {
            _finger = finger;
            _info = info;
            _touchTimeoutMilliseconds = config.TouchTimeoutMilliseconds;
            _caller = caller;
            _caller.Key = null;
            _ble = ble;
            _dispatcher = dispatcher;
            _bonds = bonds;
            _channel = new CardChannel(sink, clock, identity.PrivateKey, prologue,
                curve, config.Arithmetic, entropy, config.MaxMessageSize, config.ReassemblyTimeoutMilliseconds);
            _channel.OnConnected(ble.Mtu);
        }

        /// <summary>Why the session ended, or <see cref="SessionEnd.None"/> while it runs.</summary>
        public SessionEnd End
        {
            get { return _end; }
        }

        /// <summary>True once the handshake completed and the phone was admitted.</summary>
        public bool IsSecure
        {
            get { return _channel.State == ChannelState.Established && _end == SessionEnd.None; }
        }

        /// <summary>Messages dropped by the framing layer (malformed, oversize, timed out).</summary>
        public int FramingErrors { get; private set; }

        /// <summary>The last framing error seen.</summary>
        public FramingError LastFramingError
        {
            get { return _channel.LastFramingError; }
        }

        /// <summary>The handshake or transport failure that ended the session, if any.</summary>
        public ChannelError ChannelFailure
        {
            get { return _channel.LastChannelError; }
        }

        /// <summary>Commands answered in this session.</summary>
        public int CommandsHandled { get; private set; }

        /// <summary>True while a reply still has fragments waiting for the radio.</summary>
        public bool IsSending
        {
            get { return _channel.SendPending; }
        }

        /// <summary>Takes one packet the phone wrote.</summary>
        public void OnPacket(byte[] packet)
        {
            if (_end != SessionEnd.None)
            {
                return;
            }

            _channel.OnMtuChanged(_ble.Mtu);
            ChannelEvent happened = _channel.OnPacket(packet, 0, packet.Length);
            if (happened == ChannelEvent.PacketRejected)
            {
                FramingErrors++;
            }
            else if (happened == ChannelEvent.Failed)
            {
                _end = SessionEnd.ChannelBroken;
            }
            else if (happened == ChannelEvent.HandshakeComplete)
            {
                byte[] phoneKey = _channel.RemoteStaticKey();
                if (Admit(phoneKey))
                {
                    _caller.Key = phoneKey;
                }
                else
                {
                    _end = SessionEnd.NotBonded;
                }
            }
            else if (happened == ChannelEvent.MessageReceived)
            {
                Answer();
            }
        }

        /// <summary>The main loop's tick: resends refused notifications and drops a stalled partial message.</summary>
        public void Poll()
        {
            if (_channel.Pump() == ChannelEvent.PacketRejected)
            {
                FramingErrors++;
            }
        }

        /// <summary>Wipes every key and buffer of the session.</summary>
        public void Dispose()
        {
            _caller.Key = null;
            _channel.OnDisconnected();
            _channel.Dispose();
        }

        private void Answer()
        {
            if (!_channel.CanSend)
            {
                // One request at a time: a phone that sends before the previous reply is out has
                // broken the protocol, and its next reply could not be matched.
                _end = SessionEnd.ProtocolViolation;
                return;
            }

            // The request is read where the channel decrypted it, and the reply leaves as header and
            // payload, so that a round's large message is never copied whole (the heap's peak).
            // A handler may write a large payload straight into the idle send buffer (ReplyRoom).
            byte[] payload = null;
            ReplyRoom room = _dispatcher.Replies;
            room.Lend(_channel.SendBuffer, _channel.PlaintextOffset + WireFormat.ReplyHeaderSize, _channel.MaxPlaintextSize - WireFormat.ReplyHeaderSize);
            try
            {
                payload = _dispatcher.Dispatch(_channel.ReceivedMessage, _channel.ReceivedOffset, _channel.ReceivedLength, _replyHeader);
                bool inPlace = payload != null && payload == room.Buffer;
                int payloadOffset = inPlace ? room.Offset : 0;
                int payloadLength = inPlace ? room.Length : (payload == null ? 0 : payload.Length);

                // Before the reply goes into the send buffer: a round that wrote there and failed is wiped.
                room.Return(inPlace);
                _channel.WipeReceived();
                _channel.Send(_replyHeader, WireFormat.ReplyHeaderSize, payload, payloadOffset, payloadLength);
                CommandsHandled++;
            }
            catch (ChannelException)
            {
                _end = SessionEnd.ChannelBroken;
            }
            finally
            {
                room.Return(false);
                _channel.WipeReceived();
            }
        }

        /// <summary>Phones admitted this session after the owner's touch approved them.</summary>
        public bool BondedByTouch { get; private set; }

        private bool Admit(byte[] phoneKey)
        {
            // Pairing policy: a bonded phone needs nothing more. A card that protects nothing yet
            // (no finger, no wallet) bonds a phone when none is bonded (its first, or the next
            // after an unpair or a damaged bond list). Once a finger is enrolled every further
            // phone is bonded only after the owner's touch, even with no phone bonded: an empty
            // or damaged list must not open an enrolled card to whoever connects first. Before
            // enrollment no second phone is taken.
            if (_bonds.Contains(phoneKey))
            {
                return true;
            }

            bool enrolled = _finger != null && _finger.IsEnrolled;
            if (_bonds.Count == 0 && !enrolled && !_info.HasWallet)
            {
                return _bonds.Add(phoneKey);
            }

            if (!enrolled || _bonds.IsFull)
            {
                return false;
            }

            try
            {
                Wipe.Bytes(_finger.ReadKey(_touchTimeoutMilliseconds));
            }
            catch (CommandException)
            {
                return false;
            }

            BondedByTouch = _bonds.Add(phoneKey);
            return BondedByTouch;
        }
    }
}
