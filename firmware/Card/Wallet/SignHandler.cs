using CardFirmware.Card.Finger;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// Tap to approve: the card's side of DKLs23 signing (card = party 1, phone = party 2), one
    /// round per request (<see cref="RoundCommandHandler"/>).
    /// <list type="table">
    /// <item>round 1: body = phone's session-id contribution(32, fresh) | message hash(32) | depth(1, 0..8) |
    /// path(4 * depth, big-endian, non-hardened); the card waits for a finger, opens its share, contributes to the
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
        private const int MaxDepth = 8;

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
            if (body.Length < 65 || body[64] > MaxDepth || body.Length != 65 + (4 * body[64]))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (WalletRecord.Read(_log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            if (_guard.IsCondemned)
            {
                throw new CommandException(WireStatus.SetupCompromised);
            }

            byte[] phoneContribution = new byte[JointSessionId.ContributionBytes];
            System.Array.Copy(body, 0, phoneContribution, 0, phoneContribution.Length);
            uint[] path = ReadPath(body, 65, body[64]);

            byte[] fingerKey = null;
            try
            {
                fingerKey = _finger.ReadKey(_touchTimeoutMilliseconds);
                _share = _vault.OpenShare(fingerKey, _arithmetic);
                System.Array.Copy(body, 32, _hash, 0, 32);

                // The card's contribution is fixed (and its counter on flash) before any message depends on the id.
                byte[] cardContribution = _sessionIds.NextContribution();
                byte[] sessionId = JointSessionId.ForSigning(new byte[][] { cardContribution, phoneContribution });
                _party = new SignParty(_arithmetic, _share, new int[] { 1, 2 }, sessionId, path, _hash, _random);
                return FirstReply(cardContribution, _party.Start()[0]);
            }
            finally
            {
                Wipe.Bytes(fingerKey);
            }
        }

        /// <summary>The non-hardened path, or null for the root key; refuses a hardened index.</summary>
        private static uint[] ReadPath(byte[] body, int offset, int depth)
        {
            if (depth == 0)
            {
                return null;
            }

            uint[] path = new uint[depth];
            for (int i = 0; i < depth; i++)
            {
                int at = offset + (4 * i);
                uint index = ((uint)body[at] << 24) | ((uint)body[at + 1] << 16) | ((uint)body[at + 2] << 8) | body[at + 3];
                if (index >= 0x80000000u)
                {
                    // Threshold keys derive children publicly: hardened indices cannot exist.
                    throw new CommandException(WireStatus.MalformedRequest);
                }

                path[i] = index;
            }

            return path;
        }
    }
}
