namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>Time limits the driver uses, in milliseconds (fact sheet §2, §6, §8).</summary>
    public static class Fpc1020Timing
    {
        /// <summary>RST_N low pulse: at least 1 ms (§2; FPC's driver uses 1 ms).</summary>
        public const int ResetPulse = 1;

        /// <summary>RST_N high before the pulse: at least 100 µs (§6.1 step 2).</summary>
        public const int ResetSettle = 1;

        /// <summary>Wait for IRQ after reset release: the spec says at most 1.3 ms; "a few ms" (§6.1 step 3).</summary>
        public const int ResetIrq = 5;

        /// <summary>Wait for the IRQ of a capture, finger query, soft reset or idle command (§8: 100 ms).</summary>
        public const int CommandIrq = 100;

        /// <summary>Period of the finger-down confirmation queries (§5, §8: 20 ms).</summary>
        public const int FingerPollPeriod = 20;

        /// <summary>STATUS polls after a sleep command, 1 ms apart (§8: 5 x 1 ms).</summary>
        public const int SleepConfirmPolls = 5;
    }
}
