namespace CardFirmware.Drivers.Tests.Images;

internal static class ImageStatistics
{
    public static double Mean(byte[] image) => image.Average(b => (double)b);

    public static double StandardDeviation(byte[] image)
    {
        var mean = Mean(image);
        return Math.Sqrt(image.Average(b => (b - mean) * (b - mean)));
    }

    /// <summary>Pearson correlation of two equally sized images.</summary>
    public static double Correlation(byte[] a, byte[] b)
    {
        double meanA = Mean(a), meanB = Mean(b), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
