using CardFirmware.Storage;

namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// Erases at boot the records that firmware before the hardware-bound keys wrote in the clear
    /// (identity private key, device secret, flash-only failed-touch count). Nothing reads them:
    /// whatever their content, hostile or damaged, they cannot stop the boot; and once deleted the
    /// log is compacted so that the old secrets are physically erased, not only shadowed.
    /// </summary>
    /// <remarks>
    /// A card flashed from that firmware keeps its bonds and helper data, but its sealed share no
    /// longer opens (it was wrapped without the eFuse key): such a card needs a factory reset.
    /// </remarks>
    public static class RetiredRecords
    {
        private static readonly int[] Keys = new int[]
        {
            StorageKeys.RetiredIdentityPrivateKey, StorageKeys.RetiredDeviceSecret, StorageKeys.RetiredFailedTouches,
        };

        /// <summary>Erases every retired record; returns true if there was one. Storage faults are left for a factory reset.</summary>
        public static bool Erase(RecordLog log)
        {
            bool found = false;
            try
            {
                for (int i = 0; i < Keys.Length; i++)
                {
                    if (log.Contains(Keys[i]))
                    {
                        log.Delete(Keys[i]);
                        found = true;
                    }
                }

                if (found)
                {
                    log.Compact();
                }
            }
            catch (StorageException)
            {
                // A log too damaged to rewrite still boots: the records stay unread, and a factory
                // reset (which compacts too) is the owner's way to clear them.
            }

            return found;
        }
    }
}
