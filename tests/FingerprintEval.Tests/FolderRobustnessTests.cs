using CardFirmware.HalSim.Images;
using CardFirmware.Tools.FingerprintEval;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CardFirmware.FingerprintEval.Tests;

/// <summary>
/// No folder in FVC layout makes the evaluation program fail: folders where no touch is a finger, where
/// nothing enrolls, at another resolution, with images smaller or larger than the sensor, with unreadable
/// files or single impressions. Both the crop evaluation and the full-image one finish with exit code 0
/// and report the failures to acquire and to enroll; a folder with no image at all is refused with a
/// message (exit code 2). The folders are generated per test (synthetic fingers, blank images).
/// </summary>
public class FolderRobustnessTests
{
    [Fact]
    public void Eval_FolderWhereNoTouchIsAFinger_ReportsFailuresInsteadOfAborting()
    {
        using var folder = new GeneratedFolder("blank").Blank(1, 3, 240, 240, 255).Blank(2, 3, 240, 240, 128).Blank(3, 2, 240, 240, 0);

        var crop = Crop(folder.Location);
        var full = Full(folder.Location);

        // A uniform dark image may trip the sensor's finger detection; the quality gate then refuses it.
        Assert.Equal(0, crop.Exit);
        Assert.Contains("no fold enrolled: failed to enroll (FTE) 8 of 8 vaults", crop.Output);
        Assert.Contains("no touch passed the quality gate", crop.Output);
        Assert.Contains("one verification: not measured", crop.Output);
        Assert.Equal(0, full.Exit);
        Assert.Contains("0 with some window past the quality gate (failures to acquire: 8)", full.Output);
        Assert.Contains("no fold enrolled: failed to enroll (FTE) 8 of 8 vaults", full.Output);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Eval_FolderWithTooFewImpressionsToEnroll_ReportsEveryFoldAsAFailureToEnroll()
    {
        using var folder = new GeneratedFolder("few").Finger(11, 3, 260, 250).Finger(12, 3, 260, 250);

        var crop = Crop(folder.Location);
        var full = Full(folder.Location);

        Assert.Equal(0, crop.Exit);
        Assert.Contains("failed to enroll (FTE) 6 of 6 vaults", crop.Output);
        Assert.Equal(0, full.Exit);
        Assert.Contains("failed to enroll (FTE) 6 of 6 vaults", full.Output);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Eval_FolderNamedAfterFvc2002Db2_IsReadAt569Dpi_InBothModes()
    {
        using var folder = new GeneratedFolder("fvc2002-db2b").Finger(21, 2, 296, 280).Finger(22, 2, 296, 280);

        var crop = Crop(folder.Location);
        var full = Full(folder.Location);

        Assert.Equal(569.0, KnownResolutions.For(folder.Location));
        Assert.Equal(0, crop.Exit);
        Assert.Contains("at 569 dpi", crop.Output);
        Assert.Equal(0, full.Exit);
        Assert.Contains("at 569 dpi, full images", full.Output);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Eval_ImagesSmallerThanTheSensor_AreSeenAsOneCentredWindow()
    {
        using var folder = new GeneratedFolder("small").Finger(31, 2, 150, 140).Finger(32, 2, 150, 140);

        var full = Full(folder.Location);

        Assert.Equal(0, full.Exit);
        Assert.Contains("each seen as 1 upright sensor windows", full.Output);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Eval_UnreadableFilesAndSingleImpressionFingers_AreCountedNotFatal()
    {
        using var folder = new GeneratedFolder("odd").Finger(41, 2, 240, 240).Unreadable(41, 3, ".tif").Unreadable(41, 4, ".bmp")
            .Finger(42, 1, 240, 240).Finger(43, 2, 240, 240);

        var crop = Crop(folder.Location);
        var full = Full(folder.Location);

        // Finger 42 has one impression, hence no genuine attempt, and is left out: fingers 41 (four files, two no image) and 43.
        Assert.Equal(0, crop.Exit);
        Assert.Contains("2 fingers, 6 touches", crop.Output);
        Assert.Contains("2 unreadable files", crop.Output);
        Assert.Equal(0, full.Exit);
        Assert.Contains("2 fingers, 6 touches", full.Output);
        Assert.Contains("(failures to acquire: 2)", full.Output);
    }

    [Fact]
    public void Eval_FolderWithOneFinger_SaysThereIsNothingToEvaluate()
    {
        using var folder = new GeneratedFolder("one").Blank(51, 3, 200, 200, 255);

        var crop = Crop(folder.Location);
        var full = Full(folder.Location);

        Assert.Equal(0, crop.Exit);
        Assert.Contains("fewer than two fingers", crop.Output);
        Assert.Equal(0, full.Exit);
        Assert.Contains("fewer than two fingers", full.Output);
    }

    [Fact]
    public void Eval_FolderWithNoImage_IsRefusedWithAMessage()
    {
        using var folder = new GeneratedFolder("empty");

        Assert.Equal(2, Crop(folder.Location).Exit);
        Assert.Equal(2, Full(folder.Location).Exit);
    }

    private static (int Exit, string Output) Crop(string path) => Captured(() =>
        EvalReport.Run(path, null, [], 7, EvalReport.DefaultMinEnrollmentTouches, 4096, new EvalSource(KnownResolutions.For(path), 1, SyntheticSensor.Optical)));

    private static (int Exit, string Output) Full(string path) => Captured(() =>
        FullImageReport.Run(path, null, 7, EvalReport.DefaultMinEnrollmentTouches, FullImageReport.DefaultWindowCap, KnownResolutions.For(path)));

    private static (int Exit, string Output) Captured(Func<int> run)
    {
        var output = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            return (run(), output.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
