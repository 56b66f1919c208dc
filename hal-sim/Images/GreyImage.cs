namespace CardFirmware.HalSim.Images;

/// <summary>
/// A decoded 8-bit greyscale image in sensor polarity (0 = black = ridge, 255 = white), row-major,
/// with the resolution it was taken at.
/// </summary>
public sealed class GreyImage
{
    /// <summary>Wraps <paramref name="pixels"/> (row-major, <paramref name="width"/> * <paramref name="height"/> bytes).</summary>
    public GreyImage(int width, int height, byte[] pixels, double dpi)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dpi);
        if (pixels.Length != width * height)
        {
            throw new ArgumentException("Pixel count does not match width * height.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
        Dpi = dpi;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Row-major pixels; index = row * Width + column.</summary>
    public byte[] Pixels { get; }

    /// <summary>Resolution in dots per inch.</summary>
    public double Dpi { get; }

    /// <summary>The pixel at (<paramref name="column"/>, <paramref name="row"/>).</summary>
    public byte this[int column, int row] => Pixels[row * Width + column];
}
