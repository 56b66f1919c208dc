using CardFirmware.HalSim.Images;

namespace CardFirmware.Drivers.Tests.Images;

public class SyntheticFingerprintTests
{
    private static byte[] Render(int finger, int touch, PlacementOptions? placement = null)
    {
        var image = new byte[SensorFrame.Size];
        SyntheticFingerprint.Render(finger, touch, image, placement);
        return image;
    }

    [Fact]
    public void Render_IsDeterministic()
    {
        Assert.Equal(Render(5, 2), Render(5, 2));
        Assert.Equal(Render(5, 2), new SyntheticImageSource(5).Capture(2));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Render_LooksLikeAFingerprintInSensorPolarity()
    {
        for (var finger = 0; finger < 8; finger++)
        {
            var image = Render(finger, 0, PlacementOptions.Fixed);

            // Dark ridges, light valleys (fact sheet §7/§10: ridges about 20-80, background towards
            // 255): a high-contrast picture whose darkest tenth is ridge and brightest tenth valley.
            var sorted = image.Order().ToArray();
            Assert.True(ImageStatistics.StandardDeviation(image) > 30, "finger " + finger);
            Assert.InRange(ImageStatistics.Mean(image), 80, 200);
            Assert.True(sorted[SensorFrame.Size / 10] < 100, "finger " + finger);
            Assert.True(sorted[SensorFrame.Size * 9 / 10] > 170, "finger " + finger);
        }
    }

    [Fact]
    public void Render_RidgePeriodIsAdultLike()
    {
        // Count dark-to-light crossings along the middle row and column: 192 px at a 8.5-10.5 px
        // period gives 18-23 ridges; allow for ridges met at an angle and for breaks.
        for (var finger = 0; finger < 6; finger++)
        {
            var image = Render(finger, 0, PlacementOptions.Fixed);
            var crossings = Crossings(Enumerable.Range(0, 192).Select(c => image[96 * 192 + c]))
                + Crossings(Enumerable.Range(0, 192).Select(r => image[r * 192 + 96]));
            Assert.InRange(crossings, 12, 50);
        }
    }

    [Fact]
    public void Render_DifferentFingersAreUncorrelated()
    {
        for (var finger = 0; finger < 6; finger++)
        {
            var correlation = ImageStatistics.Correlation(Render(finger, 0, PlacementOptions.Fixed), Render(finger + 100, 0, PlacementOptions.Fixed));
            Assert.InRange(correlation, -0.3, 0.3);
        }
    }

    [Fact]
    public void Render_TouchesOfOneFingerVaryButStayCorrelated()
    {
        for (var finger = 0; finger < 6; finger++)
        {
            var first = Render(finger, 0, PlacementOptions.Fixed);
            var second = Render(finger, 1, PlacementOptions.Fixed);

            Assert.NotEqual(first, second);
            Assert.True(ImageStatistics.Correlation(first, second) > 0.5, "finger " + finger);
        }
    }

    [Fact]
    public void Render_DefaultPlacementMovesTheFingerBetweenTouches()
    {
        var first = Render(9, 0);
        var second = Render(9, 1);

        Assert.True(ImageStatistics.Correlation(first, second) < 0.5);
    }

    [Fact]
    public void Render_RejectsWrongBufferSize()
    {
        Assert.Throws<ArgumentException>(() => SyntheticFingerprint.Render(1, 0, new byte[100]));
    }

    private static int Crossings(IEnumerable<byte> line)
    {
        var count = 0;
        var dark = false;
        foreach (var value in line)
        {
            if (!dark && value < 110)
            {
                dark = true;
            }
            else if (dark && value > 150)
            {
                dark = false;
                count++;
            }
        }

        return count;
    }
}

internal static class ImageSourceExtensions
{
    public static byte[] Capture(this IImageSource source, int touch)
    {
        var image = new byte[SensorFrame.Size];
        source.Capture(touch, image);
        return image;
    }
}
