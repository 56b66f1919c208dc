using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>A 2-of-2 key plus the messages of one recorded signing session (for replay and reorder).</summary>
public sealed class SignFixture
{
    public SignFixture()
    {
        Shares = Harness.Dkg(2, 300);
        Harness.Sign(Harness.Pair(Shares[0], Shares[1], 301), SHA256.HashData(new byte[] { 1 }),
            (round, msgs) => Rounds[round] = msgs.Select(m => (byte[])m.Clone()).ToList());
    }

    public KeyShare[] Shares { get; }

    public Dictionary<int, List<byte[]>> Rounds { get; } = new();
}

public class SignTamperTests : IClassFixture<SignFixture>
{
    private readonly SignFixture f;

    public SignTamperTests(SignFixture f)
    {
        this.f = f;
    }

    public static IEnumerable<object[]> Cases() => Mutator.RoundsTimesMutationsTimesSenders(3, 2);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_AbortsWithReason_WhenAMessageIsTampered(int round, Mutation mutation, int sender)
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 302);
        var hash = SHA256.HashData(new byte[] { 2 });
        (byte[], byte[])? result = null;
        var ex = Assert.Throws<ThresholdException>(() => result = Harness.Sign(pair, hash, (r, msgs) =>
        {
            if (r == round)
            {
                var other = f.Rounds[round].First(m => m[3] == sender);
                var otherRound = f.Rounds[round % 3 + 1].First(m => m[3] == sender);
                msgs[sender - 1] = Mutator.Apply(mutation, msgs[sender - 1], other, otherRound);
            }
        }));
        Assert.Null(result);

        // The receiver of the tampered message aborts, or (for a tampered ψ or round-3 value, which only the
        // final signature check can catch) the first party to combine does.
        var aborted = pair.B.State == PartyState.Aborted ? pair.B : pair.A;
        Assert.Equal(PartyState.Aborted, aborted.State);
        Assert.Equal(ex.Reason, aborted.AbortReason);
        if (ex.Reason != ThresholdError.InvalidSignature)
        {
            Assert.Same(sender == 1 ? pair.B : pair.A, aborted);
        }

        if (ex.Culprit != 0 && mutation != Mutation.SubstituteWrongAddressee && ex.Reason != ThresholdError.InvalidSignature)
        {
            Assert.Equal(sender, ex.Culprit);
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

        // The abort carries only a reason and a culprit (fixed text, no data); the aborted party refuses
        // every further call, so it emits no signature share and no signature afterwards.
        Assert.Equal("threshold protocol aborted", ex.Message);
        Assert.Null(ex.InnerException);
        Assert.Equal(ThresholdError.InvalidState, Assert.Throws<ThresholdException>(() => aborted.SignHash(hash)).Reason);
        Assert.Equal(ThresholdError.InvalidState, Assert.Throws<ThresholdException>(() => aborted.Combine(Array.Empty<byte[]>())).Reason);
    }

    [Fact]
    public void Sign_RejectsTamperedRound2Tau_WithMultiplicationCheck()
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 303);
        var ex = Assert.Throws<ThresholdException>(() => Harness.Sign(pair, new byte[32], (r, msgs) =>
        {
            if (r == 2)
            {
                msgs[0][41 + 33 + 100 * 32 + 31] ^= 1;
            }
        }));
        Assert.Equal(ThresholdError.MultiplicationCheckFailed, ex.Reason);
        Assert.Equal(1, ex.Culprit);
    }

    [Fact]
    public void Sign_RejectsTamperedRound1Extension_WithKosCheck()
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 304);
        var ex = Assert.Throws<ThresholdException>(() => Harness.Sign(pair, new byte[32], (r, msgs) =>
        {
            if (r == 1)
            {
                msgs[0][41 + 64 + 5000] ^= 1;
            }
        }));
        Assert.Equal(ThresholdError.OtExtensionCheckFailed, ex.Reason);
    }

    [Fact]
    public void Sign_PresignatureSignsOnlyOnce()
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 305);
        Harness.Sign(pair, new byte[32]);
        var ex = Assert.Throws<ThresholdException>(() => pair.A.SignHash(new byte[32]));
        Assert.Equal(ThresholdError.InvalidState, ex.Reason);
        Assert.Equal(PartyState.Aborted, pair.A.State);
    }

    [Fact]
    public void Sign_RejectsSignerSetWithoutSelf()
    {
        Assert.Throws<ThresholdException>(() => new SignParty(f.Shares[0], new[] { 2, 2 }, Harness.Sid(1), null, new TestRandom(1)));
    }
}
