namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Where <see cref="FingerKeyExtractor.Reproduce(byte[], IHelperDataSource, byte[])"/> reads an
    /// enrolled finger's helper data from, a few points at a time: the card's flash record, so that
    /// the 9,012 bytes never need to be in RAM at once.
    /// </summary>
    /// <remarks>The helper data is public; a source needs no wiping. It must not change during one call.</remarks>
    public interface IHelperDataSource
    {
        /// <summary>Length of the helper data in bytes (negative when there is none).</summary>
        int Length { get; }

        /// <summary>Copies bytes [offset, offset + count) of the helper data into <paramref name="buffer"/> at <paramref name="bufferOffset"/>.</summary>
        void Read(int offset, byte[] buffer, int bufferOffset, int count);
    }
}
