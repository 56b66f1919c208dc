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
    public sealed class HybridSignHandler : RoundCommandHandler
    {
        private const int PhoneParty = 2;

        private readonly HybridContext _context;
        private readonly byte[] _hash = new byte[32];
        private KeyShare _share;
        private SignParty _party;
        private ProviderRelay _relay;

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public HybridSignHandler(HybridContext context)
        {
            _context = context;
        }

        /// <inheritdoc />
        protected override bool IsRunning
        {
            get { return _party != null; }
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
            uint[] path = request.PathOrNull;
            if (_context.Guard.IsCondemned)
            {
                throw new CommandException(WireStatus.SetupCompromised);
            }

            int peer = body[0];
            byte[] fingerKey = null;
            try
            {
                _share = _context.OpenShare(out fingerKey);
                System.Array.Copy(request.Hash, 0, _hash, 0, 32);

                // The card's contribution is fixed (and its counter on flash) before any message depends on the id.
                byte[] cardContribution = _context.SessionIds.NextContribution();
                byte[] sessionId = JointSessionId.ForSigning(new byte[][] { cardContribution, request.Contribution });
                if (peer == ProviderRelay.ProviderParty)
                {
                    _relay = ProviderRelay.Open(_context.Curve, _context.Identity, ProviderKeyRecord.Read(_context.Log), sessionId);
                    if (_relay == null)
                    {
                        throw new CommandException(WireStatus.StorageDamaged);
                    }
                }

                _party = new SignParty(_context.Arithmetic, _share, new int[] { 1, peer }, sessionId, path, _hash, _context.Random);
                return new FirstRoundReply(cardContribution, Out(1, _party.Start()[0])).Encode();
            }
            finally
            {
                Wipe.Bytes(fingerKey);
            }
        }

        /// <inheritdoc />
        protected override byte[] Continue(int round, byte[][] inbox)
        {
            byte[] message = In(round - 1, inbox[0]);
            try
            {
                if (round == 2)
                {
                    return Out(2, _party.Round2(new byte[][] { message })[0]);
                }

                if (round == 3)
                {
                    _party.Presign(new byte[][] { message });
                    byte[] reply = Out(3, _party.SignHash(_hash)[0]);
                    if (_relay == null)
                    {
                        EndSession();
                    }

                    return reply;
                }

                byte[] signature = _party.Combine(new byte[][] { message });
                EndSession();
                return signature;
            }
            finally
            {
                if (message != inbox[0])
                {
                    Wipe.Bytes(message);
                }
            }
        }

        /// <inheritdoc />
        protected override WireStatus Aborted(ThresholdException abort)
        {
            if (_share == null || !SetupGuard.IsDetectedCheat(abort.Reason))
            {
                return WireStatus.ProtocolAborted;
            }

            _context.Guard.Condemn(_share.KeyId, abort.Reason);
            return WireStatus.SetupCompromised;
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

            if (_relay != null)
            {
                _relay.Dispose();
                _relay = null;
            }

            Wipe.Bytes(_hash);
        }

        private byte[] Out(int round, byte[] message)
        {
            return _relay == null ? message : _relay.Seal(round, message);
        }

        private byte[] In(int round, byte[] message)
        {
            return _relay == null ? message : _relay.Open(round, message);
        }
    }
}
