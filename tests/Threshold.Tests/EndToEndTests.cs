using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>One 2-of-2 and one 2-of-3 key, generated once and shared by the tests of this class.</summary>
public sealed class KeysFixture
{
    public KeyShare[] TwoOfTwo { get; } = Harness.Dkg(2, 100);

    public KeyShare[] TwoOfThree { get; } = Harness.Dkg(3, 200);
}

public class EndToEndTests : IClassFixture<KeysFixture>
{
    private readonly KeysFixture keys;

    public EndToEndTests(KeysFixture keys)
    {
        this.keys = keys;
    }

    [Fact]
    public void Dkg_TwoOfTwo_AgreesOnPublicKeyChainCodeAndKeyId()
    {
        var s = keys.TwoOfTwo;
        Assert.Equal(s[0].PublicKey(), s[1].PublicKey());
        Assert.Equal(s[0].ChainCode, s[1].ChainCode);
        Assert.Equal(s[0].KeyId, s[1].KeyId);
        Assert.NotEqual(s[0].Serialize()[36..68], s[1].Serialize()[36..68]);
    }

    public static TheoryData<int, string> SeedsTimesBackends()
    {
        var data = new TheoryData<int, string>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            data.Add(seed, TestBackends.Managed);
            data.Add(seed, TestBackends.Native);
        }

        return data;
    }

    public static TheoryData<int, int, string> PairsTimesBackends()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var (i, j) in new[] { (1, 2), (1, 3), (2, 3), (3, 1) })
        {
            data.Add(i, j, TestBackends.Managed);
            data.Add(i, j, TestBackends.Native);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(SeedsTimesBackends))]
    public void Sign_TwoOfTwo_VerifiesWithBouncyCastleAndIsLowS(int seed, string backend)
    {
        var s = keys.TwoOfTwo;
        var hash = SHA256.HashData(BitConverter.GetBytes(seed * 977));
        var pair = Harness.Pair(s[0], s[1], seed, backend: TestBackends.Get(backend));
        var (a, b) = Harness.Sign(pair, hash);
        Assert.Equal(a, b);
        Assert.True(Harness.BouncyVerify(s[0].PublicKey(), hash, a));
        Assert.True(Harness.IsLowS(a));
        Assert.Equal(PartyState.Done, pair.A.State);
    }

    [SkippableTheory]
    [MemberData(nameof(PairsTimesBackends))]
    public void Sign_EveryTwoOfThreePair_VerifiesWithBouncyCastle(int i, int j, string backend)
    {
        var s = keys.TwoOfThree;
        Assert.Equal(s[0].PublicKey(), s[2].PublicKey());
        var hash = SHA256.HashData(new byte[] { (byte)i, (byte)j });
        var (a, _) = Harness.Sign(Harness.Pair(s[i - 1], s[j - 1], 10 * i + j, backend: TestBackends.Get(backend)), hash);
        Assert.True(Harness.BouncyVerify(s[0].PublicKey(), hash, a));
    }
}
