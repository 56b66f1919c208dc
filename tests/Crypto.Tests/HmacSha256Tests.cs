namespace CardFirmware.Crypto.Tests;

/// <summary>HMAC-SHA256 known answers from RFC 4231 section 4 (test cases 1-7; case 5 truncated to 128 bits).</summary>
public class HmacSha256Tests
{
    [Theory]
    [MemberData(nameof(Rfc4231.Cases), MemberType = typeof(Rfc4231))]
    public void Compute_MatchesRfc4231(string name, string keyHex, string dataHex, string sha256Hex, string sha512Hex)
    {
        _ = name;
        _ = sha512Hex;
        var tag = HmacSha256.Compute(Hex.Decode(keyHex), Hex.Decode(dataHex));
        Assert.Equal(sha256Hex, Hex.Encode(tag, 0, sha256Hex.Length / 2));
    }

    [Fact]
    public void Final_AllowsSecondMessageUnderSameKey()
    {
        var key = Hex.Decode("4a656665");
        var data = Hex.Decode("7768617420646f2079612077616e7420666f72206e6f7468696e673f");
        using var mac = new HmacSha256(key);
        var first = new byte[32];
        var second = new byte[32];
        mac.Update(data, 0, data.Length);
        mac.Final(first, 0);
        mac.Update(data, 0, data.Length);
        mac.Final(second, 0);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Update_AfterDispose_ThrowsDisposed()
    {
        var mac = new HmacSha256(new byte[16]);
        mac.Dispose();
        var ex = Assert.Throws<CryptoException>(() => mac.Update(new byte[1], 0, 1));
        Assert.Equal(CryptoError.Disposed, ex.Error);
    }
}
