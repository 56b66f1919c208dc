using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Wallet;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// What the 2-of-3 wallet commands share: the card's record log, vault, finger, generators, identity key (which
    /// seals the relayed provider messages and signs approvals) and arithmetic backend. Built once at boot.
    /// </summary>
    public sealed class HybridContext
    {
        /// <summary>Bundles the card's services for the 2-of-3 handlers.</summary>
        public HybridContext(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random, SessionIdSource sessionIds,
            SetupGuard guard, DeviceKeys keys, CardIdentity identity, IChannelCurve curve, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
        {
            Log = log;
            Vault = vault;
            Finger = finger;
            Random = random;
            SessionIds = sessionIds;
            Guard = guard;
            Keys = keys;
            Identity = identity;
            Curve = curve;
            TouchTimeoutMilliseconds = touchTimeoutMilliseconds;
            Arithmetic = arithmetic;
        }

        /// <summary>The card's record log.</summary>
        public RecordLog Log { get; private set; }

        /// <summary>The sealed share's store.</summary>
        public ShareVault Vault { get; private set; }

        /// <summary>The tap to approve.</summary>
        public IFingerKeyReader Finger { get; private set; }

        /// <summary>The card's protocol generator.</summary>
        public IRandomSource Random { get; private set; }

        /// <summary>The card's part in every session id.</summary>
        public SessionIdSource SessionIds { get; private set; }

        /// <summary>The condemned-setup record.</summary>
        public SetupGuard Guard { get; private set; }

        /// <summary>The chip's keys (session hedging).</summary>
        public DeviceKeys Keys { get; private set; }

        /// <summary>The card's identity key.</summary>
        public CardIdentity Identity { get; private set; }

        /// <summary>The curve of the relay seal's Diffie-Hellman.</summary>
        public IChannelCurve Curve { get; private set; }

        /// <summary>How long a command waits for the finger.</summary>
        public int TouchTimeoutMilliseconds { get; private set; }

        /// <summary>The threshold parties' arithmetic backend.</summary>
        public IArithmeticBackend Arithmetic { get; private set; }

        /// <summary>
        /// Reads the finger and opens the card's 2-of-3 share. Refuses with WalletState when no 2-of-3 wallet is
        /// stored (none, or a 2-of-2 one), before any touch. The caller wipes <paramref name="fingerKey"/> and clears the share.
        /// </summary>
        public KeyShare OpenShare(out byte[] fingerKey)
        {
            if (WalletRecord.Read(Log) == null || ProviderKeyRecord.Read(Log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            fingerKey = Finger.ReadKey(TouchTimeoutMilliseconds);
            KeyShare share = null;
            try
            {
                share = Vault.OpenShare(fingerKey, Arithmetic);
            }
            finally
            {
                if (share == null)
                {
                    // A share that does not open (damage) leaves no finger key behind either.
                    Wipe.Bytes(fingerKey);
                    fingerKey = null;
                }
            }

            if (share.Parties != 3 || share.Index != 1)
            {
                share.Clear();
                Wipe.Bytes(fingerKey);
                fingerKey = null;
                throw new CommandException(WireStatus.WalletState);
            }

            return share;
        }

        /// <summary>
        /// Stores <paramref name="replacement"/>, a refreshed or recovered share of the stored wallet, under
        /// <paramref name="fingerKey"/>, lifts a condemned setup and erases the old share's flash copy. Refuses with
        /// ProtocolAborted, storing nothing, if its xpub is not the wallet's. Returns public key(33) | chain code(32).
        /// </summary>
        public byte[] Replace(KeyShare replacement, byte[] fingerKey)
        {
            byte[] serialized = null;
            try
            {
                byte[] record = WalletRecord.Read(Log);
                byte[] publicKey = replacement.PublicKey();
                if (record == null || !ConstantTime.AreEqual(record, 0, publicKey, 0, 33)
                    || !ConstantTime.AreEqual(record, 33, replacement.ChainCode, 0, 32))
                {
                    // A refresh or recovery never changes the wallet's xpub; anything else is not this wallet.
                    throw new CommandException(WireStatus.ProtocolAborted);
                }

                serialized = replacement.Serialize();
                Vault.Store(fingerKey, serialized);
                Guard.Lift();
                SupersededShare.Erase(Log);
                return record;
            }
            finally
            {
                replacement.Clear();
                Wipe.Bytes(serialized);
            }
        }

        /// <summary>32 bytes of <paramref name="body"/> from <paramref name="offset"/>.</summary>
        public static byte[] Slice(byte[] body, int offset)
        {
            byte[] part = new byte[JointSessionId.ContributionBytes];
            System.Array.Copy(body, offset, part, 0, part.Length);
            return part;
        }

        /// <summary>public key(33) | chain code(32).</summary>
        public static byte[] Xpub(byte[] publicKey, byte[] chainCode)
        {
            byte[] reply = new byte[WalletRecord.Length];
            System.Array.Copy(publicKey, 0, reply, 0, 33);
            System.Array.Copy(chainCode, 0, reply, 33, 32);
            return reply;
        }

        /// <summary>Wipes every message of <paramref name="messages"/> (they may carry secret shares).</summary>
        public static void WipeAll(byte[][] messages)
        {
            if (messages == null)
            {
                return;
            }

            for (int i = 0; i < messages.Length; i++)
            {
                Wipe.Bytes(messages[i]);
            }
        }
    }
}
