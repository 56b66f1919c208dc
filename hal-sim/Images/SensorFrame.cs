namespace CardFirmware.HalSim.Images;

/// <summary>
/// Geometry of the card's sensor frame (FPC1020A, fact sheet §1 and §7): 192 rows x 192 columns,
/// one byte per pixel, row-major (first byte = top-left pixel), 508 dpi (50 µm pitch).
/// Polarity as the sensor reads out with IMAGE_SETUP = 0x0B (§7): ridges dark (towards 0),
/// valleys and bare sensor light (towards 255).
/// </summary>
public static class SensorFrame
{
    /// <summary>Columns of a full frame.</summary>
    public const int Width = 192;

    /// <summary>Rows of a full frame.</summary>
    public const int Height = 192;

    /// <summary>Bytes of a full frame (192 * 192 = 36864).</summary>
    public const int Size = Width * Height;

    /// <summary>Resolution of the sensor in dots per inch (50 µm pixel pitch).</summary>
    public const double Dpi = 508.0;

    /// <summary>Grey level of bare sensor with no skin on it.</summary>
    public const byte Background = 255;

    /// <summary>Throws unless <paramref name="image"/> is a full 36864-byte frame.</summary>
    public static void RequireFrame(byte[] image, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(image, parameterName);
        if (image.Length != Size)
        {
            throw new ArgumentException("A sensor frame is exactly 192 * 192 = 36864 bytes.", parameterName);
        }
    }
}
