using CardFirmware.HalSim.Images;

namespace CardFirmware.Biometrics.Tests;

public class ContrastStretchTests
{
    private static byte[] Finger(int id, int touch = 0)
    {
        var frame = new byte[SensorFrame.Size];
        SyntheticFingerprint.Render(id, touch, frame, PlacementOptions.Fixed);
        return frame;
    }

    // The same finger with ridges 1/divisor as deep (valleys and bare sensor stay near white), as a capacitive array reads a dry finger.
    private static byte[] Faint(byte[] frame, int divisor) => frame.Select(v => (byte)(255 - (255 - v) / divisor)).ToArray();

    [Fact]
    public void FaintCapture_PassesTheGateAfterNormalisation()
    {
        var analyzer = new CaptureAnalyzer();
        var passed = 0;
        for (var id = 1; id <= 5; id++)
        {
            var faint = Faint(Finger(id), 4);
            if (analyzer.Analyse(faint) == QualityError.None)
            {
                passed++;
            }

            analyzer.Clear();
        }

        Assert.True(passed >= 4, $"only {passed} of 5 quarter-contrast touches passed the quality gate");
    }

    [Fact]
    public void FaintCapture_WithoutNormalisation_WouldFailTheGate()
    {
        // Why the stretch exists: the block analysis on the raw quarter-contrast frame finds no finger.
        var faint = Faint(Finger(2), 4);
        var work = new Workspace();
        work.Attach(faint);
        BlockAnalysis.Run(faint, work);

        var sums = new float[2];
        var foreground = QualityGate.BlockSums(faint, work, sums);
        Assert.NotEqual(QualityError.None, QualityGate.AssessBlocks(foreground, sums[0], sums[1]));
    }

    [Fact]
    public void WideFrame_IsLeftUntouched()
    {
        var frame = Finger(4);
        var copy = (byte[])frame.Clone();
        var histogram = new ushort[256];

        Assert.False(ContrastStretch.Run(frame, histogram));
        Assert.Equal(copy, frame);
        Assert.All(histogram, h => Assert.Equal(0, h));
    }

    [Fact]
    public void BareSensorNoise_StaysEmpty()
    {
        var frame = new byte[SensorFrame.Size];
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)(255 - (i * 7 + i / 192 * 13) % 4);
        }

        Assert.Equal(QualityError.Empty, new CaptureAnalyzer().Analyse(frame));
    }

    [Fact]
    public void FaintCapture_StretchIsAnchoredAtWhite_AndClearsItsHistogram()
    {
        var faint = Faint(Finger(1), 4);
        var histogram = new ushort[256];

        Assert.True(ContrastStretch.Run(faint, histogram));
        var sorted = faint.Order().ToArray();
        Assert.True(sorted[^1] >= 250);
        Assert.True(sorted[faint.Length * 2 / 100] < 255 - ContrastStretch.MinSpread);
        Assert.All(histogram, h => Assert.Equal(0, h));
    }
}
