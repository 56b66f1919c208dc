using System;

namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// Per-finger ADC gain and offset (ADC_SHIFT_GAIN, 0xA0: shift 0-31 in the first byte, gain 0-15
    /// in the second; fact sheet §4.2). The recipe's capture setting (§6.3) suits a well-coupled
    /// finger; a dry or lightly pressed one on a capacitive array reads a quarter of the contrast. FPC's
    /// drivers and the RIOT port switch to other shift/gain sets for dry and wet fingers (§6.3, "Multi-frame
    /// option"); this chooses one from the frame itself. The register's ranges are documented, its
    /// transfer is not, so the choice assumes the shape [I]: in the coupling domain c = 255 - pixel,
    /// gain multiplies by (gain + 2) and each shift step takes 8 counts off, relative to the recipe.
    /// One recapture at the chosen setting follows; a frame already spread wide enough is kept as is.
    /// </summary>
    public static class AdcCalibration
    {
        /// <summary>Percent of the frame's pixels left out at either end of the grey-level range (noise, defects).</summary>
        public const int TailPercent = 2;

        /// <summary>A frame whose 2nd-98th percentile spread is at least this many grey levels needs no recapture.</summary>
        public const int MinSpread = 96;

        /// <summary>The spread the chosen gain aims at (valleys near white, ridge centres near 70).</summary>
        public const int TargetSpread = 176;

        /// <summary>Coupling counts the brightest pixels (valleys, bare sensor) should keep after the shift.</summary>
        public const int TargetWhiteCoupling = 8;

        /// <summary>Highest ADC gain (§4.2: 4 bits).</summary>
        public const int MaxGain = 15;

        /// <summary>Highest ADC shift (§4.2: 5 bits).</summary>
        public const int MaxShift = 31;

        /// <summary>Counts one shift step takes off [I].</summary>
        public const int CountsPerShift = 8;

        /// <summary>
        /// Looks at <paramref name="image"/> (captured at <paramref name="recipeShift"/>,
        /// <paramref name="recipeGain"/>) and, if its grey levels are compressed, writes a new setting
        /// into <paramref name="shiftGain"/> (2 bytes, wire order: shift, gain) and returns true.
        /// <paramref name="percentiles"/> takes the frame's 2nd and 98th percentiles; <paramref name="ranks"/> and
        /// <paramref name="levels"/> (2 entries each) are scratch, cleared on return.
        /// </summary>
        public static bool Choose(byte[] image, int count, IGreyLevelPercentiles percentiles, int[] ranks, int[] levels,
            int recipeShift, int recipeGain, byte[] shiftGain)
        {
            try
            {
                int tail = count * TailPercent / 100;
                ranks[0] = tail;
                ranks[1] = count - 1 - tail;
                percentiles.Levels(image, count, ranks, levels);
                int dark = levels[0];
                int white = levels[1];
                int spread = white - dark;
                if (spread >= MinSpread)
                {
                    return false;
                }

                int recipeFactor = recipeGain + 2;
                int wanted = (recipeFactor * TargetSpread + (spread > 0 ? spread : 1) / 2) / (spread > 0 ? spread : 1) - 2;
                int gain = Clamp(wanted, recipeGain, MaxGain);
                if (gain == recipeGain)
                {
                    return false;
                }

                int whiteCoupling = (255 - white) * (gain + 2) / recipeFactor;
                int shift = Clamp(recipeShift + (whiteCoupling - TargetWhiteCoupling) / CountsPerShift, 0, MaxShift);
                shiftGain[0] = (byte)shift;
                shiftGain[1] = (byte)gain;
                return true;
            }
            finally
            {
                Array.Clear(ranks, 0, ranks.Length);
                Array.Clear(levels, 0, levels.Length);
            }
        }

        private static int Clamp(int v, int lo, int hi)
        {
            return v < lo ? lo : (v > hi ? hi : v);
        }
    }
}
