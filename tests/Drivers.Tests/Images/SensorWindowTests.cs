using CardFirmware.HalSim.Images;

namespace CardFirmware.Drivers.Tests.Images;

public class SensorWindowTests
{
    private static GreyImage Pattern(int width, int height, double dpi)
    {
        var pixels = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                pixels[row * width + column] = (byte)((row * 31 + column * 7) % 251);
            }
        }

        return new GreyImage(width, height, pixels, dpi);
    }

    [Fact]
    public void Sample_AtSensorResolutionWithoutMotion_CopiesTheCentredWindow()
    {
        var source = Pattern(300, 260, SensorFrame.Dpi);
        var frame = new byte[SensorFrame.Size];

        // Centre (150.5, 130.5): the window's top-left lands on source pixel (55, 35).
        SensorWindow.Sample(source, 150.5, 130.5, new Placement(0, 0, 0), frame);

        for (var row = 0; row < 192; row++)
        {
            for (var column = 0; column < 192; column++)
            {
                Assert.Equal(source[55 + column, 35 + row], frame[row * 192 + column]);
            }
        }
    }

    [Fact]
    public void Sample_ShiftMovesTheFingerOnTheSensor()
    {
        var source = Pattern(300, 300, SensorFrame.Dpi);
        byte[] still = new byte[SensorFrame.Size], moved = new byte[SensorFrame.Size];

        SensorWindow.Sample(source, 149.5, 149.5, new Placement(0, 0, 0), still);
        SensorWindow.Sample(source, 149.5, 149.5, new Placement(10, -4, 0), moved);

        // The finger moved 10 px right and 4 px up: what was at (c, r) is now at (c + 10, r - 4).
        Assert.Equal(still[50 * 192 + 60], moved[46 * 192 + 70]);
        Assert.Equal(still[120 * 192 + 20], moved[116 * 192 + 30]);
    }

    [Fact]
    public void Sample_QuarterTurnRotatesTheWindow()
    {
        var source = Pattern(300, 300, SensorFrame.Dpi);
        byte[] still = new byte[SensorFrame.Size], turned = new byte[SensorFrame.Size];

        SensorWindow.Sample(source, 149.5, 149.5, new Placement(0, 0, 0), still);
        SensorWindow.Sample(source, 149.5, 149.5, new Placement(0, 0, Math.PI / 2), turned);

        // Window offset (dx, dy) reads source offset (-dy, dx): pixel (column c, row r) of the
        // turned frame shows pixel (column 191 - r, row c) of the upright one.
        for (var r = 0; r < 192; r += 17)
        {
            for (var c = 0; c < 192; c += 13)
            {
                Assert.Equal(still[c * 192 + 191 - r], turned[r * 192 + c]);
            }
        }
    }

    [Fact]
    public void Sample_OutsideTheSourceIsBareSensor()
    {
        var source = Pattern(100, 100, SensorFrame.Dpi);
        var frame = new byte[SensorFrame.Size];

        SensorWindow.Sample(source, 49.5, 49.5, new Placement(0, 0, 0), frame);

        Assert.Equal(255, frame[0]);
        Assert.Equal(source[0, 0], frame[46 * 192 + 46]);
    }

    [Fact]
    public void Sample_Scales500DpiTo508Dpi()
    {
        // A vertical edge 50 source pixels right of the centre at 500 dpi lies 50 * 508 / 500 = 50.8
        // sensor pixels right of the window centre.
        var pixels = new byte[400 * 400];
        for (var row = 0; row < 400; row++)
        {
            Array.Fill(pixels, (byte)200, row * 400 + 250, 150);
        }

        var frame = new byte[SensorFrame.Size];
        SensorWindow.Sample(new GreyImage(400, 400, pixels, 500), 199.5, 199.5, new Placement(0, 0, 0), frame);

        var firstBright = Enumerable.Range(0, 192).First(c => frame[96 * 192 + c] >= 100);
        Assert.Equal(95.5 + 50.8, firstBright, 1.0);
    }

    [Fact]
    public void Placement_IsDeterministicAndBounded()
    {
        var options = new PlacementOptions(20, 10);
        for (var touch = 0; touch < 200; touch++)
        {
            var placement = Placement.For(42, touch, options);
            Assert.Equal(placement, Placement.For(42, touch, options));
            Assert.InRange(placement.ShiftX, -20, 20);
            Assert.InRange(placement.ShiftY, -20, 20);
            Assert.InRange(placement.RotationRadians, -10 * Math.PI / 180, 10 * Math.PI / 180);
        }

        Assert.NotEqual(Placement.For(42, 0, options), Placement.For(42, 1, options));
        Assert.NotEqual(Placement.For(42, 0, options), Placement.For(43, 0, options));
        Assert.Equal(new Placement(0, 0, 0), Placement.For(42, 5, PlacementOptions.Fixed));
    }
}
