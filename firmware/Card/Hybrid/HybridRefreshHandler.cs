using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// <see cref="CommandCode.HybridRefresh"/>: refresh of a 2-of-3 wallet with the phone and the provider
    /// (<see cref="DkgParty.ForRefresh"/>: new shares of the same key, fresh base OTs for every pair, a new key id),
    /// one round per request.
    /// <list type="table">
    /// <item>round 1: body = <see cref="HybridRefreshBegin"/> (phone's contribution(32) | provider's contribution(32)); the card waits for a finger,
    /// opens its share, and replies card's contribution(32) | <see cref="RelayFrames"/>(round-1 messages)
    /// (sid = <see cref="JointSessionId.ForRefresh"/>(card's, phone's, provider's))</item>
    /// <item>round 2, 3: body = the peers' previous-round frames; reply: the card's next frames</item>
    /// <item>round 4: body = the round-3 frames; the card stores the new share under the same finger key, erases
    /// the old one from flash (<see cref="SupersededShare"/>) and replies public key(33) | chain code(32) (unchanged)</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// Security: the old share and the finger key live from round 1 to round 4 of one session only. The phone and the
    /// provider finish before round 4 and keep their old shares until the card's last reply; a cut before the card
    /// stores leaves all three able to retry from the old shares.
    /// </remarks>
    public sealed class HybridRefreshHandler : KeyGenerationHandler
    {
        private readonly HybridContext _context;

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public HybridRefreshHandler(HybridContext context)
            : base(context)
        {
            _context = context;
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            HybridRefreshBegin request = HybridRefreshBegin.Decode(body, 0, body.Length);
            _context.RequireWallet();
            OpenShare();
            RequireShareOf(3);
            byte[] cardContribution = _context.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForRefresh(
                new byte[][] { cardContribution, request.PhoneContribution, request.ProviderContribution });
            Relay = ProviderRelay.Open(_context.Curve, _context.Identity, ProviderKeyRecord.Read(_context.Log), sessionId);
            if (Relay == null)
            {
                throw new CommandException(WireStatus.StorageDamaged);
            }

            return Start(DkgParty.ForRefresh(_context.Arithmetic, Share, sessionId, HedgedSessionRandom(sessionId)), cardContribution);
        }

        /// <inheritdoc />
        protected override byte[] Finish(KeyShare share)
        {
            byte[] reply = ReplaceShare(share);
            SupersededShare.Erase(_context.Log);
            return reply;
        }
    }
}
