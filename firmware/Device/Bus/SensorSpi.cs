using System.Device.Spi;
using CardFirmware.Hal;

namespace CardFirmware.Device.Bus
{
    /// <summary>
    /// <see cref="ISpiDevice"/> on nanoFramework's <see cref="SpiDevice"/>, SPI mode 0, MSB first,
    /// 8-bit words. Chip select is a GPIO this class drives (the SpiDevice is opened with chip-select
    /// line -1, "none"): <see cref="SpiDevice.Write(System.SpanByte)"/> and
    /// <see cref="SpiDevice.Read(System.SpanByte)"/> each assert the driver's own CS only for
    /// themselves, and <see cref="WriteThenRead"/> needs one assertion across a command and its
    /// 36 KB image readout without a second buffer of that size.
    /// </summary>
    public sealed class SensorSpi : ISpiDevice
    {
        private readonly SpiDevice _device;
        private readonly GpioOutputPin _chipSelect;

        /// <summary>
        /// Opens bus <paramref name="busId"/> at <paramref name="clockHz"/>; <paramref name="chipSelect"/>
        /// is the active-low CS line, idle high.
        /// </summary>
        public SensorSpi(int busId, int clockHz, GpioOutputPin chipSelect)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(busId, -1);
            settings.Mode = SpiMode.Mode0;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.DataBitLength = 8;
            settings.ClockFrequency = clockHz;
            _device = SpiDevice.Create(settings);
            _chipSelect = chipSelect;
            _chipSelect.Write(true);
        }

        /// <inheritdoc/>
        public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer)
        {
            _chipSelect.Write(false);
            try
            {
                _device.TransferFullDuplex(new System.SpanByte(writeBuffer), new System.SpanByte(readBuffer));
            }
            finally
            {
                _chipSelect.Write(true);
            }
        }

        /// <inheritdoc/>
        public void WriteThenRead(byte[] writeBuffer, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            _chipSelect.Write(false);
            try
            {
                _device.Write(new System.SpanByte(writeBuffer, 0, writeCount));
                // SpiDevice.Read clocks out 0x00 on MOSI while it reads (nanoFramework SPI, half-duplex read).
                _device.Read(new System.SpanByte(readBuffer, readOffset, readCount));
            }
            finally
            {
                _chipSelect.Write(true);
            }
        }
    }
}
