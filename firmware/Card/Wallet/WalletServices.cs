using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// The card's services every wallet command runs on: the record log, the sealed share's vault, the finger,
    /// the generators, the condemned-setup record, the chip's keys and the arithmetic backend. Built once at boot.
    /// </summary>
    public class WalletServices
    {
        /// <summary>Bundles the card's services for the wallet handlers; <paramref name="keys"/> may be null for a handler that hedges no session random.</summary>
        public WalletServices(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random, SessionIdSource sessionIds,
            SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
        {
            Log = log;
            Vault = vault;
            Finger = finger;
            Random = random;
            SessionIds = sessionIds;
            Guard = guard;
            Keys = keys;
            TouchTimeoutMilliseconds = touchTimeoutMilliseconds;
            Arithmetic = arithmetic;
        }

        /// <summary>
        /// As above, with the dispatcher's <paramref name="replies"/>, where a round's large reply is written in place
        /// (null: every reply is its own array).
        /// </summary>
        public WalletServices(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random, SessionIdSource sessionIds,
            SetupGuard guard, DeviceKeys keys, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic, ReplyRoom replies)
            : this(log, vault, finger, random, sessionIds, guard, keys, touchTimeoutMilliseconds, arithmetic)
        {
            Replies = replies;
        }

        /// <summary>Room for a reply in the channel's send buffer, or null.</summary>
        public ReplyRoom Replies { get; private set; }

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

        /// <summary>How long a command waits for the finger.</summary>
        public int TouchTimeoutMilliseconds { get; private set; }

        /// <summary>The threshold parties' arithmetic backend.</summary>
        public IArithmeticBackend Arithmetic { get; private set; }
    }
}
