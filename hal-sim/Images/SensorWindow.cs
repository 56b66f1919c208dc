namespace CardFirmware.HalSim.Images;

/// <summary>
/// Cuts the sensor's 192 x 192 view out of a larger fingerprint image: the window is centred on a
/// point of the source plus the placement's shift, rotated by the placement's rotation, and
/// resampled (bilinear) from the source resolution to 508 dpi (500 -> 508 dpi is a 1.6 % scale).
/// Pixels that fall outside the source are bare sensor (255).
/// </summary>
public static class SensorWindow
{
    /// <summary>
    /// Writes the window into <paramref name="frame"/> (36864 bytes, row-major).
    /// (<paramref name="centreX"/>, <paramref name="centreY"/>) is the point of the source, in
    /// source pixels, that an unshifted touch puts under the centre of the sensor.
    /// </summary>
    public static void Sample(GreyImage source, double centreX, double centreY, Placement placement, byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(source);
        SensorFrame.RequireFrame(frame, nameof(frame));
        var scale = source.Dpi / SensorFrame.Dpi;
        var cos = Math.Cos(placement.RotationRadians) * scale;
        var sin = Math.Sin(placement.RotationRadians) * scale;

        // The finger moving by +shift on the sensor means the window moves by -shift over the finger.
        var originX = centreX - placement.ShiftX * scale;
        var originY = centreY - placement.ShiftY * scale;
        const double half = (SensorFrame.Width - 1) / 2.0;
        for (var row = 0; row < SensorFrame.Height; row++)
        {
            var dy = row - half;
            for (var column = 0; column < SensorFrame.Width; column++)
            {
                var dx = column - half;
                var x = originX + cos * dx - sin * dy;
                var y = originY + sin * dx + cos * dy;
                frame[row * SensorFrame.Width + column] = Bilinear(source, x, y);
            }
        }
    }

    private static byte Bilinear(GreyImage source, double x, double y)
    {
        if (x < 0 || y < 0 || x > source.Width - 1 || y > source.Height - 1)
        {
            return SensorFrame.Background;
        }

        var x0 = Math.Min((int)x, source.Width - 2);
        var y0 = Math.Min((int)y, source.Height - 2);
        var fx = x - x0;
        var fy = y - y0;
        var pixels = source.Pixels;
        var i = y0 * source.Width + x0;
        var top = pixels[i] + (pixels[i + 1] - pixels[i]) * fx;
        var bottom = pixels[i + source.Width] + (pixels[i + source.Width + 1] - pixels[i + source.Width]) * fx;
        return (byte)Math.Clamp((int)Math.Round(top + (bottom - top) * fy), 0, 255);
    }
}
