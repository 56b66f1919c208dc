using CardFirmware.HalSim.Images;

namespace CardFirmware.Drivers.Tests.Images;

public class CapacitiveSyntheticTests
{
    private static byte[] Render(int finger, int touch, SyntheticSensor sensor)
    {
        var image = new byte[SensorFrame.Size];
        SyntheticFingerprint.Render(finger, touch, image, PlacementOptions.Fixed, sensor);
        return image;
    }

    // Grey levels between the 2nd and 98th percentile.
    private static int Spread(byte[] image)
    {
        var sorted = image.Order().ToArray();
        var tail = image.Length / 50;
        return sorted[image.Length - 1 - tail] - sorted[tail];
    }

    [Fact]
    public void Capacitive_IsDeterministic_AndDiffersFromOptical()
    {
        Assert.Equal(Render(4, 1, SyntheticSensor.Capacitive), new SyntheticImageSource(4, PlacementOptions.Fixed, SyntheticSensor.Capacitive).Capture(1));
        Assert.NotEqual(Render(4, 1, SyntheticSensor.Optical), Render(4, 1, SyntheticSensor.Capacitive));
    }

    [Fact]
    public void Capacitive_HasAFractionOfTheOpticalContrast_WithTheSameRidges()
    {
        for (var touch = 0; touch < 8; touch++)
        {
            var optical = Render(6, touch, SyntheticSensor.Optical);
            var capacitive = Render(6, touch, SyntheticSensor.Capacitive);

            Assert.True(Spread(capacitive) < Spread(optical) / 2, $"touch {touch}: spread {Spread(capacitive)} vs optical {Spread(optical)}");
            Assert.True(Spread(capacitive) >= 10, $"touch {touch}: no ridge left ({Spread(capacitive)})");
        }
    }

    [Fact]
    public void Capacitive_SomeTouchesArePartialContact()
    {
        // Partial contact leaves a straight-edged part of the window bare (255 minus noise).
        var partial = 0;
        for (var touch = 0; touch < 24; touch++)
        {
            var image = Render(2, touch, SyntheticSensor.Capacitive);
            var bare = image.Count(v => v >= 250) / (double)image.Length;
            partial += bare > 0.1 ? 1 : 0;
        }

        Assert.InRange(partial, 2, 16);
    }
}
