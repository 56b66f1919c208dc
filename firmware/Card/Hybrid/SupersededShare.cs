using CardFirmware.Storage;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// Erases the flash copy of a share that a refresh or recovery replaced. The record log keeps a superseded
    /// record readable until a compaction erases its area (RecordLog remarks): the first compaction moves the live
    /// records into the erased spare area, the second erases the area that held the old record. Both are atomic.
    /// </summary>
    /// <remarks>
    /// Security: the old share is sealed under the same finger and chip keys as the new one; left on flash, a
    /// flash rewrite could bring it back after the other parties moved on. Erased, it is gone from the card.
    /// </remarks>
    public static class SupersededShare
    {
        /// <summary>Compacts twice.</summary>
        public static void Erase(RecordLog log)
        {
            log.Compact();
            log.Compact();
        }
    }
}
