using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>Messages of another 2-of-2 key generation and of another refresh session, recorded to replay and
/// reorder, and the 2-of-2 key that the refresh tests refresh.</summary>
public sealed class RecordedDkg
{
    public RecordedDkg()
    {
        Harness.Dkg(2, 900, (round, msgs) => Rounds[round] = msgs.Select(m => (byte[])m.Clone()).ToList());
        Shares = Harness.Dkg(2, 903);
        Blobs = Shares.Select(x => x.Serialize()).ToArray();
        Harness.Refresh(Blobs.Select(KeyShare.Deserialize).ToArray(), 904,
            (round, msgs) => RefreshRounds[round] = msgs.Select(m => (byte[])m.Clone()).ToList());
    }

    public Dictionary<int, List<byte[]>> Rounds { get; } = new();

    public Dictionary<int, List<byte[]>> RefreshRounds { get; } = new();

    public KeyShare[] Shares { get; }

    public byte[][] Blobs { get; }
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
        var sid = Harness.Sid(901);
        var parties = new[] { new DkgParty(2, 1, sid, new TestRandom(1)), new DkgParty(2, 2, sid, new TestRandom(2)) };
        AssertAbortsWithoutShare(parties, recorded.Rounds, round, mutation, sender);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refresh_AbortsWithReason_WhenAMessageIsTampered(int round, Mutation mutation, int sender)
    {
        var sid = Harness.Sid(905);
        var parties = recorded.Blobs.Select((b, i) => DkgParty.ForRefresh(KeyShare.Deserialize(b), sid, new TestRandom(20 + i))).ToArray();
        AssertAbortsWithoutShare(parties, recorded.RefreshRounds, round, mutation, sender);
    }

    private static void AssertAbortsWithoutShare(DkgParty[] parties, Dictionary<int, List<byte[]>> recordedRounds, int round, Mutation mutation, int sender)
    {
        KeyShare[]? shares = null;
        var ex = Assert.Throws<ThresholdException>(() =>
        {
            var o1 = parties.Select(p => p.Start()).ToArray();
            var i1 = Deliver(o1, 1, round, mutation, sender, recordedRounds);
            var o2 = parties.Select((p, i) => p.Round2(i1[i])).ToArray();
            var i2 = Deliver(o2, 2, round, mutation, sender, recordedRounds);
            var o3 = parties.Select((p, i) => p.Round3(i2[i])).ToArray();
            var i3 = Deliver(o3, 3, round, mutation, sender, recordedRounds);
            shares = parties.Select((p, i) => p.Finish(i3[i])).ToArray();
        });
        Assert.Null(shares);

        // The receiver of the tampered message aborts, except for altered base-OT receiver points
        // (round 2), which the receiver cannot tell from honest ones: its seeds then disagree with the
        // sender's, and the sender aborts on the receiver's seed confirmation (round 3).
        var receiver = parties[2 - sender];
        var victim = receiver.State == PartyState.Aborted ? receiver : parties[sender - 1];
        Assert.Equal(PartyState.Aborted, victim.State);
        Assert.Equal(ex.Reason, victim.AbortReason);
        Assert.Equal(ex.Culprit, victim.AbortCulprit);
        if (victim != receiver)
        {
            Assert.Equal(2, round);
            Assert.Equal(ThresholdError.BaseOtCheckFailed, ex.Reason);
            Assert.Equal(3 - sender, ex.Culprit);
        }
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

        if (ex.Culprit != 0 && mutation != Mutation.SubstituteWrongAddressee && victim == receiver)
        {
            Assert.Equal(sender, ex.Culprit);
        }

        // The abort carries only a reason and a culprit (fixed text, no data), and an aborted party
        // refuses every further call, so it sends nothing more.
        Assert.Equal("threshold protocol aborted", ex.Message);
        Assert.Null(ex.InnerException);
        Assert.Equal(ThresholdError.InvalidState, Assert.Throws<ThresholdException>(() => victim.Finish(Array.Empty<byte[]>())).Reason);
        Assert.Equal(ThresholdError.InvalidState, Assert.Throws<ThresholdException>(() => victim.Round3(Array.Empty<byte[]>())).Reason);
    }

    private static byte[][][] Deliver(byte[][][] outboxes, int round, int tamperedRound, Mutation mutation, int sender,
        Dictionary<int, List<byte[]>> recordedRounds)
    {
        var fromOne = outboxes[0][0];
        var fromTwo = outboxes[1][0];
        if (round == tamperedRound)
        {
            var other = recordedRounds[round].First(m => m[3] == sender);
            var otherRound = recordedRounds[round % 3 + 1].First(m => m[3] == sender);
            if (sender == 1)
            {
                fromOne = Mutator.Apply(mutation, fromOne, other, otherRound);
            }
            else
            {
                fromTwo = Mutator.Apply(mutation, fromTwo, other, otherRound);
            }
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
