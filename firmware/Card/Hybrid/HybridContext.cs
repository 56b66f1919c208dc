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
    /// What the 2-of-3 wallet commands share: the card's wallet services (<see cref="WalletServices"/>) and its
    /// identity key, which seals the relayed provider messages and signs approvals. Built once at boot.
    /// </summary>
    public sealed class HybridContext : WalletServices
    {
        /// <summary>Bundles the card's services for the 2-of-3 handlers.</summary>
        public HybridContext(RecordLog log, ShareVault vault, IFingerKeyReader finger, IRandomSource random, SessionIdSource sessionIds,
            SetupGuard guard, DeviceKeys keys, CardIdentity identity, IChannelCurve curve, int touchTimeoutMilliseconds, IArithmeticBackend arithmetic)
            : base(log, vault, finger, random, sessionIds, guard, keys, touchTimeoutMilliseconds, arithmetic)
        {
            Identity = identity;
            Curve = curve;
        }

        /// <summary>The card's identity key.</summary>
        public CardIdentity Identity { get; private set; }

        /// <summary>The curve of the relay seal's Diffie-Hellman.</summary>
        public IChannelCurve Curve { get; private set; }

        /// <summary>Refuses with WalletState, before any touch, unless a 2-of-3 wallet is stored (none, or a 2-of-2 one, is not).</summary>
        public void RequireWallet()
        {
            if (WalletRecord.Read(Log) == null || ProviderKeyRecord.Read(Log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }
        }
    }
}
