namespace CardFirmware.Biometrics.Tests;

/// <summary>The x-signature estimate finds the period of ridges whose period is known, and falls back without ridges.</summary>
public class RidgePeriodEstimatorTests
{
    [Theory]
    [InlineData(7.5, 0.0)]
    [InlineData(9.0, 0.6)]
    [InlineData(10.5, 1.9)]
    [InlineData(11.5, 2.8)]
    public void Estimate_OfParallelRidges_IsTheirPeriod(double period, double angle)
    {
        var frame = Stripes(period, angle);
        var w = new Workspace();
        w.Attach(frame);
        BlockAnalysis.Run(frame, w);

        var estimate = RidgePeriodEstimator.Estimate(frame, w);

        Assert.InRange(estimate, period - 0.5, period + 0.5);
        Assert.True(Workspace.AllZero(w.PendingCos2) && Workspace.AllZero(w.PendingSin2), "the signature and histogram rows must be wiped");
    }

    [Fact]
    public void Estimate_WithoutCoherentRidges_FallsBackToTheDefaultPeriod()
    {
        var frame = new byte[FrameGeometry.FrameSize];
        new Random(3).NextBytes(frame);
        var w = new Workspace();
        w.Attach(frame);
        BlockAnalysis.Run(frame, w);

        Assert.Equal(RidgePeriodEstimator.Fallback, RidgePeriodEstimator.Estimate(frame, w));
    }

    // Grey levels 128 ± 90 of a sinusoid across ridges running at `angle` (radians) with the given period.
    private static byte[] Stripes(double period, double angle)
    {
        var frame = new byte[FrameGeometry.FrameSize];
        var nx = -Math.Sin(angle);
        var ny = Math.Cos(angle);
        for (var y = 0; y < FrameGeometry.Side; y++)
        {
            for (var x = 0; x < FrameGeometry.Side; x++)
            {
                var across = x * nx + y * ny;
                frame[y * FrameGeometry.Side + x] = (byte)Math.Round(128 + 90 * Math.Cos(2 * Math.PI * across / period));
            }
        }

        return frame;
    }
}
