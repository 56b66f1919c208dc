using CardFirmware.Card.Finger;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// Tap to approve: the card's side of DKLs23 signing (card = party 1, phone = party 2), one
    /// round per request (<see cref="RoundCommandHandler"/>).
    /// <list type="table">
    /// <item>round 1: body = <see cref="SignBegin"/> (the phone's fresh session-id contribution, the message hash,
    /// the non-hardened path); the card waits for a finger, opens its share, contributes to the
    /// session id (<see cref="SessionIdSource"/>: sid = <see cref="JointSessionId.ForSigning"/>(card's, phone's))
    /// and replies card's contribution(32) | its round-1 message</item>
    /// <item>round 2: body = the phone's round-1 message (under that sid); reply: the card's round-2 message</item>
    /// <item>round 3: body = the phone's round-2 message; the card presigns, signs the hash and replies with
    /// its round-3 message, from which the phone combines the signature</item>
    /// </list>
    /// The opened share lives only between rounds 1 and 3 of one session and is wiped after round
    /// 3, on any abort and at the session's end.
    /// </summary>
    /// <remarks>
    /// Security: the card's secrets of a session (nonce, φ, choice bits, check mask) are hedged with its share,
    /// the session id and the message hash (<see cref="SignParty"/>, RFC 6979 §3.6). A failed OT-extension,
    /// multiplication or consistency check condemns the setup on flash before the reply
    /// (<see cref="SetupGuard"/>); the card then answers <see cref="WireStatus.SetupCompromised"/>, and from then
    /// on refuses round 1 with that status before any touch.
    /// </remarks>
    public sealed class SignHandler : RoundCommandHandler
    {
        private readonly RecordLog _log;
        private readonly ShareVault _vault;
        private readonly IFingerKeyReader _finger;
        private readonly IRandomSource _random;
        private readonly IArithmeticBackend _arithmetic;
        private readonly SessionIdSource _sessionIds;
        private readonly SetupGuard _guard;
        private readonly int _touchTimeoutMilliseconds;
        private readonly byte[] _hash = new byte[32];
        private KeyShare _share;
        private SignParty _party;

        /// <summary>Creates the handler on the managed arithmetic backend.</summary>
        public SignHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, int touchTimeoutMilliseconds)
            : this(log, vault, finger, random, sessionIds, guard, touchTimeoutMilliseconds, ManagedArithmeticBackend.Instance)
        {
        }

        /// <summary>Creates the handler; its threshold parties run on <paramref name="arithmetic"/> (<see cref="CardConfig.Arithmetic"/>).</summary>
        public SignHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
        {
            _arithmetic = arithmetic;
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

            _party.Presign(inbox);
            byte[] reply = _party.SignHash(_hash)[0];
            EndSession();
            return reply;
        }

        /// <inheritdoc />
        protected override void Cancel()
        {
            if (_share != null)
            {
                _share.Clear();
                _share = null;
            }

            if (_party != null)
            {
                _party.Cancel();
                _party = null;
            }

            Wipe.Bytes(_hash);
        }

        /// <inheritdoc />
        protected override WireStatus Aborted(ThresholdException abort)
        {
            if (_share == null || !SetupGuard.IsDetectedCheat(abort.Reason))
            {
                return WireStatus.ProtocolAborted;
            }

            _guard.Condemn(_share.KeyId, abort.Reason);
            return WireStatus.SetupCompromised;
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            SignBegin request = SignBegin.Decode(body, 0, body.Length);

            if (WalletRecord.Read(_log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            if (_guard.IsCondemned)
            {
                throw new CommandException(WireStatus.SetupCompromised);
            }

            byte[] fingerKey = null;
            try
            {
                fingerKey = _finger.ReadKey(_touchTimeoutMilliseconds);
                _share = _vault.OpenShare(fingerKey, _arithmetic);
                System.Array.Copy(request.Hash, 0, _hash, 0, _hash.Length);

                // The card's contribution is fixed (and its counter on flash) before any message depends on the id.
                byte[] cardContribution = _sessionIds.NextContribution();
                byte[] sessionId = JointSessionId.ForSigning(new byte[][] { cardContribution, request.Contribution });
                _party = new SignParty(_arithmetic, _share, new int[] { 1, 2 }, sessionId, request.PathOrNull, _hash, _random);
                return new FirstRoundReply(cardContribution, _party.Start()[0]).Encode();
            }
            finally
            {
                Wipe.Bytes(fingerKey);
            }
        }
    }
}
