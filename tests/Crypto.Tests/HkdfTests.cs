namespace CardFirmware.Crypto.Tests;

/// <summary>HKDF-SHA256 known answers from RFC 5869 appendix A.1-A.3 (PRK and OKM both checked).</summary>
public class HkdfTests
{
    private static string Range(int from, int toInclusive) =>
        string.Concat(Enumerable.Range(from, toInclusive - from + 1).Select(b => b.ToString("x2")));

    public static TheoryData<string, string, string, string, int, string, string> Rfc5869Cases => new()
    {
        {
            "A.1", string.Concat(Enumerable.Repeat("0b", 22)), Range(0x00, 0x0c), Range(0xf0, 0xf9), 42,
            "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        },
        {
            "A.2", Range(0x00, 0x4f), Range(0x60, 0xaf), Range(0xb0, 0xff), 82,
            "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"
        },
        {
            "A.3", string.Concat(Enumerable.Repeat("0b", 22)), string.Empty, string.Empty, 42,
            "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc5869Cases))]
    public void ExtractAndExpand_MatchRfc5869(string name, string ikmHex, string saltHex, string infoHex, int length, string prkHex, string okmHex)
    {
        _ = name;
        var ikm = Hex.Decode(ikmHex);
        var prk = new byte[32];
        Hkdf.Extract(Hex.Decode(saltHex), ikm, 0, ikm.Length, prk);
        Assert.Equal(prkHex, Hex.Encode(prk));

        var okm = new byte[length + 3];
        Hkdf.Expand(prk, Hex.Decode(infoHex), okm, 3, length);
        Assert.Equal(okmHex, Hex.Encode(okm, 3, length));
        Assert.Equal(okmHex, Hex.Encode(Hkdf.DeriveKey(Hex.Decode(saltHex), ikm, Hex.Decode(infoHex), length)));
    }

    [Theory]
    [MemberData(nameof(Rfc5869Cases))]
    public void ExtractAndFirstBlock_WithACallersMac_MatchRfc5869_AndAllocateNothing(string name, string ikmHex, string saltHex, string infoHex, int length, string prkHex, string okmHex)
    {
        _ = name;
        _ = length;
        var ikm = Hex.Decode(ikmHex);
        var salt = Hex.Decode(saltHex);
        var info = Hex.Decode(infoHex);
        var mac = new HmacSha256(new byte[32]);
        var prk = new byte[32];
        var okm = new byte[35];
        Hkdf.Extract(mac, salt, ikm, 0, ikm.Length, prk);
        Hkdf.ExpandFirstBlock(mac, prk, info, okm, 3);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Hkdf.Extract(mac, salt, ikm, 0, ikm.Length, prk);
        Hkdf.ExpandFirstBlock(mac, prk, info, okm, 3);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(prkHex, Hex.Encode(prk));
        Assert.Equal(okmHex[..64], Hex.Encode(okm, 3, 32));
        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Rfc5869Cases))]
    public void ExtractAndFirstBlock_OnAnHmacInterface_MatchRfc5869_InOneCallEach(string name, string ikmHex, string saltHex, string infoHex, int length, string prkHex, string okmHex)
    {
        _ = name;
        _ = length;
        var ikm = Hex.Decode(ikmHex);
        var hmac = new CountingHmac();
        var prk = new byte[32];
        var okm = new byte[35];

        Hkdf.Extract(hmac, Hex.Decode(saltHex), ikm, 0, ikm.Length, prk);
        Hkdf.ExpandFirstBlock(hmac, prk, Hkdf.FirstBlockInput(Hex.Decode(infoHex)), okm, 3);

        Assert.Equal(prkHex, Hex.Encode(prk));
        Assert.Equal(okmHex[..64], Hex.Encode(okm, 3, 32));
        Assert.Equal(2, hmac.Calls);
    }

    [Fact]
    public void FirstBlockOnAnHmacInterface_RefusesAnInputWithoutTheCounter()
    {
        var error = Assert.Throws<CryptoException>(() => Hkdf.ExpandFirstBlock(new CountingHmac(), new byte[32], [0x61], new byte[32], 0));

        Assert.Equal(CryptoError.InvalidLength, error.Error);
        Assert.Equal([0x61, 0x01], Hkdf.FirstBlockInput([0x61]));
        Assert.Equal([0x01], Hkdf.FirstBlockInput(null!));
    }

    private sealed class CountingHmac : IHmacSha256
    {
        public int Calls { get; private set; }

        public void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Calls++;
            CardFirmware.Crypto.HmacSha256.Compute(key, data, offset, count, output, outputOffset);
        }
    }

    [Fact]
    public void CallersMac_IsLeftKeyedWithTheEmptyKey()
    {
        var mac = new HmacSha256(new byte[32]);
        var prk = new byte[32];
        Hkdf.ExpandFirstBlock(mac, Hex.Decode(Range(0x00, 0x1f)), null!, prk, 0);

        var tag = new byte[32];
        mac.Update([0x61], 0, 1);
        mac.Final(tag, 0);
        Assert.Equal(HmacSha256.Compute([], [0x61]), tag);
    }

    [Fact]
    public void NullSaltAndInfo_AreTreatedAsEmpty()
    {
        var ikm = Hex.Decode(string.Concat(Enumerable.Repeat("0b", 22)));
        Assert.Equal(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
            Hex.Encode(Hkdf.DeriveKey(null!, ikm, null!, 42)));
    }

    [Fact]
    public void Expand_MaximumLength_IsAcceptedAndOneMoreIsRejected()
    {
        var prk = new byte[32];
        Assert.Equal(255 * 32, Hkdf.DeriveKey(null!, prk, null!, 255 * 32).Length);
        var ex = Assert.Throws<CryptoException>(() => Hkdf.Expand(prk, null!, new byte[255 * 32 + 1], 0, 255 * 32 + 1));
        Assert.Equal(CryptoError.InvalidLength, ex.Error);
    }
}
