namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// FPC1020 registers: the first byte of a register frame (fact sheet §4.2). Multi-byte values
    /// travel most significant byte first (§3). Configuration (RW) registers are exchange
    /// registers: the old value comes out on MISO while the new one goes in, so a "read" of one
    /// overwrites it (§3); this driver only writes them.
    /// </summary>
    public enum Register : byte
    {
        /// <summary>Mode and FIFO flags, 1 byte, read after one dummy byte; 0x1E = idle after reset (§4.3).</summary>
        Status = 0x14,

        /// <summary>Interrupt flags, 1 byte, read without clearing (§4.3).</summary>
        IrqStatus = 0x18,

        /// <summary>Interrupt flags, 1 byte; reading clears them and drives IRQ low (§2, §4.3).</summary>
        IrqStatusClear = 0x1C,

        /// <summary>Error flags, 1 byte, cleared by the read; bit 0 = FIFO underflow (§4.3).</summary>
        Error = 0x38,

        /// <summary>Capture window, 4 bytes: start row, rows, start column, columns (§4.3).</summary>
        ImageCaptureSize = 0x54,

        /// <summary>Image setup, 1 byte; 0x0B in normal operation (§6.3 step 10).</summary>
        ImageSetup = 0x5C,

        /// <summary>Pixel sampling delays, 8 bytes, per revision (§6.3 step 1).</summary>
        SamplePixelDelay = 0x68,

        /// <summary>Pixel reset delay, 1 byte (§6.3 step 2).</summary>
        PixelResetDelay = 0x6C,

        /// <summary>Test-capacitor enables, 2 bytes; used by the revision probe (§4.3, §6.2).</summary>
        TestColumnPatternEnable = 0x78,

        /// <summary>Analog test multiplexer, 4 bytes; A1/A2 only (§6.3 step 5).</summary>
        AnalogTestMux = 0x88,

        /// <summary>Finger drive (TXOUT) control, 1 byte (§4.3).</summary>
        FingerDriveConfig = 0x8C,

        /// <summary>Finger drive delay, 1 byte (§6.3 step 3).</summary>
        FingerDriveDelay = 0x90,

        /// <summary>ADC setup, 5 bytes; A1/A2 only (§6.3 steps 4 and 6).</summary>
        AdcSetup = 0x9C,

        /// <summary>ADC shift (first byte) and gain (second byte), 2 bytes (§4.2).</summary>
        AdcShiftGain = 0xA0,

        /// <summary>Pixel control, 2 bytes: 0x0F then the setting (§4.2, §6.3).</summary>
        PixelControl = 0xA8,

        /// <summary>Covered detect zones, 2 bytes, bits 11:0 (§4.2, §5).</summary>
        FingerPresentStatus = 0xD4,

        /// <summary>Finger detect zone threshold, 1 byte, default 0x50 (§5).</summary>
        FingerDetectThreshold = 0xD8,

        /// <summary>Wait-for-finger and sleep intervals, 2 bytes, default 00 FF (§5).</summary>
        FingerDetectCounter = 0xDC,

        /// <summary>Hardware id, 2 bytes, MSB first; 0x020A for an FPC1020A (§4.4).</summary>
        HardwareId = 0xFC,
    }
}
