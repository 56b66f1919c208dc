namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>Values of the interrupt register 0x18 / 0x1C (fact sheet §4.3).</summary>
    public static class InterruptFlags
    {
        /// <summary>Nothing pending.</summary>
        public const byte None = 0x00;

        /// <summary>Bit 0: finger down.</summary>
        public const byte FingerDown = 0x01;

        /// <summary>Bit 2: error, details in the error register 0x38.</summary>
        public const byte Error = 0x04;

        /// <summary>Bit 5: new image data in the FIFO (the only flag after a good capture).</summary>
        public const byte ImageAvailable = 0x20;

        /// <summary>Bit 7: command done (or aborted).</summary>
        public const byte CommandDone = 0x80;

        /// <summary>The whole byte 0xFF: a reset occurred (not a combination of bits).</summary>
        public const byte ResetOccurred = 0xFF;
    }
}
