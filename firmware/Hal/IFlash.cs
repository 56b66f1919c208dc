namespace CardFirmware.Hal
{
    /// <summary>
    /// NOR flash as the ESP32 sees its data partition: byte-addressed reads, writes that can only
    /// clear bits (1 -> 0), and page erase that sets a whole page back to 0xFF. A write that is cut
    /// by power loss may have programmed any prefix of its bytes; the storage layer above must
    /// make every update atomic with that in mind.
    /// </summary>
    public interface IFlash
    {
        /// <summary>Erase unit in bytes (4096 on ESP32 SPI flash).</summary>
        int PageSize { get; }

        /// <summary>Number of pages in the partition.</summary>
        int PageCount { get; }

        /// <summary>Reads <paramref name="count"/> bytes at <paramref name="address"/> into <paramref name="buffer"/>.</summary>
        void Read(int address, byte[] buffer, int offset, int count);

        /// <summary>
        /// Programs <paramref name="count"/> bytes at <paramref name="address"/>. The result in each
        /// byte is the AND of the old and the new value, as NOR flash does.
        /// </summary>
        void Write(int address, byte[] data, int offset, int count);

        /// <summary>Sets every byte of page <paramref name="page"/> to 0xFF.</summary>
        void ErasePage(int page);
    }
}
