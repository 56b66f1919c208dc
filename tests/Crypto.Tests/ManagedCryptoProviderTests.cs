namespace CardFirmware.Crypto.Tests;

/// <summary>The managed provider answers the same known vectors as the primitives it wraps.</summary>
public class ManagedCryptoProviderTests
{
    private static readonly ICryptoProvider Provider = ManagedCryptoProvider.Instance;

    [Fact]
    public void Hashes_MatchFips180Abc()
    {
        var abc = "abc"u8.ToArray();
        var sha256 = new byte[32];
        var sha512 = new byte[64];
        Provider.Sha256(abc, 0, 3, sha256, 0);
        Provider.Sha512(abc, 0, 3, sha512, 0);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.Encode(sha256));
        Assert.StartsWith("ddaf35a193617aba", Hex.Encode(sha512));
    }

    [Fact]
    public void Hmacs_MatchRfc4231Case2()
    {
        var key = "Jefe"u8.ToArray();
        var data = "what do ya want for nothing?"u8.ToArray();
        var tag256 = new byte[32];
        var tag512 = new byte[64];
        Provider.HmacSha256(key, data, 0, data.Length, tag256, 0);
        Provider.HmacSha512(key, data, 0, data.Length, tag512, 0);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(tag256));
        Assert.StartsWith("164b7a7bfcf819e2", Hex.Encode(tag512));
    }
}
