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
    public sealed class SignHandler : SigningHandler
    {
        /// <summary>Creates the handler on the managed arithmetic backend.</summary>
        public SignHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, int touchTimeoutMilliseconds)
            : this(log, vault, finger, random, sessionIds, guard, touchTimeoutMilliseconds, ManagedArithmeticBackend.Instance)
        {
        }

        /// <summary>Creates the handler; its threshold parties run on <paramref name="arithmetic"/> (<see cref="CardConfig.Arithmetic"/>).</summary>
        public SignHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
            : this(log, vault, finger, random, sessionIds, guard, touchTimeoutMilliseconds, arithmetic, null)
        {
        }

        /// <summary>As above; the card's round-2 message is written into <paramref name="replies"/> when the session lends it.</summary>
        public SignHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic, ReplyRoom replies)
            : base(new WalletServices(log, vault, finger, random, sessionIds, guard, null, touchTimeoutMilliseconds, arithmetic, replies))
        {
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            SignBegin request = SignBegin.Decode(body, 0, body.Length);

            if (WalletRecord.Read(Services.Log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            if (Services.Guard.IsCondemned)
            {
                throw new CommandException(WireStatus.SetupCompromised);
            }

            OpenShare();
            DropFingerKey();
            return StartSigning(request, 2);
        }
    }
}
