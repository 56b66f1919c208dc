namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The feature codes seen during one enrollment, each with the number of touches that showed
    /// it. A touch first confirms the codes already tallied (a hit in its tolerant code set counts
    /// one more touch), then adds its own exact codes that are new. Codes of early touches can so
    /// collect up to <see cref="FingerKeyExtractor.RequiredTouches"/> confirmations, and the
    /// extractor locks codes a second touch confirmed first.
    /// </summary>
    /// <remarks>
    /// Invariant: Codes[0..Count) is sorted ascending without repeats, Counts[i] belongs to Codes[i].
    /// Security: biometric; <see cref="Clear"/> wipes it.
    /// </remarks>
    internal sealed class EnrollmentTally
    {
        /// <summary>
        /// Most distinct codes kept (the first touches' codes win when it is full: a touch that fills
        /// it loses the rest of its new codes, in code order, and later touches add none).
        /// </summary>
        /// <remarks>
        /// A touch gave at most 573 exact codes on the evaluation data (one per triangle; 24 minutiae
        /// could give up to 2,024), so seven touches stay below it there (largest tally
        /// 3,527) but could fill it in principle. The codes lost would be new codes of the last
        /// touches, which few touches are left to confirm (the vault takes confirmed codes
        /// first); the evaluation prints the largest tally
        /// (<see cref="FingerKeyExtractor.LastTallyCount"/>) so a full one is seen.
        /// </remarks>
        public const int Capacity = 4096;

        public readonly uint[] Codes;
        public readonly uint[] Counts;
        public int Count;

        /// <summary>The card's tally (<see cref="Capacity"/> codes).</summary>
        public EnrollmentTally()
            : this(Capacity)
        {
        }

        /// <summary>
        /// A tally of <paramref name="capacity"/> codes: the evaluation's full-image touches present a few
        /// sensor windows' codes each, so it scales the card's capacity with the area.
        /// </summary>
        public EnrollmentTally(int capacity)
        {
            Codes = new uint[capacity];
            Counts = new uint[capacity];
        }

        /// <summary>A touch confirms every tallied code in its sorted, duplicate-free tolerant code set.</summary>
        public void Confirm(CodeBuffer tolerant, int tolerantCount)
        {
            for (int i = 0; i < Count; i++)
            {
                if (CodeSet.Contains(tolerant, tolerantCount, Codes[i]))
                {
                    Counts[i]++;
                }
            }
        }

        /// <summary>Adds the touch's exact codes (sorted, duplicate-free) not tallied yet, each seen once.</summary>
        public void AddNew(CodeBuffer exact, int exactCount)
        {
            int known = Count;
            for (int i = 0; i < exactCount && Count < Codes.Length; i++)
            {
                if (!CodeSet.Contains(Codes, known, exact[i]))
                {
                    Codes[Count] = exact[i];
                    Counts[Count] = 1;
                    Count++;
                }
            }

            CodeSet.Sort(Codes, Counts, Count);
        }

        /// <summary>Number of codes confirmed by exactly <paramref name="touches"/> touches.</summary>
        public int CountWith(int touches)
        {
            int n = 0;
            for (int i = 0; i < Count; i++)
            {
                if (Counts[i] == touches)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Zeroes every entry.</summary>
        public void Clear()
        {
            CardFirmware.Crypto.Wipe.Words(Codes);
            CardFirmware.Crypto.Wipe.Words(Counts);
            Count = 0;
        }

        public bool IsClear()
        {
            return Count == 0 && Workspace.AllZero(Counts) && Workspace.AllZero(Codes);
        }
    }
}
