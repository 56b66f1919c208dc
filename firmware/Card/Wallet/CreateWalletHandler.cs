using CardFirmware.Card.Commands;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// Distributed key generation with the phone (2-of-2 DKLs23 key: card = party 1, phone = party 2),
    /// one round per request. Request payload: <c>round(1) | body</c>.
    /// <list type="table">
    /// <item>round 1: body = session id (32, fresh from the phone); reply: the card's round-1 message</item>
    /// <item>round 2, 3: body = the phone's previous-round message; reply: the card's next message</item>
    /// <item>round 4: body = the phone's round-3 message; the card needs a finger touch, seals its share
    /// under the finger key and replies public key(33) | chain code(32)</item>
    /// </list>
    /// Any protocol abort drops the run (the party wipes itself) and answers ProtocolAborted.
    /// </summary>
    public sealed class CreateWalletHandler : ICommandHandler, ISessionScoped
    {
        private readonly RecordLog _log;
        private readonly ShareVault _vault;
        private readonly IFingerKeyReader _finger;
        private readonly IRandomSource _random;
        private readonly CardInfo _info;
        private readonly int _touchTimeoutMilliseconds;
        private DkgParty _party;
        private int _nextRound = 1;

        /// <summary>Creates the handler.</summary>
        public CreateWalletHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random,
            CardInfo info, int touchTimeoutMilliseconds)
        {
            _log = log;
            _vault = vault;
            _finger = finger;
            _random = random;
            _info = info;
            _touchTimeoutMilliseconds = touchTimeoutMilliseconds;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            int round;
            byte[] body = RoundRequest.Split(request, payloadOffset, payloadLength, out round);
            try
            {
                if (round == 1)
                {
                    return Begin(body);
                }

                if (_party == null || round != _nextRound)
                {
                    throw new CommandException(WireStatus.NotAllowedNow);
                }

                try
                {
                    byte[][] inbox = new byte[][] { body };
                    if (round == 2)
                    {
                        _nextRound = 3;
                        return _party.Round2(inbox)[0];
                    }

                    if (round == 3)
                    {
                        _nextRound = 4;
                        return _party.Round3(inbox)[0];
                    }

                    return Finish(_party.Finish(inbox));
                }
                catch (ThresholdException)
                {
                    EndSession();
                    throw new CommandException(WireStatus.ProtocolAborted);
                }
            }
            finally
            {
                // A round-2 key-generation message carries a secret polynomial share.
                Wipe.Bytes(body);
            }
        }

        /// <inheritdoc />
        public void EndSession()
        {
            // An unfinished party holds polynomial coefficients: cancel it so they are wiped.
            if (_party != null)
            {
                _party.Cancel();
                _party = null;
            }

            _nextRound = 1;
        }

        private byte[] Begin(byte[] sessionId)
        {
            if (!_finger.IsEnrolled)
            {
                throw new CommandException(WireStatus.NotEnrolled);
            }

            if (WalletRecord.Read(_log) != null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            if (sessionId.Length != 32)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            EndSession();
            _party = new DkgParty(2, 1, sessionId, _random);
            _nextRound = 2;
            return _party.Start()[0];
        }

        private byte[] Finish(KeyShare share)
        {
            byte[] fingerKey = null;
            byte[] serialized = null;
            try
            {
                // The touch comes last: the user approves a wallet whose key now exists, and the
                // share is sealed under the finger before it ever reaches flash.
                fingerKey = _finger.ReadKey(_touchTimeoutMilliseconds);
                serialized = share.Serialize();
                byte[] publicKey = share.PublicKey();
                byte[] chainCode = share.ChainCode;
                WalletRecord.Write(_log, publicKey, chainCode);
                _vault.Store(fingerKey, serialized);
                _info.HasWallet = true;

                byte[] reply = new byte[WalletRecord.Length];
                System.Array.Copy(publicKey, 0, reply, 0, 33);
                System.Array.Copy(chainCode, 0, reply, 33, 32);
                return reply;
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
