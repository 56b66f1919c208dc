namespace CardFirmware.Biometrics
{
    /// <summary>Sorted, duplicate-free sets of feature codes in a uint or <see cref="CodeBuffer"/> buffer (no generics on the card).</summary>
    internal static class CodeSet
    {
        // Ciura's gap sequence: Shell sort without recursion or extra memory.
        private static readonly int[] Gaps = new int[] { 1750, 701, 301, 132, 57, 23, 10, 4, 1 };

        /// <summary>Sorts codes[0..count) ascending, drops repeats (zeroing the freed tail) and returns the new count.</summary>
        public static int SortUnique(CodeBuffer codes, int count)
        {
            Sort(codes, count);
            int unique = 0;
            for (int i = 0; i < count; i++)
            {
                uint code = codes[i];
                if (unique == 0 || codes[unique - 1] != code)
                {
                    codes[unique++] = code;
                }
            }

            for (int i = unique; i < count; i++)
            {
                codes[i] = 0;
            }

            return unique;
        }

        /// <summary>Sorts codes[0..count) ascending (the same Shell sort as the uint form).</summary>
        public static void Sort(CodeBuffer codes, int count)
        {
            for (int g = 0; g < Gaps.Length; g++)
            {
                int gap = Gaps[g];
                for (int i = gap; i < count; i++)
                {
                    uint key = codes[i];
                    int j = i;
                    while (j >= gap && codes[j - gap] > key)
                    {
                        codes[j] = codes[j - gap];
                        j -= gap;
                    }

                    codes[j] = key;
                }
            }
        }

        /// <summary>
        /// Sorts keys[0..count) ascending; when <paramref name="companions"/> is not null, its
        /// entries move with their keys (a vault point's y, a tallied code's touch count).
        /// </summary>
        public static void Sort(uint[] keys, uint[] companions, int count)
        {
            for (int g = 0; g < Gaps.Length; g++)
            {
                int gap = Gaps[g];
                for (int i = gap; i < count; i++)
                {
                    uint key = keys[i];
                    uint companion = companions != null ? companions[i] : 0;
                    int j = i;
                    while (j >= gap && keys[j - gap] > key)
                    {
                        keys[j] = keys[j - gap];
                        if (companions != null)
                        {
                            companions[j] = companions[j - gap];
                        }

                        j -= gap;
                    }

                    keys[j] = key;
                    if (companions != null)
                    {
                        companions[j] = companion;
                    }
                }
            }
        }

        /// <summary>True if <paramref name="code"/> is in the sorted set codes[0..count).</summary>
        public static bool Contains(CodeBuffer codes, int count, uint code)
        {
            int lo = 0;
            int hi = count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                uint v = codes[mid];
                if (v == code)
                {
                    return true;
                }

                if (v < code)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return false;
        }

        /// <summary>True if <paramref name="code"/> is in the sorted set codes[0..count).</summary>
        public static bool Contains(uint[] codes, int count, uint code)
        {
            int lo = 0;
            int hi = count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                uint v = codes[mid];
                if (v == code)
                {
                    return true;
                }

                if (v < code)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return false;
        }
    }
}
