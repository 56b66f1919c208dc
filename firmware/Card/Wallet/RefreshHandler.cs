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
    public sealed class RefreshHandler : KeyGenerationHandler
    {
        /// <summary>Creates the handler on the managed arithmetic backend.</summary>
        public RefreshHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds)
            : this(log, vault, finger, random, sessionIds, guard, keys, touchTimeoutMilliseconds, ManagedArithmeticBackend.Instance)
        {
        }

        /// <summary>Creates the handler; its threshold parties run on <paramref name="arithmetic"/> (<see cref="CardConfig.Arithmetic"/>).</summary>
        public RefreshHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
            : base(new WalletServices(log, vault, finger, random, sessionIds, guard, keys, touchTimeoutMilliseconds, arithmetic))
        {
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            byte[] phoneContribution = KeyGenerationBegin.Decode(body, 0, body.Length).Contribution;

            if (WalletRecord.Read(Services.Log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            OpenShare();
            byte[] cardContribution = Services.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForRefresh(new byte[][] { cardContribution, phoneContribution });
            return Start(DkgParty.ForRefresh(Services.Arithmetic, Share, sessionId, HedgedSessionRandom(sessionId)), cardContribution);
        }

        /// <inheritdoc />
        protected override byte[] Finish(KeyShare share)
        {
            return ReplaceShare(share);
        }
    }
}
