namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Geometry of the sensor frame the pipeline works on (FPC1020A: 192 x 192 pixels, one byte per
    /// pixel, row-major, about 500 dpi, ridges dark) and of the block grid used for segmentation and
    /// the orientation field.
    /// </summary>
    public static class FrameGeometry
    {
        /// <summary>Columns (and rows) of a frame.</summary>
        public const int Side = 192;

        /// <summary>Bytes of a frame: 192 * 192 = 36,864.</summary>
        public const int FrameSize = Side * Side;

        /// <summary>Side of one analysis block in pixels (8 px, a little under one ridge period at 500 dpi).</summary>
        public const int BlockSide = 8;

        /// <summary>Blocks per row (and per column): 24.</summary>
        public const int Blocks = Side / BlockSide;

        /// <summary>Blocks in the grid: 576.</summary>
        public const int BlockCount = Blocks * Blocks;
    }
}
