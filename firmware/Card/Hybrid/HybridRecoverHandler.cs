using CardFirmware.Card.Commands;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// <see cref="CommandCode.HybridRecover"/>: the card's part in rebuilding a lost share of a 2-of-3 wallet
    /// (<see cref="DkgParty.ForRecovery"/> / <see cref="DkgParty.ForLostParty"/>): all three parties end with new
    /// shares of the same key, and every old share, the lost one wherever it is, signs nothing with them. One
    /// round per request (<see cref="RoundCommandHandler"/>); round 1's body is a <see cref="HybridRecoverBegin"/>, whose first byte names the lost party.
    /// <list type="table">
    /// <item>lost = 1, this card replaces a lost card: round 1 body = 1 | phone's contribution(32) | provider's
    /// contribution(32) | provider's static key(33) | wallet public key(33) | chain code(32). Needs an enrolled
    /// finger and no wallet; the run aborts unless the phone and the provider rebuild a share of exactly that key.
    /// Round 4 waits for the owner's touch, then stores like <see cref="HybridCreateHandler"/>.</item>
    /// <item>lost = 2, the phone was lost: round 1 body = 2 | new phone's contribution(32) | provider's
    /// contribution(32). The owner's touch opens the card's share (the approval of the recovery on the card; the
    /// provider asks for a <see cref="CardApproval"/> besides); round 4 stores the new share under the same finger
    /// key and erases the old one (<see cref="SupersededShare"/>).</item>
    /// </list>
    /// Both: sid = <see cref="JointSessionId.ForRecovery"/>(card's, phone's, provider's); round 1 replies card's
    /// contribution(32) | <see cref="RelayFrames"/>(round-1 messages); rounds 2 and 3 take and give frames as in key
    /// generation; round 4 replies public key(33) | chain code(32).
    /// </summary>
    public sealed class HybridRecoverHandler : KeyGenerationHandler
    {
        private readonly HybridContext _context;
        private readonly CardInfo _info;
        private readonly byte[] _providerKey = new byte[ProviderKeyRecord.Length];

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public HybridRecoverHandler(HybridContext context, CardInfo info)
            : base(context)
        {
            _context = context;
            _info = info;
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            HybridRecoverBegin request = HybridRecoverBegin.Decode(body, 0, body.Length);
            if (request.Lost == HybridRecoverBegin.LostCard)
            {
                CheckNewCard(request);
                System.Array.Copy(request.ProviderKey, 0, _providerKey, 0, ProviderKeyRecord.Length);
            }
            else
            {
                _context.RequireWallet();
                OpenShare();
                RequireShareOf(3);
                System.Array.Copy(ProviderKeyRecord.Read(_context.Log), 0, _providerKey, 0, ProviderKeyRecord.Length);
            }

            byte[] cardContribution = _context.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForRecovery(
                new byte[][] { cardContribution, request.PhoneContribution, request.ProviderContribution });
            Relay = ProviderRelay.Open(_context.Curve, _context.Identity, _providerKey, sessionId);
            if (Relay == null)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            HedgedRandom sessionRandom = HedgedSessionRandom(sessionId);
            if (request.Lost == HybridRecoverBegin.LostCard)
            {
                WalletKey wallet = request.Wallet;
                return Start(DkgParty.ForLostParty(_context.Arithmetic, 3, 1, wallet.PublicKey, wallet.ChainCode, sessionId, sessionRandom), cardContribution);
            }

            return Start(DkgParty.ForRecovery(_context.Arithmetic, Share, HybridRecoverBegin.LostPhone, sessionId, sessionRandom), cardContribution);
        }

        /// <inheritdoc />
        protected override byte[] Finish(KeyShare share)
        {
            if (Share == null)
            {
                // The owner enrolls the replacement: the touch comes last, when the rebuilt share exists.
                return StoreNewWallet(share, _info);
            }

            byte[] reply = ReplaceShare(share);
            SupersededShare.Erase(_context.Log);
            return reply;
        }

        /// <inheritdoc />
        protected override void RecordBeforeWallet()
        {
            ProviderKeyRecord.Write(_context.Log, _providerKey);
        }

        private void CheckNewCard(HybridRecoverBegin request)
        {
            RequireRoomForWallet();
            if (!_context.Curve.IsValidPublicKey(request.ProviderKey, 0) || !_context.Curve.IsValidPublicKey(request.Wallet.PublicKey, 0))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }
        }
    }
}
