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
    /// round per request (<see cref="RoundCommandHandler"/>); round 1's first byte names the lost party.
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
    public sealed class HybridRecoverHandler : RoundCommandHandler
    {
        private const int LostCard = 1;
        private const int LostPhone = 2;
        private const int Contributions = 1 + (2 * JointSessionId.ContributionBytes);
        private const int NewCardBytes = Contributions + ProviderKeyRecord.Length + WalletRecord.Length;

        private readonly HybridContext _context;
        private readonly CardInfo _info;
        private readonly byte[] _providerKey = new byte[ProviderKeyRecord.Length];
        private KeyShare _share;
        private byte[] _fingerKey;
        private DkgParty _party;
        private HedgedRandom _sessionRandom;
        private ProviderRelay _relay;

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public HybridRecoverHandler(HybridContext context, CardInfo info)
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
            Cancel();
            if (body.Length < 1 || (body[0] == LostCard && body.Length != NewCardBytes) || (body[0] == LostPhone && body.Length != Contributions)
                || (body[0] != LostCard && body[0] != LostPhone))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (body[0] == LostCard)
            {
                CheckNewCard(body);
                System.Array.Copy(body, Contributions, _providerKey, 0, ProviderKeyRecord.Length);
            }
            else
            {
                _share = _context.OpenShare(out _fingerKey);
                System.Array.Copy(ProviderKeyRecord.Read(_context.Log), 0, _providerKey, 0, ProviderKeyRecord.Length);
            }

            byte[] cardContribution = _context.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForRecovery(
                new byte[][] { cardContribution, HybridContext.Slice(body, 1), HybridContext.Slice(body, 1 + JointSessionId.ContributionBytes) });
            _relay = ProviderRelay.Open(_context.Curve, _context.Identity, _providerKey, sessionId);
            if (_relay == null)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            _sessionRandom = SessionRandom.Create(_context.Keys, sessionId, _context.Random);
            if (body[0] == LostCard)
            {
                byte[] publicKey = new byte[33];
                byte[] chainCode = new byte[32];
                System.Array.Copy(body, Contributions + ProviderKeyRecord.Length, publicKey, 0, 33);
                System.Array.Copy(body, Contributions + ProviderKeyRecord.Length + 33, chainCode, 0, 32);
                _party = DkgParty.ForLostParty(_context.Arithmetic, 3, 1, publicKey, chainCode, sessionId, _sessionRandom);
            }
            else
            {
                _party = DkgParty.ForRecovery(_context.Arithmetic, _share, LostPhone, sessionId, _sessionRandom);
            }

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

                KeyShare rebuilt = _party.Finish(messages);
                try
                {
                    return _share == null ? StoreNewCard(rebuilt) : _context.Replace(rebuilt, _fingerKey);
                }
                finally
                {
                    EndSession();
                }
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

            if (_share != null)
            {
                _share.Clear();
                _share = null;
            }

            Wipe.Bytes(_fingerKey);
            _fingerKey = null;
        }

        private void CheckNewCard(byte[] body)
        {
            if (!_context.Finger.IsEnrolled)
            {
                throw new CommandException(WireStatus.NotEnrolled);
            }

            if (WalletRecord.Read(_context.Log) != null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            if (!_context.Curve.IsValidPublicKey(body, Contributions) || !_context.Curve.IsValidPublicKey(body, Contributions + ProviderKeyRecord.Length))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }
        }

        private byte[] StoreNewCard(KeyShare share)
        {
            byte[] fingerKey = null;
            byte[] serialized = null;
            try
            {
                // The owner enrolls the replacement: the touch comes last, when the rebuilt share exists.
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
            }
        }
    }
}
