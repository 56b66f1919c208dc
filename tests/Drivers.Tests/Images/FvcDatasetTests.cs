using CardFirmware.HalSim.Images;
using CardFirmware.Tests.Shared;

namespace CardFirmware.Drivers.Tests.Images;

public class FvcDatasetTests
{
    private static FvcDataset Open() => FvcDataset.Open(SharedData.RequireDirectory("datasets/fvc2002-db1b"));

    [SkippableFact]
    public void Open_ListsTenFingersWithEightImpressions()
    {
        var dataset = Open();

        Assert.Equal(Enumerable.Range(101, 10), dataset.Fingers);
        Assert.All(dataset.Fingers, finger => Assert.Equal(Enumerable.Range(1, 8), dataset.ImpressionsOf(finger)));
        Assert.EndsWith("105_3.tif", dataset.PathOf(105, 3));
    }

    [SkippableFact]
    public void Load_DecodesTiffAtFullSizeWithFingerprintContent()
    {
        var image = Open().Load(101, 1);

        Assert.Equal(388, image.Width);
        Assert.Equal(374, image.Height);
        Assert.Equal(500.0, image.Dpi);

        // BlackIsZero: near-white background and dark ridges, with strong texture in the middle.
        var centre = new byte[100 * 100];
        for (var row = 0; row < 100; row++)
        {
            Array.Copy(image.Pixels, (137 + row) * 388 + 144, centre, row * 100, 100);
        }

        Assert.InRange(ImageStatistics.Mean(image.Pixels), 120, 235);
        Assert.True(ImageStatistics.StandardDeviation(centre) > 40);
        Assert.True(image.Pixels.Count(p => p < 64) > 5000);
        Assert.True(image.Pixels.Count(p => p > 200) > 20000);
        Assert.Equal(255, image[0, 0], 30.0);
    }

    [SkippableFact]
    public void Capture_IsDeterministicPerFileAndTouchAndVariesAcrossTouches()
    {
        var dataset = Open();
        var source = dataset.SourceFor(104);
        byte[] first = new byte[SensorFrame.Size], again = new byte[SensorFrame.Size], other = new byte[SensorFrame.Size];

        source.Capture(3, first);
        source.Capture(3, again);
        source.Capture(11, other);

        Assert.Equal(first, again);
        Assert.Equal(4, source.ImpressionFor(3));
        Assert.Equal(4, source.ImpressionFor(11));
        Assert.NotEqual(first, other);
    }

    [SkippableFact]
    public void Capture_ShowsSkinOverMostOfTheWindow()
    {
        var dataset = Open();
        var frame = new byte[SensorFrame.Size];
        foreach (var finger in dataset.Fingers)
        {
            dataset.SourceFor(finger).Capture(0, frame);

            // Ridge texture across the window (some FVC impressions are faint, so no darkness bound).
            Assert.True(ImageStatistics.StandardDeviation(frame) > 30, "finger " + finger);
            Assert.True(ImageStatistics.Mean(frame) < 230, "finger " + finger);
        }
    }

    [SkippableFact]
    public void Capture_WithFixedPlacementIsTheCentredResampledWindow()
    {
        var dataset = Open();
        var path = dataset.PathOf(107, 2);
        var image = ImageFile.Read(path);
        var (x, y) = FingerArea.Centre(image);
        var expected = new byte[SensorFrame.Size];
        SensorWindow.Sample(image, x, y, new Placement(0, 0, 0), expected);
        var frame = new byte[SensorFrame.Size];

        DatasetImageSource.Render(path, dataset.Dpi, touchSeed: 9, PlacementOptions.Fixed, frame);

        Assert.Equal(expected, frame);
    }

    [Fact]
    public void Open_MissingFolder_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => FvcDataset.Open(Path.Combine(Path.GetTempPath(), "no-such-fvc-folder")));
    }
}
