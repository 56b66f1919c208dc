using CardFirmware.Card.Commands;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// A round command that runs one threshold party for the card, 2-of-2 (<c>Wallet/</c>) or 2-of-3 (<c>Hybrid/</c>).
    /// It owns what a run holds: the party, its hedged session random, the relay to a peer behind the phone, the
    /// card's opened share and the finger key that opened it, and wipes them all in one place (<see cref="Cancel"/>):
    /// at the run's end, on any abort and at the session's end. It also keeps the two ways a run ends on flash
    /// once: a new wallet (<see cref="StoreNewWallet"/>) and a new share of the stored one (<see cref="ReplaceShare"/>).
    /// </summary>
    /// <remarks>
    /// Security: <see cref="Share"/> and <see cref="FingerKey"/> live from the round that opens them to the end of
    /// the run; a handler that does not need the finger key after opening the share drops it at once (<see cref="DropFingerKey"/>).
    /// </remarks>
    public abstract class PartyRoundHandler : RoundCommandHandler
    {
        private ProtocolParty _party;
        private HedgedRandom _sessionRandom;
        private IPeerRelay _relay;
        private KeyShare _share;
        private byte[] _fingerKey;

        /// <summary>Creates the handler over the card's wallet services.</summary>
        protected PartyRoundHandler(WalletServices services)
        {
            Services = services;
        }

        /// <summary>The card's services.</summary>
        protected WalletServices Services { get; private set; }

        /// <summary>The run's party (null when no run is in progress).</summary>
        protected ProtocolParty Party
        {
            get { return _party; }
            set { _party = value; }
        }

        /// <summary>The run's relay to a peer behind the phone, null when every peer's messages come as sent.</summary>
        protected IPeerRelay Relay
        {
            get { return _relay; }
            set { _relay = value; }
        }

        /// <summary>The card's opened share (null until <see cref="OpenShare"/>, and in runs that make a new share).</summary>
        protected KeyShare Share
        {
            get { return _share; }
        }

        /// <summary>The finger key that opened <see cref="Share"/>.</summary>
        protected byte[] FingerKey
        {
            get { return _fingerKey; }
        }

        /// <inheritdoc />
        protected sealed override bool IsRunning
        {
            get { return _party != null; }
        }

        /// <inheritdoc />
        protected sealed override void Cancel()
        {
            // An unfinished party holds secret state (polynomial coefficients, nonces): cancel it so it is wiped.
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

            DropFingerKey();
            WipeRequest();
        }

        /// <summary>Wipes what the handler copied out of the round-1 request (nothing unless a handler says so).</summary>
        protected virtual void WipeRequest()
        {
        }

        /// <summary>The run's generator: the card's entropy hedged with its device key and <paramref name="sessionId"/>, wiped with the run.</summary>
        protected HedgedRandom HedgedSessionRandom(byte[] sessionId)
        {
            _sessionRandom = SessionRandom.Create(Services.Keys, sessionId, Services.Random, Services.Arithmetic);
            return _sessionRandom;
        }

        /// <summary>Refuses with NotEnrolled unless a finger is enrolled, then with WalletState if a wallet is stored: a new wallet needs both.</summary>
        protected void RequireRoomForWallet()
        {
            if (!Services.Finger.IsEnrolled)
            {
                throw new CommandException(WireStatus.NotEnrolled);
            }

            if (WalletRecord.Read(Services.Log) != null)
            {
                throw new CommandException(WireStatus.WalletState);
            }
        }

        /// <summary>
        /// Waits for the finger and opens the card's share into <see cref="Share"/>, keeping the finger key in
        /// <see cref="FingerKey"/>. A share that does not open (damage) leaves no finger key behind either.
        /// </summary>
        protected void OpenShare()
        {
            _fingerKey = Services.Finger.ReadKey(Services.TouchTimeoutMilliseconds);
            try
            {
                _share = Services.Vault.OpenShare(_fingerKey, Services.Arithmetic);
            }
            finally
            {
                if (_share == null)
                {
                    DropFingerKey();
                }
            }
        }

        /// <summary>
        /// Refuses with WalletState, wiping the share and the finger key, unless <see cref="Share"/> is the card's
        /// share (party 1) of a <paramref name="parties"/>-party wallet.
        /// </summary>
        protected void RequireShareOf(int parties)
        {
            if (_share.Parties != parties || _share.Index != 1)
            {
                _share.Clear();
                _share = null;
                DropFingerKey();
                throw new CommandException(WireStatus.WalletState);
            }
        }

        /// <summary>Wipes <see cref="FingerKey"/>.</summary>
        protected void DropFingerKey()
        {
            Wipe.Bytes(_fingerKey);
            _fingerKey = null;
        }

        /// <summary>
        /// The last round of a run that makes a new wallet: the touch comes last, so the owner approves a key that
        /// now exists and the share is sealed under the finger before it ever reaches flash. Writes
        /// <see cref="RecordBeforeWallet"/>, the wallet record and the sealed share, in that order, lifts a condemned
        /// setup and returns the wallet's key. The caller clears <paramref name="share"/>.
        /// </summary>
        protected byte[] StoreNewWallet(KeyShare share, CardInfo info)
        {
            byte[] fingerKey = null;
            byte[] serialized = null;
            try
            {
                fingerKey = Services.Finger.ReadKey(Services.TouchTimeoutMilliseconds);
                serialized = share.Serialize();
                byte[] publicKey = share.PublicKey();
                byte[] chainCode = share.ChainCode;
                RecordBeforeWallet();
                WalletRecord.Write(Services.Log, publicKey, chainCode);
                Services.Vault.Store(fingerKey, serialized);
                Services.Guard.Lift();
                info.HasWallet = true;
                return new WalletKey(publicKey, chainCode).Encode();
            }
            finally
            {
                Wipe.Bytes(fingerKey);
                Wipe.Bytes(serialized);
            }
        }

        /// <summary>Writes what a new wallet needs on flash before its record (nothing unless a handler says so).</summary>
        protected virtual void RecordBeforeWallet()
        {
        }

        /// <summary>
        /// The last round of a refresh or recovery: stores <paramref name="replacement"/>, a new share of the stored
        /// wallet, under <see cref="FingerKey"/> and lifts a condemned setup. Refuses with ProtocolAborted, storing
        /// nothing, if its xpub is not the wallet's. Returns public key(33) | chain code(32). The caller clears
        /// <paramref name="replacement"/>.
        /// </summary>
        protected byte[] ReplaceShare(KeyShare replacement)
        {
            byte[] serialized = null;
            try
            {
                byte[] record = WalletRecord.Read(Services.Log);
                byte[] publicKey = replacement.PublicKey();
                if (record == null || !ConstantTime.AreEqual(record, 0, publicKey, 0, 33)
                    || !ConstantTime.AreEqual(record, 33, replacement.ChainCode, 0, 32))
                {
                    // A refresh or recovery never changes the wallet's xpub; anything else is not this wallet.
                    throw new CommandException(WireStatus.ProtocolAborted);
                }

                serialized = replacement.Serialize();
                Services.Vault.Store(_fingerKey, serialized);
                Services.Guard.Lift();
                return record;
            }
            finally
            {
                Wipe.Bytes(serialized);
            }
        }

        /// <summary>The request body of a round as its peers' messages: as sent without a relay, else the phone's and the relayed peer's opened.</summary>
        protected byte[][] Receive(int round, byte[] body)
        {
            return _relay == null ? new byte[][] { body } : _relay.Inbox(round, body);
        }

        /// <summary>The reply of a round from the party's outbox: its one message without a relay, else the frames for the phone and the relayed peer.</summary>
        protected byte[] Send(int round, byte[][] outbox)
        {
            return _relay == null ? outbox[0] : _relay.Reply(round, outbox);
        }
    }
}
