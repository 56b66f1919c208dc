using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>Messages of another 2-of-2 key generation session, recorded to replay and reorder.</summary>
public sealed class RecordedDkg
{
    public RecordedDkg()
    {
        Harness.Dkg(2, 900, (round, msgs) => Rounds[round] = msgs.Select(m => (byte[])m.Clone()).ToList());
    }

    public Dictionary<int, List<byte[]>> Rounds { get; } = new();
}

public class DkgTamperTests : IClassFixture<RecordedDkg>
{
    private readonly RecordedDkg recorded;

    public DkgTamperTests(RecordedDkg recorded)
    {
        this.recorded = recorded;
    }

    public static IEnumerable<object[]> Cases() => Mutator.RoundsTimesMutations(3);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dkg_AbortsWithReason_WhenAMessageIsTampered(int round, Mutation mutation)
    {
        var sid = Harness.Sid(901);
        var parties = new[] { new DkgParty(2, 1, sid, new TestRandom(1)), new DkgParty(2, 2, sid, new TestRandom(2)) };
        KeyShare[]? shares = null;
        var ex = Assert.Throws<ThresholdException>(() =>
        {
            var o1 = parties.Select(p => p.Start()).ToArray();
            var i1 = Deliver(o1, 1, round, mutation);
            var o2 = parties.Select((p, i) => p.Round2(i1[i])).ToArray();
            var i2 = Deliver(o2, 2, round, mutation);
            var o3 = parties.Select((p, i) => p.Round3(i2[i])).ToArray();
            var i3 = Deliver(o3, 3, round, mutation);
            shares = parties.Select((p, i) => p.Finish(i3[i])).ToArray();
        });
        Assert.Null(shares);
        var victim = parties[1];
        Assert.Equal(PartyState.Aborted, victim.State);
        Assert.Equal(ex.Reason, victim.AbortReason);
        Assert.Equal(ex.Culprit, victim.AbortCulprit);
        switch (mutation)
        {
            case Mutation.Truncate:
            case Mutation.AppendByte:
                Assert.Equal(ThresholdError.MalformedMessage, ex.Reason);
                break;
            case Mutation.ReplayFromOtherSession:
                Assert.Equal(ThresholdError.WrongSession, ex.Reason);
                break;
            case Mutation.ReorderOtherRound:
            case Mutation.SubstituteWrongAddressee:
                Assert.Equal(ThresholdError.UnexpectedMessage, ex.Reason);
                break;
            case Mutation.WrongVersion:
                Assert.Equal(ThresholdError.UnsupportedVersion, ex.Reason);
                break;
        }

        if (ex.Culprit != 0 && mutation != Mutation.SubstituteWrongAddressee)
        {
            Assert.Equal(1, ex.Culprit);
        }

        // An aborted party refuses every further call.
        Assert.Throws<ThresholdException>(() => victim.Finish(Array.Empty<byte[]>()));
    }

    private byte[][][] Deliver(byte[][][] outboxes, int round, int tamperedRound, Mutation mutation)
    {
        var fromOne = outboxes[0][0];
        var fromTwo = outboxes[1][0];
        if (round == tamperedRound)
        {
            var other = recorded.Rounds[round].First(m => m[3] == 1);
            var otherRound = recorded.Rounds[round % 3 + 1].First(m => m[3] == 1);
            fromOne = Mutator.Apply(mutation, fromOne, other, otherRound);
        }

        return new[] { new[] { fromTwo }, new[] { fromOne } };
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
