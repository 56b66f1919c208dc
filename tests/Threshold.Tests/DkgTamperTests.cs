using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>The recorded 2-of-2 key generation and refresh that the tamper cases replay.</summary>
public sealed class RecordedDkg : DkgRecordings
{
    public RecordedDkg()
        : base(2, 900)
    {
    }
}

public class DkgTamperTests : IClassFixture<RecordedDkg>
{
    private readonly RecordedDkg recorded;

    public DkgTamperTests(RecordedDkg recorded)
    {
        this.recorded = recorded;
    }

    public static IEnumerable<object[]> Cases() => Mutator.RoundsTimesMutationsTimesSenders(3, 2);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dkg_AbortsWithReason_WhenAMessageIsTampered(int round, Mutation mutation, int sender)
    {
        DkgTamperRun.AssertAbortsWithoutShare(recorded.Dkg, recorded.OtherDkg, round, mutation, sender, 3 - sender);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refresh_AbortsWithReason_WhenAMessageIsTampered(int round, Mutation mutation, int sender)
    {
        DkgTamperRun.AssertAbortsWithoutShare(recorded.Refresh, recorded.OtherRefresh, round, mutation, sender, 3 - sender);
    }

    [Fact]
    public void Dkg_SecondUseOfARoundFails()
    {
        var sid = Harness.Sid(902);
        var a = new DkgParty(2, 1, sid, new TestRandom(3));
        a.Start();
        var ex = Assert.Throws<ThresholdException>(() => a.Start());
        Assert.Equal(ThresholdError.InvalidState, ex.Reason);
        Assert.Equal(PartyState.Aborted, a.State);
    }

    [Fact]
    public void Dkg_RejectsBadParameters()
    {
        Assert.Throws<ThresholdException>(() => new DkgParty(4, 1, Harness.Sid(1), new TestRandom(1)));
        Assert.Throws<ThresholdException>(() => new DkgParty(2, 3, Harness.Sid(1), new TestRandom(1)));
        Assert.Throws<ThresholdException>(() => new DkgParty(2, 1, new byte[31], new TestRandom(1)));
    }
}
