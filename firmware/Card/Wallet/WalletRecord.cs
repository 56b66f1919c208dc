using CardFirmware.Card.Identity;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// The wallet's public facts on flash: <c>public key(33) | chain code(32)</c>, i.e. the xpub at
    /// depth 0. A wallet exists only when this record AND the wrapped share exist: the record is
    /// written first, so a power cut between the two leaves no wallet, never a share without one.
    /// </summary>
    public static class WalletRecord
    {
        /// <summary>Length of the record.</summary>
        public const int Length = 33 + 32;

        /// <summary>Stores the public facts.</summary>
        public static void Write(RecordLog log, byte[] publicKey, byte[] chainCode)
        {
            byte[] record = new byte[Length];
            System.Array.Copy(publicKey, 0, record, 0, 33);
            System.Array.Copy(chainCode, 0, record, 33, 32);
            log.Put(StorageKeys.WalletPublic, record);
        }

        /// <summary>The record, or null when there is no complete wallet.</summary>
        public static byte[] Read(RecordLog log)
        {
            if (!log.Contains(StorageKeys.WalletPublic) || !log.Contains(StorageKeys.WrappedShare))
            {
                return null;
            }

            byte[] record = log.Get(StorageKeys.WalletPublic);
            return record.Length == Length ? record : null;
        }
    }
}
