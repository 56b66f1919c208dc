using CardFirmware.Card.Identity;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// The wallet's public facts on flash: <c>public key(33) | chain code(32)</c>, i.e. the xpub at
    /// depth 0. A wallet exists only when this record AND the wrapped share exist: the record is
    /// written first, so a power cut between the two leaves no wallet, never a share without one.
    /// </summary>
    /// <remarks>
    /// Security: a stored share is never read as "no wallet". A share beside a public record of
    /// the wrong length, a share without a public record, or either record damaged on flash can
    /// come only from damage (or a hostile rewrite), never from a power cut; reading it as no
    /// wallet would let a new key generation overwrite the share, so it is reported as damage.
    /// </remarks>
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

        /// <summary>The record, or null when no wallet exists (no share is stored).</summary>
        /// <exception cref="StorageException">Corrupt when the wallet records are damaged (see <see cref="IsDamaged"/>).</exception>
        public static byte[] Read(RecordLog log)
        {
            if (IsDamaged(log))
            {
                throw new StorageException(StorageError.Corrupt);
            }

            return log.Contains(StorageKeys.WrappedShare) ? log.Get(StorageKeys.WalletPublic) : null;
        }

        /// <summary>
        /// True if the wallet records cannot be a wallet or no wallet: the log found either one
        /// changed after it was committed, or a share is stored without a public record of
        /// <see cref="Length"/> bytes.
        /// </summary>
        public static bool IsDamaged(RecordLog log)
        {
            if (log.IsDamaged(StorageKeys.WalletPublic) || log.IsDamaged(StorageKeys.WrappedShare))
            {
                return true;
            }

            return log.Contains(StorageKeys.WrappedShare) && log.GetLength(StorageKeys.WalletPublic) != Length;
        }

        /// <summary>
        /// True if a public record stands without a share and nothing is damaged: a wallet creation
        /// that a power cut interrupted between its two writes (the phone never got the card's last
        /// reply, so no wallet exists and boot removes the record).
        /// </summary>
        public static bool IsUnfinished(RecordLog log)
        {
            return log.Contains(StorageKeys.WalletPublic) && !log.Contains(StorageKeys.WrappedShare) && !IsDamaged(log);
        }
    }
}
