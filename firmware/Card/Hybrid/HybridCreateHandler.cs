using CardFirmware.Card.Commands;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Wallet;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// <see cref="CommandCode.HybridCreateWallet"/>: 2-of-3 key generation (card = party 1, phone = 2, provider = 3),
    /// the provider's messages relayed by the phone and sealed end to end (<see cref="ProviderRelay"/>); one round
    /// per request (<see cref="RoundCommandHandler"/>).
    /// <list type="table">
    /// <item>round 1: body = <see cref="HybridCreateBegin"/> (phone's session-id contribution(32) | provider's
    /// contribution(32) | provider's static key(33)); sid = <see cref="JointSessionId.ForKeyGeneration"/>(card's, phone's, provider's); reply: card's
    /// contribution(32) | <see cref="RelayFrames"/>(round-1 messages)</item>
    /// <item>round 2, 3: body = <see cref="RelayFrames"/>(phone's and provider's previous-round messages); reply: the
    /// card's next frames</item>
    /// <item>round 4: body = the frames of round 3; the card needs a finger touch, stores the provider's key, the
    /// wallet record and its share sealed under the finger key, and replies public key(33) | chain code(32)</item>
    /// </list>
    /// </summary>
    public sealed class HybridCreateHandler : KeyGenerationHandler
    {
        private readonly HybridContext _context;
        private readonly CardInfo _info;
        private readonly byte[] _providerKey = new byte[ProviderKeyRecord.Length];

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public HybridCreateHandler(HybridContext context, CardInfo info)
            : base(context)
        {
            _context = context;
            _info = info;
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            RequireRoomForWallet();
            HybridCreateBegin request = HybridCreateBegin.Decode(body, 0, body.Length);
            if (!_context.Curve.IsValidPublicKey(request.ProviderKey, 0))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            Cancel();
            System.Array.Copy(request.ProviderKey, 0, _providerKey, 0, ProviderKeyRecord.Length);
            byte[] cardContribution = _context.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForKeyGeneration(
                new byte[][] { cardContribution, request.PhoneContribution, request.ProviderContribution });
            Relay = ProviderRelay.Open(_context.Curve, _context.Identity, _providerKey, sessionId);
            if (Relay == null)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            return Start(new DkgParty(_context.Arithmetic, 3, 1, sessionId, HedgedSessionRandom(sessionId)), cardContribution);
        }

        /// <inheritdoc />
        protected override byte[] Finish(KeyShare share)
        {
            // As in 2-of-2 creation, the touch comes last: the owner approves a key that now exists.
            return StoreNewWallet(share, _info);
        }

        /// <inheritdoc />
        protected override void RecordBeforeWallet()
        {
            ProviderKeyRecord.Write(_context.Log, _providerKey);
        }
    }
}
