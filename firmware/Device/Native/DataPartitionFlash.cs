using System.Runtime.CompilerServices;
using CardFirmware.Hal;

namespace CardFirmware.Device.Native
{
    /// <summary>
    /// <see cref="IFlash"/> on the card's data partition of the SPI flash (partition table entry
    /// <c>cardlog</c>, type data, subtype 0x40; README.md, "Partition table"), through InternalCalls
    /// into ESP-IDF's <c>esp_partition_read</c> / <c>esp_partition_write</c> /
    /// <c>esp_partition_erase_range</c> (the API surface has no flash access). The partition is not
    /// flagged <c>encrypted</c>: the record log writes at any byte offset and programs a record's
    /// 4-byte commit marker by a separate write after its body (firmware/Storage/RecordFormat.cs),
    /// which XTS-AES flash encryption cannot do (it encrypts 16-byte aligned blocks, each written
    /// once after an erase). The partition holds sealed and public data only.
    /// </summary>
    public sealed class DataPartitionFlash : IFlash
    {
        private const int EraseSize = 4096;
        private readonly int _pageCount;

        /// <summary>Finds the partition; throws when the partition table has none.</summary>
        public DataPartitionFlash()
        {
            int size = NativeSize();
            if (size < EraseSize)
            {
                throw new System.InvalidOperationException("cardlog partition");
            }

            _pageCount = size / EraseSize;
        }

        /// <inheritdoc/>
        public int PageSize
        {
            get { return EraseSize; }
        }

        /// <inheritdoc/>
        public int PageCount
        {
            get { return _pageCount; }
        }

        /// <inheritdoc/>
        public void Read(int address, byte[] buffer, int offset, int count)
        {
            Check(address, buffer, offset, count);
            Succeeded(NativeRead(address, buffer, offset, count));
        }

        /// <inheritdoc/>
        public void Write(int address, byte[] data, int offset, int count)
        {
            Check(address, data, offset, count);
            Succeeded(NativeWrite(address, data, offset, count));
        }

        /// <inheritdoc/>
        public void ErasePage(int page)
        {
            if (page < 0 || page >= _pageCount)
            {
                throw new System.ArgumentOutOfRangeException("page");
            }

            Succeeded(NativeErase(page * EraseSize, EraseSize));
        }

        private void Check(int address, byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count
                || address < 0 || address > _pageCount * EraseSize - count)
            {
                throw new System.ArgumentOutOfRangeException("address");
            }
        }

        private static void Succeeded(int espError)
        {
            if (espError != 0)
            {
                throw new System.InvalidOperationException("flash");
            }
        }

        /// <summary>Size in bytes of the <c>cardlog</c> partition, 0 when absent.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSize();

        /// <summary><c>esp_partition_read</c>; returns its <c>esp_err_t</c>.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRead(int address, byte[] buffer, int offset, int count);

        /// <summary><c>esp_partition_write</c> (NOR programming: bits only go from 1 to 0); returns its <c>esp_err_t</c>.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeWrite(int address, byte[] data, int offset, int count);

        /// <summary><c>esp_partition_erase_range</c>; returns its <c>esp_err_t</c>.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeErase(int address, int length);
    }
}
