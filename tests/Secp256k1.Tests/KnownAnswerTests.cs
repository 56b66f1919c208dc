using System.Text;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>
/// Self-contained known answers transcribed from public sources, so that a clone without shared/
/// still tests every function. Each value cites where it comes from.
/// </summary>
public class KnownAnswerTests
{
    private static readonly ManagedSecp256k1Backend Backend = ManagedSecp256k1Backend.Instance;

    // Small multiples of G: SEC 2 v2 section 2.4.1 gives G; 2G, 3G and (n-1)G = -G are the widely
    // published values (e.g. BIP-340 test vector 0 uses 3G's x as its public key).
    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001",
        "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000002",
        "04C6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE51AE168FEA63DC339A3C58419466CEAEEF7F632653266D0E1236431A950CFE52A")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000003",
        "04F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9388F7B0F632DE8140FE337E62A37F3566500A99934C2231B6CB9FD7584B8E672")]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140",
        "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798B7C52588D95C3B9AA25B0403F1EEF75702E84BB7597AABE663B82F6F04EF2777")]
    public void BaseMul_PointMul_AndMultiMul_GiveKnownMultiplesOfG(string scalarHex, string expectedHex)
    {
        var k = Hex(scalarHex);
        var expected = Hex(expectedHex);
        var compressed = new byte[33];
        Backend.BaseMul(k, compressed);
        var uncompressed = new byte[65];
        Backend.ReencodePoint(compressed, false, uncompressed);
        Assert.Equal(expected, uncompressed);

        var g = Hex("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
        var viaVariable = new byte[33];
        Backend.PointMul(k, g, viaVariable);
        Assert.Equal(compressed, viaVariable);

        var viaMulti = new byte[33];
        Assert.True(Backend.MultiMulVartime(k, new byte[32], g, viaMulti));
        Assert.Equal(compressed, viaMulti);
    }

    [Fact]
    public void PointAdd_GPlusG_Is2G_AndGPlusMinusG_IsRejectedAsInfinity()
    {
        var g = Hex("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
        var minusG = Hex("0379BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
        var r = new byte[33];
        Backend.PointAdd(g, g, r);
        Assert.Equal(Hex("02C6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE5"), r);
        var e = Assert.Throws<CryptoException>(() => Backend.PointAdd(g, minusG, r));
        Assert.Equal(CryptoError.InvalidPoint, e.Error);
    }

    // bitcoinjs/tiny-secp256k1 tests/fixtures/ecdsa.json, first "valid" case (RFC 6979 with
    // HMAC-SHA256, low-S), also used by Trezor and python-ecdsa: d = 1, m = SHA-256 of the quote.
    [Fact]
    public void EcdsaSign_Rfc6979_MatchesPublishedSignature_AndVerifies()
    {
        var d = Hex("0000000000000000000000000000000000000000000000000000000000000001");
        var m = Hex("06ef2b193b83b3d701f765f1db34672ab84897e1252343cc2197829af3a30456");
        Assert.Equal(m, System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(
            "Everything should be made as simple as possible, but not simpler.")));
        var ecdsa = Ecdsa.Managed;
        var signature = ecdsa.SignWithRecovery(d, m, null, out var recoveryId);
        Assert.Equal("33a69cd2065432a30f3d1ce4eb0d59b8ab58c74f27c41a7fdb5696ad4e6108c96f807982866f785d3f6418d24163ddae117b7db4d5fdf0071de069fa54342262", ToHex(signature));
        Assert.Equal(0, recoveryId);
        Assert.True(ecdsa.Verify(ecdsa.PublicKey(d), m, signature, requireLowS: true));
        Assert.True(ecdsa.VerifyDer(ecdsa.PublicKey(d), m, DerSignature.Serialize(signature), requireLowS: true));
        m[0] ^= 1;
        Assert.False(ecdsa.Verify(ecdsa.PublicKey(d), m, signature, requireLowS: true));
    }

    // paulmillr/noble-secp256k1 test/vectors/rfc6979.json, first case: the first, second and
    // sixteenth RFC 6979 candidates for message "test data" (h1 = SHA-256 of it).
    [Fact]
    public void Rfc6979_Candidates_MatchPublishedNonces()
    {
        var d = Hex("fee0a1f7afebf9d2a5a80c0c98a31c709681cce195cbcd06342b517970c0be1e");
        var h1 = System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes("test data"));
        using var generator = new Rfc6979(d, h1, null);
        var k = new byte[32];
        var seen = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            generator.Next(k);
            seen.Add(ToHex(k));
        }

        Assert.Equal("fcce1de7a9bcd6b2d3defade6afa1913fb9229e3b7ddf4749b55c4848b2a196e", seen[0]);
        Assert.Equal("727fbcb59eb48b1d7d46f95a04991fc512eb9dbf9105628e3aec87428df28fd8", seen[1]);
        Assert.Equal("398f0e2c9f79728f7b3d84d447ac3a86d8b2083c8f234a0ffa9c4043d68bd258", seen[15]);
    }

    // bitcoin/bips bip-0340/test-vectors.csv rows 0, 1 (signing) and 5 (public key not on the curve).
    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000003",
        "F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0")]
    [InlineData("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF",
        "DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89",
        "6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE33418906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A")]
    public void Bip340_SignAndVerify_MatchPublishedRows(string secretHex, string publicHex, string auxHex, string messageHex, string signatureHex)
    {
        var schnorr = new Schnorr(Backend);
        var secret = Hex(secretHex);
        Assert.Equal(Hex(publicHex), schnorr.PublicKey(secret));
        var signature = schnorr.Sign(secret, Hex(messageHex), Hex(auxHex));
        Assert.Equal(Hex(signatureHex), signature);
        Assert.True(schnorr.Verify(Hex(publicHex), Hex(messageHex), signature));
        signature[63] ^= 1;
        Assert.False(schnorr.Verify(Hex(publicHex), Hex(messageHex), signature));
    }

    [Fact]
    public void Bip340_Verify_RejectsPublicKeyNotOnCurve_Row5()
    {
        var schnorr = new Schnorr(Backend);
        Assert.False(schnorr.Verify(
            Hex("EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34"),
            Hex("243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89"),
            Hex("6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B")));
    }

    public sealed record Bip32Step(string Path, uint[] Indices, string Xprv, string Xpub);

    // bitcoin/bips bip-0032.mediawiki, "Test vector 1" (seed 000102030405060708090a0b0c0d0e0f).
    public static readonly Bip32Step[] TestVector1 =
    {
        new("m", new uint[] { },
            "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
            "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"),
        new("m/0H", new uint[] { 0x80000000 },
            "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7",
            "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw"),
        new("m/0H/1", new uint[] { 0x80000000, 0x00000001 },
            "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs",
            "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ"),
        new("m/0H/1/2H", new uint[] { 0x80000000, 0x00000001, 0x80000002 },
            "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM",
            "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5"),
        new("m/0H/1/2H/2", new uint[] { 0x80000000, 0x00000001, 0x80000002, 0x00000002 },
            "xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334",
            "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV"),
        new("m/0H/1/2H/2/1000000000", new uint[] { 0x80000000, 0x00000001, 0x80000002, 0x00000002, 0x3B9ACA00 },
            "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76",
            "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy"),
    };

    [Fact]
    public void Bip32_TestVector1_ChainMatchesPublishedKeys()
    {
        Bip32Checks.RunChain(Hex("000102030405060708090a0b0c0d0e0f"),
            TestVector1.Select(s => (s.Indices, s.Xprv, s.Xpub)).ToArray());
    }

    [Fact]
    public void Ripemd160_MatchesPublishedDigests()
    {
        // The RIPEMD-160 page (Bosselaers): "" and "abc".
        var output = new byte[20];
        Ripemd160.Hash(Array.Empty<byte>(), 0, 0, output, 0);
        Assert.Equal("9c1185a5c5e9fc54612808977ee8f548b2258d31", ToHex(output));
        var abc = Encoding.ASCII.GetBytes("abc");
        Ripemd160.Hash(abc, 0, 3, output, 0);
        Assert.Equal("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", ToHex(output));
    }
}
