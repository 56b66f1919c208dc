using CardFirmware.Card.Identity;
using CardFirmware.Storage;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// The security provider's static public key (33 bytes, compressed) of a 2-of-3 wallet, record
    /// <see cref="StorageKeys.HybridProvider"/>: the key every relayed message to and from the provider is sealed
    /// with (<see cref="ProviderRelay"/>). Written before the wallet's public record and share, so a power cut
    /// leaves it without a wallet at worst, which boot removes (<see cref="DropIfNoWallet"/>).
    /// </summary>
    public static class ProviderKeyRecord
    {
        /// <summary>Length of the record.</summary>
        public const int Length = 33;

        /// <summary>Stores the provider's key.</summary>
        public static void Write(RecordLog log, byte[] providerKey)
        {
            log.Put(StorageKeys.HybridProvider, providerKey, 0, Length);
        }

        /// <summary>The provider's key, or null when the card holds no 2-of-3 wallet (or the record is damaged or of another length).</summary>
        public static byte[] Read(RecordLog log)
        {
            if (!log.Contains(StorageKeys.WrappedShare) || !log.Contains(StorageKeys.HybridProvider)
                || log.IsDamaged(StorageKeys.HybridProvider) || log.GetLength(StorageKeys.HybridProvider) != Length)
            {
                return null;
            }

            return log.Get(StorageKeys.HybridProvider);
        }

        /// <summary>Removes a provider key that stands without a share: a 2-of-3 creation or recovery a power cut interrupted, or a reset wallet.</summary>
        public static void DropIfNoWallet(RecordLog log)
        {
            if (!log.Contains(StorageKeys.WrappedShare) && (log.Contains(StorageKeys.HybridProvider) || log.IsDamaged(StorageKeys.HybridProvider)))
            {
                log.Delete(StorageKeys.HybridProvider);
            }
        }
    }
}
