using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// <see cref="CommandCode.HybridSign"/>: tap to approve with a 2-of-3 wallet, the card signing with a chosen
    /// peer: the phone (party 2), or the provider (party 3, relayed by the phone and sealed end to end, the way to
    /// sign when the phone is lost). One round per request (<see cref="RoundCommandHandler"/>).
    /// <list type="table">
    /// <item>round 1: body = peer(1: 2 or 3) | peer's session-id contribution(32) | message hash(32) | depth(1, 0..8) |
    /// path(4 * depth, big-endian, non-hardened); the card waits for a finger, opens its share and replies card's
    /// contribution(32) | its round-1 message (sid = <see cref="JointSessionId.ForSigning"/>(card's, peer's))</item>
    /// <item>round 2: body = the peer's round-1 message; reply: the card's round-2 message</item>
    /// <item>round 3: body = the peer's round-2 message; the card presigns and replies its round-3 message. With the
    /// phone as peer the run ends here (the phone combines, as in 2-of-2)</item>
    /// <item>round 4 (provider as peer): body = the provider's round-3 message; the card combines and replies the
    /// signature r(32) | s(32), low-S, verified under the child key</item>
    /// </list>
    /// Messages to and from the provider are sealed (<see cref="ProviderRelay"/>); the phone's are as in 2-of-2.
    /// </summary>
    /// <remarks>
    /// Security: as <see cref="SignHandler"/>: secrets hedged, the opened share wiped at the end, on any abort and at
    /// the session's end; a detected cheat by either peer condemns the setup before the reply.
    /// </remarks>
    public sealed class HybridSignHandler : SigningHandler
    {
        private const int PhoneParty = 2;

        private readonly HybridContext _context;

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public HybridSignHandler(HybridContext context)
            : base(context)
        {
            _context = context;
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            // peer(1) | the sign request of the 2-of-2 wallet (SignBegin: contribution, hash, path).
            if (body.Length < 1 || (body[0] != PhoneParty && body[0] != ProviderRelay.ProviderParty))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            SignBegin request = SignBegin.Decode(body, 1, body.Length - 1);
            if (_context.Guard.IsCondemned)
            {
                throw new CommandException(WireStatus.SetupCompromised);
            }

            _context.RequireWallet();
            OpenShare();
            RequireShareOf(3);
            DropFingerKey();
            return StartSigning(request, body[0]);
        }

        /// <inheritdoc />
        protected override IPeerRelay RelayTo(int peer, byte[] sessionId)
        {
            if (peer != ProviderRelay.ProviderParty)
            {
                return null;
            }

            ProviderRelay relay = ProviderRelay.Open(_context.Curve, _context.Identity, ProviderKeyRecord.Read(_context.Log), sessionId);
            if (relay == null)
            {
                throw new CommandException(WireStatus.StorageDamaged);
            }

            return relay;
        }
    }
}
