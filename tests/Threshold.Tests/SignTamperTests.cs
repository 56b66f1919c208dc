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

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_AbortsWithReason_WhenAMessageIsTampered(int round, Mutation mutation, int sender)
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 302);
        var hash = SHA256.HashData(new byte[] { 2 });
        var other = f.Rounds[round].First(m => m[3] == sender);
        var otherRound = f.Rounds[round % 3 + 1].First(m => m[3] == sender);
        var o = SignTamperRun.Run(pair, new[] { 1, 2 }, hash, round, sender, m => Mutator.Apply(mutation, m, other, otherRound));

        var ex = SignTamperRun.AssertAbortsWithoutSignature(o, round, sender, 3 - sender, pair.A.PublicKey(), hash);
        Mutator.AssertReasonFits(mutation, ex.Reason);
        Assert.Equal(sender, ex.Culprit);
    }

    public static TheoryData<string> Backends => TestBackends.Names;

    public static TheoryData<int, string> GammaTimesBackends()
    {
        var data = new TheoryData<int, string>();
        foreach (var which in new[] { 0, 1 })
        {
            data.Add(which, TestBackends.Managed);
            data.Add(which, TestBackends.Native);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Sign_RejectsTamperedRound2Tau_WithMultiplicationCheck(string backend)
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 303, backend: TestBackends.Get(backend));
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

    [SkippableTheory]
    [MemberData(nameof(GammaTimesBackends))]
    public void Sign_RejectsNegatedRound2Gamma_WithConsistencyCheck(int which, string backend)
    {
        // Round 2 ends with Γ^u(33) ‖ Γ^v(33) ‖ ψ(32); flipping a point's prefix byte (02 <-> 03) negates it, a
        // valid point that only DKLs23's consistency check (χ·R − Γ^u = d_u·G, χ·pk − Γ^v = d_v·G) can refuse.
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 306 + which, backend: TestBackends.Get(backend));
        var ex = Assert.Throws<ThresholdException>(() => Harness.Sign(pair, new byte[32], (r, msgs) =>
        {
            if (r == 2)
            {
                msgs[1][msgs[1].Length - 32 - (2 - which) * 33] ^= 1;
            }
        }));
        Assert.Equal(ThresholdError.ConsistencyCheckFailed, ex.Reason);
        Assert.Equal(2, ex.Culprit);
        Assert.Equal(PartyState.Aborted, pair.A.State);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Sign_RejectsTamperedRound1Extension_WithKosCheck(string backend)
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 304, backend: TestBackends.Get(backend));
        var ex = Assert.Throws<ThresholdException>(() => Harness.Sign(pair, new byte[32], (r, msgs) =>
        {
            if (r == 1)
            {
                msgs[0][41 + 64 + 5000] ^= 1;
            }
        }));
        Assert.Equal(ThresholdError.OtExtensionCheckFailed, ex.Reason);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Sign_PresignatureSignsOnlyOnce(string backend)
    {
        var pair = Harness.Pair(f.Shares[0], f.Shares[1], 305, backend: TestBackends.Get(backend));
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
