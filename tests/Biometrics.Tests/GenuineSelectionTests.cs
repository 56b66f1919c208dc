using CardFirmware.Biometrics;
using Xunit;

namespace CardFirmware.Biometrics.Tests;

public class GenuineSelectionTests
{
    private static EnrollmentTally Tally(params (uint Code, uint Touches)[] entries)
    {
        var tally = new EnrollmentTally();
        foreach (var (code, touches) in entries)
        {
            tally.Codes[tally.Count] = code;
            tally.Counts[tally.Count] = touches;
            tally.Count++;
        }

        return tally;
    }

    private static uint[] Select(EnrollmentTally tally, int minAgreement, int max)
    {
        var genuine = new uint[max];
        var n = GenuineSelection.Select(tally, minAgreement, genuine, max);
        return genuine[..n].Order().ToArray();
    }

    [Fact]
    public void ConfirmedCodes_AreAllKept_BeforeAnyCodeOneTouchShowed()
    {
        var tally = Tally((1, 1), (2, 1), (3, 1), (4, 2), (5, 3), (6, 2), (7, 5));

        Assert.Equal([4u, 5u, 6u, 7u], Select(tally, 1, 4));
    }

    [Fact]
    public void AmongConfirmedCodes_MoreTouches_IsNoPreference()
    {
        var often = Select(Tally((100, 5), (200, 2), (300, 2)), 1, 1);
        var seldom = Select(Tally((100, 2), (200, 5), (300, 2)), 1, 1);

        Assert.Single(often);
        Assert.Equal(often, seldom);
    }

    [Fact]
    public void CodesBelowTheAgreement_AreNeverKept_EvenWithRoom()
    {
        Assert.Equal([2u, 4u], Select(Tally((1, 1), (2, 2), (3, 1), (4, 3)), 2, 10));
    }

    [Fact]
    public void OneTouchCodes_AreNotTakenInCodeOrder()
    {
        // Codes sort by side lengths first: code order would keep only the smallest triangles.
        var tally = Tally(Enumerable.Range(1, 100).Select(c => ((uint)c, 1u)).ToArray());

        var kept = Select(tally, 1, 10);

        Assert.Equal(10, kept.Length);
        Assert.Contains(kept, c => c > 50);
    }

    [Fact]
    public void FewerCodesThanRoom_KeepsThemAll()
    {
        Assert.Equal([9u, 10u, 11u], Select(Tally((10, 1), (9, 4), (11, 1)), 1, 400));
    }
}
