using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// Tap to approve: the card's side of DKLs23 signing (card = party 1, phone = party 2), one
    /// round per request (<see cref="RoundCommandHandler"/>).
    /// <list type="table">
    /// <item>round 1: body = session id(32) | message hash(32) | depth(1, 0..8) | path(4 * depth, big-endian,
    /// non-hardened); the card waits for a finger, opens its share and replies with its round-1 message</item>
    /// <item>round 2: body = the phone's round-1 message; reply: the card's round-2 message</item>
    /// <item>round 3: body = the phone's round-2 message; the card presigns, signs the hash and replies with
    /// its round-3 message, from which the phone combines the signature</item>
    /// </list>
    /// The opened share lives only between rounds 1 and 3 of one session and is wiped after round
    /// 3, on any abort and at the session's end.
    /// </summary>
    public sealed class SignHandler : RoundCommandHandler
    {
        private const int MaxDepth = 8;

        private readonly RecordLog _log;
        private readonly ShareVault _vault;
        private readonly IFingerKeyReader _finger;
        private readonly IRandomSource _random;
        private readonly int _touchTimeoutMilliseconds;
        private readonly byte[] _hash = new byte[32];
        private KeyShare _share;
        private SignParty _party;

        /// <summary>Creates the handler.</summary>
        public SignHandler(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random, int touchTimeoutMilliseconds)
        {
            _log = log;
            _vault = vault;
            _finger = finger;
            _random = random;
            _touchTimeoutMilliseconds = touchTimeoutMilliseconds;
        }

        /// <inheritdoc />
        protected override bool IsRunning
        {
            get { return _party != null; }
        }

        /// <inheritdoc />
        protected override byte[] Continue(int round, byte[][] inbox)
        {
            if (round == 2)
            {
                return _party.Round2(inbox)[0];
            }

            _party.Presign(inbox);
            byte[] reply = _party.SignHash(_hash)[0];
            EndSession();
            return reply;
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

            Wipe.Bytes(_hash);
        }

        /// <inheritdoc />
        protected override byte[] Begin(byte[] body)
        {
            Cancel();
            if (body.Length < 65 || body[64] > MaxDepth || body.Length != 65 + (4 * body[64]))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (WalletRecord.Read(_log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            byte[] sessionId = new byte[32];
            System.Array.Copy(body, 0, sessionId, 0, 32);
            uint[] path = ReadPath(body, 65, body[64]);

            byte[] fingerKey = null;
            byte[] serialized = null;
            try
            {
                fingerKey = _finger.ReadKey(_touchTimeoutMilliseconds);
                serialized = _vault.Open(fingerKey);
                if (serialized == null)
                {
                    // The finger was recognised, so a share that does not open is damaged storage.
                    throw new StorageException(StorageError.Corrupt);
                }

                _share = KeyShare.Deserialize(serialized);
                System.Array.Copy(body, 32, _hash, 0, 32);
                _party = new SignParty(_share, new int[] { 1, 2 }, sessionId, path, _random);
                return _party.Start()[0];
            }
            finally
            {
                Wipe.Bytes(fingerKey);
                Wipe.Bytes(serialized);
            }
        }

        /// <summary>The non-hardened path, or null for the root key; refuses a hardened index.</summary>
        private static uint[] ReadPath(byte[] body, int offset, int depth)
        {
            if (depth == 0)
            {
                return null;
            }

            uint[] path = new uint[depth];
            for (int i = 0; i < depth; i++)
            {
                int at = offset + (4 * i);
                uint index = ((uint)body[at] << 24) | ((uint)body[at + 1] << 16) | ((uint)body[at + 2] << 8) | body[at + 3];
                if (index >= 0x80000000u)
                {
                    // Threshold keys derive children publicly: hardened indices cannot exist.
                    throw new CommandException(WireStatus.MalformedRequest);
                }

                path[i] = index;
            }

            return path;
        }
    }
}
