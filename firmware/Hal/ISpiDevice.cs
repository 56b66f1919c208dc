namespace CardFirmware.Hal
{
    /// <summary>
    /// One SPI peripheral on a bus, with its own chip-select line (like nanoFramework's
    /// <c>System.Device.Spi.SpiDevice</c>, whose methods are not virtual and so cannot be faked).
    /// Chip select is asserted for the whole of each call and released at its end.
    /// </summary>
    public interface ISpiDevice
    {
        /// <summary>
        /// Clocks <paramref name="writeBuffer"/> out on MOSI while clocking the same number of
        /// bytes in from MISO into <paramref name="readBuffer"/>. Both buffers have the same length.
        /// </summary>
        void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer);

        /// <summary>
        /// Under one chip-select assertion: clocks out the first <paramref name="writeCount"/>
        /// bytes of <paramref name="writeBuffer"/> (MISO ignored), then clocks in
        /// <paramref name="readCount"/> bytes into <paramref name="readBuffer"/> at
        /// <paramref name="readOffset"/> (MOSI held at 0x00). Used for a command followed by a
        /// long readout, so the card needs no second buffer as large as the readout.
        /// </summary>
        void WriteThenRead(byte[] writeBuffer, int writeCount, byte[] readBuffer, int readOffset, int readCount);
    }
}
