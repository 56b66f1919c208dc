using CardFirmware.HalSim.Images;

namespace CardFirmware.Biometrics.Tests;

public class CaptureAnalyzerTests
{
    [Fact]
    public void FullFingerTouch_PassesQuality_AndYieldsMinutiae()
    {
        var analyzer = new CaptureAnalyzer();
        var passed = 0;
        for (var finger = 1; finger <= 5; finger++)
        {
            if (analyzer.Analyse(Finger(finger)) == QualityError.None)
            {
                passed++;
                Assert.True(analyzer.Work.Minutiae.Count >= QualityGate.MinMinutiae);
            }
        }

        Assert.True(passed >= 4, $"only {passed} of 5 synthetic full touches passed the quality gate");
    }

    [Theory]
    [InlineData(255)]
    [InlineData(0)]
    [InlineData(128)]
    public void UniformFrame_IsRefusedAsEmpty(byte level)
    {
        var frame = Enumerable.Repeat(level, SensorFrame.Size).ToArray();

        Assert.Equal(QualityError.Empty, new CaptureAnalyzer().Analyse(frame));
    }

    [Fact]
    public void FingerOnAThirdOfTheWindow_IsRefusedAsPartial()
    {
        var frame = Finger(3);
        for (var y = 0; y < SensorFrame.Height; y++)
        {
            for (var x = SensorFrame.Width / 3; x < SensorFrame.Width; x++)
            {
                frame[(y * SensorFrame.Width) + x] = 255;
            }
        }

        Assert.Equal(QualityError.Partial, new CaptureAnalyzer().Analyse(frame));
    }

    [Fact]
    public void WashedOutFinger_IsRefused()
    {
        var frame = Finger(2);
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)(200 + (frame[i] / 32));
        }

        // Eight grey levels of ridge texture: refused either as too faint to be skin or as too
        // low in contrast, never analysed further.
        Assert.Contains(new CaptureAnalyzer().Analyse(frame), new[] { QualityError.Empty, QualityError.LowContrast });
    }

    [Fact]
    public void Workspace_CanBeWipedAfterAnAnalysis()
    {
        var analyzer = new CaptureAnalyzer();
        analyzer.Analyse(Finger(4));
        Assert.False(analyzer.Work.IsClear());
        Assert.False(analyzer.IsClear());

        analyzer.Clear();

        Assert.True(analyzer.Work.IsClear());
        Assert.True(analyzer.IsClear());
    }

    private static byte[] Finger(int id)
    {
        var frame = new byte[SensorFrame.Size];
        SyntheticFingerprint.Render(id, 0, frame, PlacementOptions.Fixed);
        return frame;
    }
}
