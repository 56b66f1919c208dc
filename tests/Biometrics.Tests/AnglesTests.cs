using CardFirmware.Biometrics;

namespace CardFirmware.Biometrics.Tests;

/// <summary>
/// <see cref="Angles.Direction"/>: the unit vector of the orientation θ in [0, π) whose doubled angle
/// is given, by half-angle identities instead of atan2, cos and sin (the period estimator's window).
/// </summary>
public class AnglesTests
{
    [Fact]
    public void Direction_IsCosAndSinOfTheHalfAngle_ForEveryDoubledAngle()
    {
        var random = new Random(15);
        for (var i = 0; i < 100_000; i++)
        {
            var length = (float)(1e-3 + (random.NextDouble() * 10));
            var doubled = (random.NextDouble() * 4 * Math.PI) - (2 * Math.PI);
            var cos2 = (float)(length * Math.Cos(doubled));
            var sin2 = (float)(length * Math.Sin(doubled));
            Angles.Direction(sin2, cos2, out var c, out var s);
            var theta = Angles.HalfAngle(sin2, cos2);
            Assert.InRange(s, 0f, 1f);
            Assert.True(Math.Abs(c - Math.Cos(theta)) < 2e-6, $"cos at doubled angle {doubled}: {c} against {Math.Cos(theta)}");
            Assert.True(Math.Abs(s - Math.Sin(theta)) < 2e-6, $"sin at doubled angle {doubled}: {s} against {Math.Sin(theta)}");
        }
    }

    [Theory]
    [InlineData(0f, 1f, 1f, 0f)]
    [InlineData(1f, 0f, 0.70710677f, 0.70710677f)]
    [InlineData(0f, -1f, 0f, 1f)]
    [InlineData(-1f, 0f, -0.70710677f, 0.70710677f)]
    [InlineData(0f, 0f, 1f, 0f)]
    public void Direction_AtTheAxesAndTheZeroVector(float sin2, float cos2, float expectedCos, float expectedSin)
    {
        Angles.Direction(sin2, cos2, out var c, out var s);
        Assert.Equal(expectedCos, c, 6);
        Assert.Equal(expectedSin, s, 6);
    }
}
