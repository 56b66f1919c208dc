using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// Key refresh with the phone (<see cref="DkgParty.ForRefresh"/>: new shares of the same key, fresh base OTs
    /// for both directions, a new key id), one round per request (<see cref="RoundCommandHandler"/>).
    /// <list type="table">
    /// <item>round 1: body = phone's session-id contribution(32, fresh); the card waits for a finger, opens its
    /// share, contributes to the session id (sid = <see cref="JointSessionId.ForRefresh"/>(card's, phone's)) and
    /// replies card's contribution(32) | its round-1 message</item>
    /// <item>round 2, 3: body = the phone's previous-round message; reply: the card's next message</item>
    /// <item>round 4: body = the phone's round-3 message; the card checks the phone's base-OT confirmation,
    /// seals the new share under the same finger key, lifts a condemned setup and replies public key(33) |
    /// chain code(32) (unchanged)</item>
    /// </list>
    /// This is the way out of <see cref="WireStatus.SetupCompromised"/>: the condemned Δ and seeds are replaced.
    /// </summary>
    /// <remarks>
    /// Security: the finger key and the old share are held from round 1 to round 4 of one session only and
    /// wiped at the end, on any abort and at the session's end. The phone finishes its side before it sends
    /// round 4 and must keep its old share until the card's round-4 reply: a cut before the card stores the new
    /// share leaves the card on the old setup.
    /// </remarks>
    public sealed class RefreshHandler : RoundCommandHandler
    {
        private readonly RecordLog _log;
        private readonly ShareVault _vault;
        private readonly IFingerKeyReader _finger;
        private readonly IRandomSource _random;
        private readonly IArithmeticBackend _arithmetic;
        private readonly SessionIdSource _sessionIds;
        private readonly SetupGuard _guard;
        private readonly DeviceKeys _keys;
        private readonly int _touchTimeoutMilliseconds;
        private KeyShare _share;
        private byte[] _fingerKey;
        private DkgParty _party;
        private HedgedRandom _sessionRandom;

        /// <summary>Creates the handler on the managed arithmetic backend.</summary>
        public RefreshHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds)
            : this(log, vault, finger, random, sessionIds, guard, keys, touchTimeoutMilliseconds, ManagedArithmeticBackend.Instance)
        {
        }

        /// <summary>Creates the handler; its threshold parties run on <paramref name="arithmetic"/> (<see cref="CardConfig.Arithmetic"/>).</summary>
        public RefreshHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
        {
            _arithmetic = arithmetic;
            _keys = keys;
            _log = log;
            _vault = vault;
            _finger = finger;
            _random = random;
            _sessionIds = sessionIds;
            _guard = guard;
            _touchTimeoutMilliseconds = touchTimeoutMilliseconds;
        }

        /// <inheritdoc />
        protected override bool IsRunning
        {
            get { return _party != null; }
        }

        /// <inheritdoc />
        protected override byte[] Continue(int round, byte[][] inbox)
        {
            if (round == 2)
            {
                return _party.Round2(inbox)[0];
            }

            if (round == 3)
            {
                return _party.Round3(inbox)[0];
            }

            return Finish(_party.Finish(inbox));
        }

        /// <inheritdoc />
        protected override void Cancel()
        {
            if (_party != null)
            {
                _party.Cancel();
                _party = null;
            }

            if (_sessionRandom != null)
            {
                _sessionRandom.Dispose();
                _sessionRandom = null;
            }

            if (_share != null)
            {
                _share.Clear();
                _share = null;
            }

            Wipe.Bytes(_fingerKey);
            _fingerKey = null;
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            byte[] phoneContribution = KeyGenerationBegin.Decode(body, 0, body.Length).Contribution;

            if (WalletRecord.Read(_log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            _fingerKey = _finger.ReadKey(_touchTimeoutMilliseconds);
            _share = _vault.OpenShare(_fingerKey, _arithmetic);
            byte[] cardContribution = _sessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForRefresh(new byte[][] { cardContribution, phoneContribution });
            _sessionRandom = SessionRandom.Create(_keys, sessionId, _random);
            _party = DkgParty.ForRefresh(_arithmetic, _share, sessionId, _sessionRandom);
            return new FirstRoundReply(cardContribution, _party.Start()[0]).Encode();
        }

        private byte[] Finish(KeyShare refreshed)
        {
            byte[] serialized = null;
            try
            {
                byte[] record = WalletRecord.Read(_log);
                byte[] publicKey = refreshed.PublicKey();
                if (record == null || !ConstantTime.AreEqual(record, 0, publicKey, 0, 33)
                    || !ConstantTime.AreEqual(record, 33, refreshed.ChainCode, 0, 32))
                {
                    // A refresh never changes the wallet's xpub; anything else is not this wallet.
                    throw new CommandException(WireStatus.ProtocolAborted);
                }

                serialized = refreshed.Serialize();
                _vault.Store(_fingerKey, serialized);
                _guard.Lift();
                return record;
            }
            finally
            {
                refreshed.Clear();
                Wipe.Bytes(serialized);
                EndSession();
            }
        }
    }
}
