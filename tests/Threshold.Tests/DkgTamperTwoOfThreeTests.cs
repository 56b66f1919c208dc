using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>The recorded 2-of-3 key generation, refresh and recovery of party 1 that the tamper cases replay.</summary>
public sealed class RecordedDkgTwoOfThree : DkgRecordings
{
    public RecordedDkgTwoOfThree()
        : base(3, 910)
    {
    }
}

/// <summary>
/// Tampering with the 2-of-3 key generation, refresh and recovery: every round, every <see cref="Mutation"/>, each of the
/// six ordered (sender, receiver) messages of the round (one case per round and mutation covers the six).
/// </summary>
/// <remarks>
/// Each run asserts (<see cref="DkgTamperRun.AssertAbortsWithoutShare"/>): exactly one party aborts by its own
/// check, the receiver of the tampered message (for altered base-OT receiver points: the sender, on the
/// receiver's seed confirmation), with the mutation's reason and the sender as culprit (the receiver for the
/// base-OT points; nobody, 0, when the swapped header names the receiver itself), never the uninvolved party;
/// the uninvolved third party and the sender finish the call they were in without complaint, and then cannot go
/// on without the aborted party's message; nobody holds a key share unless the abort came in the last call
/// (where the parties whose confirmations were intact have already finished); the aborted party refuses every
/// further call.
/// </remarks>
public class DkgTamperTwoOfThreeTests : IClassFixture<RecordedDkgTwoOfThree>
{
    private readonly RecordedDkgTwoOfThree recorded;

    public DkgTamperTwoOfThreeTests(RecordedDkgTwoOfThree recorded)
    {
        this.recorded = recorded;
    }

    public static IEnumerable<object[]> Cases() => Mutator.RoundsTimesMutations(3);

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(Cases))]
    public void Dkg_TwoOfThree_AbortsWithReason_WhenAnyMessageIsTampered(int round, Mutation mutation)
    {
        Mutator.CheckEach(Mutator.OrderedPairs(3),
            m => DkgTamperRun.AssertAbortsWithoutShare(recorded.Dkg, recorded.OtherDkg, round, mutation, m.From, m.To));
    }

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(Cases))]
    public void Refresh_TwoOfThree_AbortsWithReason_WhenAnyMessageIsTampered(int round, Mutation mutation)
    {
        Mutator.CheckEach(Mutator.OrderedPairs(3),
            m => DkgTamperRun.AssertAbortsWithoutShare(recorded.Refresh, recorded.OtherRefresh, round, mutation, m.From, m.To));
    }

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(Cases))]
    public void Recovery_OfParty1_AbortsWithReason_WhenAnyMessageIsTampered(int round, Mutation mutation)
    {
        Mutator.CheckEach(Mutator.OrderedPairs(3),
            m => DkgTamperRun.AssertAbortsWithoutShare(recorded.Recovery!, recorded.OtherRecovery!, round, mutation, m.From, m.To));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Dkg_TwoOfThree_BlamesNobody_WhenTheThirdPartysMessageComesInTheSendersPlace(int round)
    {
        // The receiver then holds two messages that name the third party and none from the sender: it cannot tell
        // which channel carried the extra one, so it must not blame the third party (whose message may be genuine).
        Mutator.CheckEach(Mutator.OrderedPairs(3), m =>
        {
            var third = recorded.Dkg.Messages[round][(6 - m.From - m.To, m.To)];
            var (ex, victim) = DkgTamperRun.AssertAbortsWithoutShare(recorded.Dkg, round, m.From, m.To, _ => (byte[])third.Clone());
            Assert.Equal(m.To, victim);
            Assert.Equal(ThresholdError.UnexpectedMessage, ex.Reason);
            Assert.Equal(0, ex.Culprit);
        });
    }

    [Fact]
    public void Replay_FromAWipedCheckpointCopy_ReproducesTheRecordedRun()
    {
        // A copy of every checkpoint is aborted first (wiping its secrets in place): the checkpoints must not share
        // that state. Then every call is recomputed from the first checkpoint with the messages untouched.
        foreach (var checkpoint in recorded.Dkg.Checkpoints.Skip(1).SelectMany(c => c))
        {
            Fork.Of(checkpoint).Cancel();
        }

        var o = DkgTamperRun.Run(recorded.Dkg, 1, 1, 2, m => m, resume: false);

        Assert.All(o.AbortedAtCall, c => Assert.Equal(0, c));
        for (int round = 2; round < RecordedDkgRun.Calls; round++)
        {
            Assert.Equal(recorded.Dkg.Messages[round].OrderBy(x => x.Key).ToArray(), o.Sent[round].OrderBy(x => x.Key).ToArray());
        }

        Assert.Equal(recorded.Dkg.Shares.Select(s => s.Serialize()), o.Shares.Select(s => s!.Serialize()));
        Assert.Equal(PartyState.Round3Sent, recorded.Dkg.Checkpoints[3][0].State);
    }
}
