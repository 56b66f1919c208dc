namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// Where a captured frame lives (192 x 192 bytes, row-major, §7): the driver reads the pixel FIFO a few
    /// rows per SPI transfer (§6.5 allows split reads) and hands each batch here, so it never needs a
    /// frame-sized buffer of its own. <see cref="ManagedFrameStore"/> keeps the frame in a managed array
    /// (the reference); the card's native backend keeps it in the native module's static RAM, off the
    /// managed heap. <see cref="Pixels"/> is what the grey-level percentiles and the image pipeline are given.
    /// </summary>
    /// <remarks>Security: biometric. The owner wipes the frame with <see cref="Clear"/> after every touch, on every path.</remarks>
    public interface IFrameStore
    {
        /// <summary>
        /// The frame as the pipeline names it: the 36,864-byte array of a managed store, or the zero-length
        /// handle of a native module's resident frame (whose kernels and percentiles read it there).
        /// </summary>
        byte[] Pixels { get; }

        /// <summary>
        /// Copies <paramref name="rowCount"/> rows (the first rowCount x 192 bytes of <paramref name="rows"/>)
        /// into the frame from row <paramref name="firstRow"/>.
        /// </summary>
        /// <exception cref="System.ArgumentOutOfRangeException">Rows outside the frame or a batch shorter than the rows; nothing is written.</exception>
        void WriteRows(int firstRow, byte[] rows, int rowCount);

        /// <summary>Wipes the whole frame.</summary>
        void Clear();
    }
}
