using CardFirmware.Card.Identity;
using CardFirmware.Storage;

namespace CardFirmware.Card.KeyStore
{
    /// <summary>
    /// Returns the card to its state after first boot: no wallet, no finger, no bonded phone,
    /// touch counter base gone, and with the share the record of a condemned signing setup. The
    /// identity key and the device secret are derived from the eFuse HMAC key and stay (the identity
    /// is printed on the sleeve as a QR code); the one-way counter's burned bits stay burned (the
    /// next enrollment starts its base there), and so does the session counter (a session id must
    /// never repeat, wallet or not).
    /// </summary>
    /// <remarks>
    /// Power safety: a marker record is written first and removed last, and <see cref="Boot"/>
    /// finishes a reset that a power cut interrupted, so the card is never half reset. The log is
    /// compacted before the marker goes, so the erased share's ciphertext and the helper data
    /// are physically erased from flash, not only shadowed by newer records.
    /// </remarks>
    public static class FactoryReset
    {
        private static readonly int[] Erased = new int[]
        {
            StorageKeys.WrappedShare, StorageKeys.WalletPublic, StorageKeys.FingerHelperData,
            StorageKeys.TouchBase, StorageKeys.BondedPhones, StorageKeys.CompromisedSetup,
            StorageKeys.RetiredFailedTouches, StorageKeys.RetiredDeviceSecret, StorageKeys.RetiredIdentityPrivateKey,
        };

        /// <summary>Runs the whole reset.</summary>
        public static void Run(RecordLog log)
        {
            log.Put(StorageKeys.ResetPending, new byte[] { 1 });
            Finish(log);
        }

        /// <summary>At boot: finishes a reset a power cut interrupted; returns true if there was one.</summary>
        public static bool Boot(RecordLog log)
        {
            if (!log.Contains(StorageKeys.ResetPending))
            {
                return false;
            }

            Finish(log);
            return true;
        }

        private static void Finish(RecordLog log)
        {
            for (int i = 0; i < Erased.Length; i++)
            {
                log.Delete(Erased[i]);
            }

            log.Compact();
            log.Delete(StorageKeys.ResetPending);
        }
    }
}
