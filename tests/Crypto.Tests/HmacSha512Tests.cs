namespace CardFirmware.Crypto.Tests;

/// <summary>HMAC-SHA512 known answers from RFC 4231 section 4 (test cases 1-7; case 5 truncated to 128 bits).</summary>
public class HmacSha512Tests
{
    [Theory]
    [MemberData(nameof(Rfc4231.Cases), MemberType = typeof(Rfc4231))]
    public void Compute_MatchesRfc4231(string name, string keyHex, string dataHex, string sha256Hex, string sha512Hex)
    {
        _ = name;
        _ = sha256Hex;
        var tag = HmacSha512.Compute(Hex.Decode(keyHex), Hex.Decode(dataHex));
        Assert.Equal(sha512Hex, Hex.Encode(tag, 0, sha512Hex.Length / 2));
    }

    [Fact]
    public void Final_AllowsSecondMessageUnderSameKey()
    {
        var key = Hex.Decode("4a656665");
        var data = Hex.Decode("7768617420646f2079612077616e7420666f72206e6f7468696e673f");
        using var mac = new HmacSha512(key);
        var first = new byte[64];
        var second = new byte[64];
        mac.Update(data, 0, 10);
        mac.Update(data, 10, data.Length - 10);
        mac.Final(first, 0);
        mac.Update(data, 0, data.Length);
        mac.Final(second, 0);
        Assert.Equal(first, second);
        Assert.Equal(HmacSha512.Compute(key, data), first);
    }
}
