namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// What went wrong with the sensor: one value per error condition of the fact sheet (§9).
    /// After any of them the caller may call <see cref="Fpc1020Sensor.Initialize"/> and carry on;
    /// <see cref="SensorException.RequiresReset"/> says when it must.
    /// </summary>
    public enum SensorError
    {
        /// <summary>The hardware id is not an FPC1020A's 0x020A (0x0000/0xFFFF: no device or bus fault) (§4.4, §9).</summary>
        WrongHardwareId = 1,

        /// <summary>The revision probe matched none of A1-A4, so no register recipe applies (§6.2, §9).</summary>
        UnknownRevision = 2,

        /// <summary>IRQ did not rise after the reset pulse (twice), or the first clear read was not 0xFF (§6.1, §9).</summary>
        ResetNotAcknowledged = 3,

        /// <summary>IRQ stayed high, or flags stayed set, after a clearing read of 0x1C (§6.1 step 4, §9).</summary>
        IrqStuck = 4,

        /// <summary>No IRQ within the command's time limit (100 ms) after a command (§8, §9).</summary>
        IrqTimeout = 5,

        /// <summary>0xFF read from the interrupt register outside a reset: the sensor reset itself (§4.3, §9).</summary>
        SpontaneousReset = 6,

        /// <summary>The interrupt flags after a capture were not exactly 0x20 (§6.5 step 3, §9).</summary>
        CaptureFailed = 7,

        /// <summary>The host read more pixels than the FIFO held: a short or broken read-out (§4.3 ERROR bit 0, §6.5 step 5, §9).</summary>
        FifoUnderflow = 8,

        /// <summary>A wait-for-finger interrupt came without the finger-down or command-done bit (§6.4 step 3, §9).</summary>
        WrongWakeReason = 9,

        /// <summary>No detect zone was covered right after the read-out: the finger left during the capture (§9).</summary>
        FingerLifted = 10,

        /// <summary>STATUS did not show sleep after the sleep command and one retry (§6.6, §9).</summary>
        SleepNotEntered = 11,

        /// <summary>A register read back a value the protocol does not allow (a garbled transfer).</summary>
        BadResponse = 12,
    }
}
