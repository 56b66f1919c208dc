namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>FPC1020 commands: a one-byte frame unless stated (fact sheet §4.1).</summary>
    public enum Command : byte
    {
        /// <summary>One snapshot of the 12 detect zones; IRQ 0x81 if any zone is covered, else 0x80 (§4.1, §5).</summary>
        FingerPresentQuery = 0x20,

        /// <summary>Snapshots until a stable set of zones is covered; IRQ 0x81 (§4.1, §6.4).</summary>
        WaitForFinger = 0x24,

        /// <summary>Low-power mode that watches zones 5 and 6; IRQ on wake-up (§4.1, §6.6).</summary>
        ActivateSleep = 0x28,

        /// <summary>Lowest-power mode, no finger detection, no IRQ (§4.1, §6.6).</summary>
        ActivateDeepSleep = 0x2C,

        /// <summary>Cancels waits, sleep and image reads; IRQ 0x80, which must be awaited (§4.1).</summary>
        ActivateIdle = 0x34,

        /// <summary>Scans the window of <see cref="Register.ImageCaptureSize"/> into the FIFO; IRQ 0x20 (§4.1, §6.5).</summary>
        CaptureImage = 0xC0,

        /// <summary>Streams the FIFO: command, one dummy byte, then the pixels, first pixel first (§3, §6.5).</summary>
        ReadImageData = 0xC4,

        /// <summary>All writable registers back to defaults; IRQ 0xFF (§4.1, §6.1).</summary>
        SoftReset = 0xF8,
    }
}
