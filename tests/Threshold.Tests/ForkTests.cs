namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// The tamper suites resume recorded runs from <see cref="Fork"/> copies; this pins what they rely on:
/// a copy shares nothing mutable with its checkpoint, so an abort that wipes the copy's secrets in place
/// leaves the checkpoint able to finish the recorded run exactly.
/// </summary>
public sealed class ForkTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void AbortingACopy_LeavesItsCheckpointAbleToFinishTheRecordedRun()
    {
        var recorded = new RecordedDkgRun(new[]
        {
            new DkgParty(2, 1, Harness.Sid(91), new TestRandom(1)),
            new DkgParty(2, 2, Harness.Sid(91), new TestRandom(2)),
        });
        const int party = 2;
        const int abortedCall = 3;

        var doomed = Fork.Of(recorded.Checkpoints[abortedCall - 1][party - 1]);
        var truncated = recorded.Inbox(abortedCall, party).Select(m => m[..^1]).ToArray();
        Assert.Throws<ThresholdException>(() => DkgTamperRun.Call(doomed, abortedCall, truncated));

        var resumed = Fork.Of(recorded.Checkpoints[abortedCall - 1][party - 1]);
        KeyShare? share = null;
        for (int call = abortedCall; call <= RecordedDkgRun.Calls; call++)
        {
            share = DkgTamperRun.Call(resumed, call, recorded.Inbox(call, party)).Share;
        }

        Assert.NotNull(share);
        Assert.Equal(recorded.Shares[party - 1].Serialize(), share!.Serialize());
    }
}
