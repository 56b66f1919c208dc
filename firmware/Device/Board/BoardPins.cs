namespace CardFirmware.Device.Board
{
    /// <summary>
    /// The reference wiring on an ESP32-S3 module (README.md, "Wiring"): GPIO numbers. The sensor
    /// sits on the S3's general-purpose SPI (FSPI, nanoFramework bus 1) at its IO_MUX pins
    /// (ESP32-S3 datasheet, table "IO MUX pin functions": FSPICS0 = GPIO10, FSPID = GPIO11,
    /// FSPICLK = GPIO12, FSPIQ = GPIO13), so the bus can run at the FPC1020's 8 MHz without the GPIO
    /// matrix. None of these is a strapping pin (0, 3, 45, 46), a flash/PSRAM pin (26-37 on
    /// octal-PSRAM modules) or a USB pin (19, 20).
    /// </summary>
    public static class BoardPins
    {
        /// <summary>nanoFramework SPI bus id of FSPI (SPI2 in the TRM).</summary>
        public const int SensorSpiBus = 1;

        /// <summary>SPI clock to the FPC1020 (SCK).</summary>
        public const int SensorClock = 12;

        /// <summary>Card to sensor (MOSI, FPC1020 MOSI).</summary>
        public const int SensorMosi = 11;

        /// <summary>Sensor to card (MISO, FPC1020 MISO).</summary>
        public const int SensorMiso = 13;

        /// <summary>Chip select, driven as a GPIO so that one assertion spans a command and its readout.</summary>
        public const int SensorChipSelect = 10;

        /// <summary>FPC1020 IRQ (active high).</summary>
        public const int SensorIrq = 9;

        /// <summary>FPC1020 RST (active low).</summary>
        public const int SensorReset = 14;

        /// <summary>Status LED (active high, through a resistor to ground).</summary>
        public const int Led = 21;

        /// <summary>SPI clock of the sensor in Hz: the FPC1020's maximum (product specification §2).</summary>
        public const int SensorClockHz = 8000000;
    }
}
