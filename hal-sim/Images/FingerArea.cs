namespace CardFirmware.HalSim.Images;

/// <summary>
/// Finds where the finger is in a dataset image so that touches are centred on skin rather than on
/// the scanner's empty border: blocks of 16 x 16 pixels with ridge texture (standard deviation
/// above a threshold) count as finger; the centre is their centroid.
/// </summary>
public static class FingerArea
{
    private const int Block = 16;
    private const double MinStandardDeviation = 18.0;

    /// <summary>The centroid of the textured blocks, or the image centre when none is found.</summary>
    public static (double X, double Y) Centre(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        double sumX = 0, sumY = 0;
        var count = 0;
        for (var top = 0; top + Block <= image.Height; top += Block)
        {
            for (var left = 0; left + Block <= image.Width; left += Block)
            {
                if (StandardDeviation(image, left, top) >= MinStandardDeviation)
                {
                    sumX += left + Block / 2.0;
                    sumY += top + Block / 2.0;
                    count++;
                }
            }
        }

        return count == 0 ? ((image.Width - 1) / 2.0, (image.Height - 1) / 2.0) : (sumX / count, sumY / count);
    }

    private static double StandardDeviation(GreyImage image, int left, int top)
    {
        double sum = 0, sumSquares = 0;
        for (var row = top; row < top + Block; row++)
        {
            for (var column = left; column < left + Block; column++)
            {
                double value = image.Pixels[row * image.Width + column];
                sum += value;
                sumSquares += value * value;
            }
        }

        const double n = Block * Block;
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, sumSquares / n - mean * mean));
    }
}
