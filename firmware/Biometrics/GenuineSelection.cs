namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Which tallied enrollment codes become a vault's genuine points: codes at least two touches
    /// showed first, then codes one touch showed, each group in the order of a fixed hash of the code.
    /// </summary>
    /// <remarks>
    /// Not the most confirmed first: a triangle every touch shows tends to be a common shape that other
    /// fingers show too (with that order the synthetic fingers' impostors reached 18 hits, with this one
    /// 11, with about the same FVC genuine hits: tools/README.md). Not code order either: codes sort by side
    /// lengths first, so the first codes would be the smallest, most generic triangles. The order is
    /// public (it depends on the codes only) and the vault sorts its points anyway.
    /// </remarks>
    internal static class GenuineSelection
    {
        // Top two bits of a tallied code's sort key.
        private const uint ConfirmedGroup = 0;
        private const uint SingleGroup = 1;
        private const uint ExcludedGroup = 2;

        // Knuth's odd multiplier (2^32 / golden ratio): a bijection of the codes that scatters them.
        private const uint OrderHash = 2654435761;

        /// <summary>
        /// Writes up to <paramref name="max"/> codes of <paramref name="tally"/> that at least
        /// <paramref name="minAgreement"/> touches showed into <paramref name="genuine"/>; returns how many.
        /// Consumes the tally: its counts become sort keys and its codes are reordered (the caller wipes it).
        /// </summary>
        public static int Select(EnrollmentTally tally, int minAgreement, uint[] genuine, int max)
        {
            uint[] rank = tally.Counts;
            uint[] codes = tally.Codes;
            for (int i = 0; i < tally.Count; i++)
            {
                rank[i] = SortKey(codes[i], rank[i], minAgreement);
            }

            CodeSet.Sort(rank, codes, tally.Count);
            int selected = 0;
            while (selected < tally.Count && selected < max && !IsExcluded(rank[selected]))
            {
                genuine[selected] = codes[selected];
                selected++;
            }

            return selected;
        }

        /// <summary>
        /// Where a code that <paramref name="touches"/> enrollment touches showed comes in the selection
        /// (smaller first): its group in the top two bits, then its hash. The evaluation's feature study
        /// orders its codes by it too.
        /// </summary>
        internal static uint SortKey(uint code, uint touches, int minAgreement)
        {
            uint group = touches < minAgreement ? ExcludedGroup : touches >= 2 ? ConfirmedGroup : SingleGroup;
            return (group << 30) | ((code * OrderHash) >> 2);
        }

        /// <summary>True when <paramref name="sortKey"/> belongs to a code below the agreement.</summary>
        internal static bool IsExcluded(uint sortKey)
        {
            return (sortKey >> 30) == ExcludedGroup;
        }
    }
}
