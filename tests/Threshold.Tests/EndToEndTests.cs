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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sign_TwoOfTwo_VerifiesWithBouncyCastleAndIsLowS(int seed)
    {
        var s = keys.TwoOfTwo;
        var hash = SHA256.HashData(BitConverter.GetBytes(seed * 977));
        var pair = Harness.Pair(s[0], s[1], seed);
        var (a, b) = Harness.Sign(pair, hash);
        Assert.Equal(a, b);
        Assert.True(Harness.BouncyVerify(s[0].PublicKey(), hash, a));
        Assert.True(Harness.IsLowS(a));
        Assert.Equal(PartyState.Done, pair.A.State);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    public void Sign_EveryTwoOfThreePair_VerifiesWithBouncyCastle(int i, int j)
    {
        var s = keys.TwoOfThree;
        Assert.Equal(s[0].PublicKey(), s[2].PublicKey());
        var hash = SHA256.HashData(new byte[] { (byte)i, (byte)j });
        var (a, _) = Harness.Sign(Harness.Pair(s[i - 1], s[j - 1], 10 * i + j), hash);
        Assert.True(Harness.BouncyVerify(s[0].PublicKey(), hash, a));
    }
}
