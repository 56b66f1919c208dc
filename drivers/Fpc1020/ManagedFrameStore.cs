using System;

namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>The reference <see cref="IFrameStore"/>: the frame in a 36,864-byte managed array the caller owns.</summary>
    /// <remarks>Security: biometric; <see cref="Clear"/> zeroes the array.</remarks>
    public sealed class ManagedFrameStore : IFrameStore
    {
        private readonly byte[] _pixels;

        /// <summary>A store over <paramref name="pixels"/> (exactly <see cref="Fpc1020Sensor.ImageSize"/> bytes).</summary>
        /// <exception cref="ArgumentNullException">When <paramref name="pixels"/> is null.</exception>
        /// <exception cref="ArgumentException">When it is not 36,864 bytes.</exception>
        public ManagedFrameStore(byte[] pixels)
        {
            if (pixels == null)
            {
                throw new ArgumentNullException("pixels");
            }

            if (pixels.Length != Fpc1020Sensor.ImageSize)
            {
                throw new ArgumentException("The frame buffer must be 36864 bytes.", "pixels");
            }

            _pixels = pixels;
        }

        /// <inheritdoc/>
        public byte[] Pixels
        {
            get { return _pixels; }
        }

        /// <inheritdoc/>
        public void WriteRows(int firstRow, byte[] rows, int rowCount)
        {
            if (rows == null || rowCount < 1 || firstRow < 0 || firstRow > Fpc1020Sensor.Height - rowCount
                || rows.Length < rowCount * Fpc1020Sensor.Width)
            {
                throw new ArgumentOutOfRangeException("rowCount");
            }

            Array.Copy(rows, 0, _pixels, firstRow * Fpc1020Sensor.Width, rowCount * Fpc1020Sensor.Width);
        }

        /// <inheritdoc/>
        public void Clear()
        {
            Array.Clear(_pixels, 0, _pixels.Length);
        }
    }
}
