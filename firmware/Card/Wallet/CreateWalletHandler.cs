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
    public sealed class CreateWalletHandler : KeyGenerationHandler
    {
        private readonly CardInfo _info;

        /// <summary>Creates the handler on the managed arithmetic backend.</summary>
        public CreateWalletHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            CardInfo info, SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds)
            : this(log, vault, finger, random, info, sessionIds, guard, keys, touchTimeoutMilliseconds, ManagedArithmeticBackend.Instance)
        {
        }

        /// <summary>Creates the handler; its threshold parties run on <paramref name="arithmetic"/> (<see cref="CardConfig.Arithmetic"/>).</summary>
        public CreateWalletHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            CardInfo info, SessionIdSource sessionIds, SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
            : base(new WalletServices(log, vault, finger, random, sessionIds, guard, keys, touchTimeoutMilliseconds, arithmetic))
        {
            _info = info;
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            RequireRoomForWallet();
            byte[] phoneContribution = KeyGenerationBegin.Decode(body, 0, body.Length).Contribution;

            Cancel();
            byte[] cardContribution = Services.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForKeyGeneration(new byte[][] { cardContribution, phoneContribution });
            return Start(new DkgParty(Services.Arithmetic, 2, 1, sessionId, HedgedSessionRandom(sessionId)), cardContribution);
        }

        /// <inheritdoc />
        protected override byte[] Finish(KeyShare share)
        {
            return StoreNewWallet(share, _info);
        }
    }
}
