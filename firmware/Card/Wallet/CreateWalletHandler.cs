using CardFirmware.Card.Commands;
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
    /// Distributed key generation with the phone (2-of-2 DKLs23 key: card = party 1, phone = party 2),
    /// one round per request (<see cref="RoundCommandHandler"/>).
    /// <list type="table">
    /// <item>round 1: body = phone's session-id contribution (32, fresh); the card contributes too
    /// (<see cref="SessionIdSource"/>: sid = <see cref="JointSessionId.ForKeyGeneration"/>(card's, phone's)) and
    /// replies card's contribution(32) | its round-1 message</item>
    /// <item>round 2, 3: body = the phone's previous-round message; reply: the card's next message</item>
    /// <item>round 4: body = the phone's round-3 message; the card needs a finger touch, seals its share
    /// under the finger key and replies public key(33) | chain code(32)</item>
    /// </list>
    /// A new wallet comes with fresh base OTs, so it lifts a condemnation left on flash (<see cref="SetupGuard"/>).
    /// </summary>
    public sealed class CreateWalletHandler : RoundCommandHandler
    {
        private readonly RecordLog _log;
        private readonly ShareVault _vault;
        private readonly IFingerKeyReader _finger;
        private readonly IRandomSource _random;
        private readonly IArithmeticBackend _arithmetic;
        private readonly CardInfo _info;
        private readonly SessionIdSource _sessionIds;
        private readonly SetupGuard _guard;
        private readonly DeviceKeys _keys;
        private readonly int _touchTimeoutMilliseconds;
        private DkgParty _party;
        private HedgedRandom _sessionRandom;

        /// <summary>Creates the handler on the managed arithmetic backend.</summary>
        public CreateWalletHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            CardInfo info, SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds)
            : this(log, vault, finger, random, info, sessionIds, guard, keys, touchTimeoutMilliseconds, ManagedArithmeticBackend.Instance)
        {
        }

        /// <summary>Creates the handler; its threshold parties run on <paramref name="arithmetic"/> (<see cref="CardConfig.Arithmetic"/>).</summary>
        public CreateWalletHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            CardInfo info, SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
        {
            _arithmetic = arithmetic;
            _keys = keys;
            _sessionIds = sessionIds;
            _guard = guard;
            _log = log;
            _vault = vault;
            _finger = finger;
            _random = random;
            _info = info;
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
            // An unfinished party holds polynomial coefficients: cancel it so they are wiped.
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
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            if (!_finger.IsEnrolled)
            {
                throw new CommandException(WireStatus.NotEnrolled);
            }

            if (WalletRecord.Read(_log) != null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            byte[] phoneContribution = KeyGenerationBegin.Decode(body, 0, body.Length).Contribution;

            Cancel();
            byte[] cardContribution = _sessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForKeyGeneration(new byte[][] { cardContribution, phoneContribution });
            _sessionRandom = SessionRandom.Create(_keys, sessionId, _random);
            _party = new DkgParty(_arithmetic, 2, 1, sessionId, _sessionRandom);
            return new FirstRoundReply(cardContribution, _party.Start()[0]).Encode();
        }

        private byte[] Finish(KeyShare share)
        {
            byte[] fingerKey = null;
            byte[] serialized = null;
            try
            {
                // The touch comes last: the user approves a wallet whose key now exists, and the
                // share is sealed under the finger before it ever reaches flash.
                fingerKey = _finger.ReadKey(_touchTimeoutMilliseconds);
                serialized = share.Serialize();
                byte[] publicKey = share.PublicKey();
                byte[] chainCode = share.ChainCode;
                WalletRecord.Write(_log, publicKey, chainCode);
                _vault.Store(fingerKey, serialized);
                _guard.Lift();
                _info.HasWallet = true;

                return new WalletKey(publicKey, chainCode).Encode();
            }
            finally
            {
                share.Clear();
                Wipe.Bytes(fingerKey);
                Wipe.Bytes(serialized);
                EndSession();
            }
        }
    }
}
