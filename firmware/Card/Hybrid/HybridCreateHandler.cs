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
    /// <item>round 1: body = phone's session-id contribution(32) | provider's contribution(32) | provider's static
    /// key(33); sid = <see cref="JointSessionId.ForKeyGeneration"/>(card's, phone's, provider's); reply: card's
    /// contribution(32) | <see cref="RelayFrames"/>(round-1 messages)</item>
    /// <item>round 2, 3: body = <see cref="RelayFrames"/>(phone's and provider's previous-round messages); reply: the
    /// card's next frames</item>
    /// <item>round 4: body = the frames of round 3; the card needs a finger touch, stores the provider's key, the
    /// wallet record and its share sealed under the finger key, and replies public key(33) | chain code(32)</item>
    /// </list>
    /// </summary>
    public sealed class HybridCreateHandler : RoundCommandHandler
    {
        private const int BeginBytes = (2 * JointSessionId.ContributionBytes) + ProviderKeyRecord.Length;

        private readonly HybridContext _context;
        private readonly CardInfo _info;
        private readonly byte[] _providerKey = new byte[ProviderKeyRecord.Length];
        private DkgParty _party;
        private HedgedRandom _sessionRandom;
        private ProviderRelay _relay;

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public HybridCreateHandler(HybridContext context, CardInfo info)
        {
            _context = context;
            _info = info;
        }

        /// <inheritdoc />
        protected override bool IsRunning
        {
            get { return _party != null; }
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            if (!_context.Finger.IsEnrolled)
            {
                throw new CommandException(WireStatus.NotEnrolled);
            }

            if (WalletRecord.Read(_context.Log) != null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            if (body.Length != BeginBytes || !_context.Curve.IsValidPublicKey(body, 2 * JointSessionId.ContributionBytes))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            Cancel();
            System.Array.Copy(body, 2 * JointSessionId.ContributionBytes, _providerKey, 0, ProviderKeyRecord.Length);
            byte[] cardContribution = _context.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForKeyGeneration(
                new byte[][] { cardContribution, HybridContext.Slice(body, 0), HybridContext.Slice(body, JointSessionId.ContributionBytes) });
            _relay = ProviderRelay.Open(_context.Curve, _context.Identity, _providerKey, sessionId);
            if (_relay == null)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            _sessionRandom = SessionRandom.Create(_context.Keys, sessionId, _context.Random);
            _party = new DkgParty(_context.Arithmetic, 3, 1, sessionId, _sessionRandom);
            return new FirstRoundReply(cardContribution, _relay.Reply(1, _party.Start())).Encode();
        }

        /// <inheritdoc />
        protected override byte[] Continue(int round, byte[][] inbox)
        {
            byte[][] messages = _relay.Inbox(round - 1, inbox[0]);
            try
            {
                if (round == 2)
                {
                    return _relay.Reply(2, _party.Round2(messages));
                }

                if (round == 3)
                {
                    return _relay.Reply(3, _party.Round3(messages));
                }

                return Finish(_party.Finish(messages));
            }
            finally
            {
                HybridContext.WipeAll(messages);
            }
        }

        /// <inheritdoc />
        protected override void Cancel()
        {
            if (_party != null)
            {
                _party.Cancel();
                _party = null;
            }

            if (_sessionRandom != null)
            {
                _sessionRandom.Dispose();
                _sessionRandom = null;
            }

            if (_relay != null)
            {
                _relay.Dispose();
                _relay = null;
            }
        }

        private byte[] Finish(KeyShare share)
        {
            byte[] fingerKey = null;
            byte[] serialized = null;
            try
            {
                // As in 2-of-2 creation, the touch comes last: the owner approves a key that now exists.
                fingerKey = _context.Finger.ReadKey(_context.TouchTimeoutMilliseconds);
                serialized = share.Serialize();
                byte[] publicKey = share.PublicKey();
                byte[] chainCode = share.ChainCode;
                ProviderKeyRecord.Write(_context.Log, _providerKey);
                WalletRecord.Write(_context.Log, publicKey, chainCode);
                _context.Vault.Store(fingerKey, serialized);
                _context.Guard.Lift();
                _info.HasWallet = true;
                return HybridContext.Xpub(publicKey, chainCode);
            }
            finally
            {
                share.Clear();
                Wipe.Bytes(fingerKey);
                Wipe.Bytes(serialized);
                EndSession();
            }
        }
    }
}
