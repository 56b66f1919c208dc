using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CardFirmware.Tests.Shared;
using Xunit.Abstractions;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>The BIP-340, BIP-32 and ECDSA/RFC 6979 vector files under shared/vectors, in full.</summary>
public class SharedVectorTests
{
    private static readonly ManagedSecp256k1Backend Backend = ManagedSecp256k1Backend.Instance;
    private readonly ITestOutputHelper output;

    public SharedVectorTests(ITestOutputHelper output) => this.output = output;

    [SkippableFact]
    public void Bip340_AllRows_SignAndVerifyAsPublished()
    {
        var lines = File.ReadAllLines(SharedData.RequireFile("vectors/bip340/test-vectors.csv"));
        var schnorr = new Schnorr(Backend);
        int rows = 0, signed = 0;
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var c = line.Split(',');
            var publicKey = Hex(c[2]);
            var message = Hex(c[4]);
            var signature = Hex(c[5]);
            var expected = c[6] == "TRUE";
            if (c[1].Length > 0)
            {
                Assert.Equal(publicKey, schnorr.PublicKey(Hex(c[1])));
                Assert.Equal(signature, schnorr.Sign(Hex(c[1]), message, Hex(c[3])));
                signed++;
            }

            Assert.True(expected == schnorr.Verify(publicKey, message, signature), $"row {c[0]}: {c[7]}");
            rows++;
        }

        output.WriteLine($"bip340/test-vectors.csv: {rows} rows verified, {signed} signed");
        Assert.Equal(19, rows);
    }

    [SkippableFact]
    public void Bip32_AllChainsAndInvalidKeys_AsPublished()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/bip32/test-vectors.json")));
        int chains = 0, invalid = 0;
        foreach (var vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var steps = vector.GetProperty("chains").EnumerateArray().Select(c => (
                c.GetProperty("path_indices").EnumerateArray().Select(i => i.GetUInt32()).ToArray(),
                c.GetProperty("ext_prv").GetString()!,
                c.GetProperty("ext_pub").GetString()!)).ToArray();
            Bip32Checks.RunChain(Hex(vector.GetProperty("seed").GetString()!), steps);
            chains += steps.Length;
        }

        foreach (var bad in document.RootElement.GetProperty("invalid_extended_keys").EnumerateArray())
        {
            var text = Encoding.ASCII.GetBytes(bad.GetProperty("key").GetString()!);
            var e = Assert.Throws<CryptoException>(() => ExtendedKey.Parse(Backend, text));
            Assert.True(e.Error is CryptoError.InvalidEncoding or CryptoError.InvalidKey, bad.GetProperty("reason").GetString());
            invalid++;
        }

        output.WriteLine($"bip32/test-vectors.json: {chains} chain steps, {invalid} invalid keys rejected");
        Assert.Equal(17, chains);
        Assert.Equal(16, invalid);
    }

    [SkippableFact]
    public void NobleRfc6979_AllNonceCandidatesMatch()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/ecdsa/noble-secp256k1-rfc6979-nonces.json")));
        var count = 0;
        foreach (var v in document.RootElement.EnumerateArray())
        {
            var h1 = SHA256.HashData(Encoding.UTF8.GetBytes(v.GetProperty("message").GetString()!));
            var reduced = new byte[32];
            Backend.ScalarReduce(h1, reduced);
            using var generator = new Rfc6979(Hex(v.GetProperty("d").GetString()!), reduced, null);
            var k = new byte[32];
            for (var i = 0; i < 16; i++)
            {
                generator.Next(k);
                if (i is 0 or 1 or 15)
                {
                    Assert.Equal(v.GetProperty("k" + i).GetString(), ToHex(k));
                }
            }

            count++;
        }

        output.WriteLine($"noble-secp256k1-rfc6979-nonces.json: {count} cases");
        Assert.Equal(10, count);
    }

    [Trait("Category", "Slow")]
    [SkippableFact]
    public void TinySecp256k1Ecdsa_AllCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/ecdsa/tiny-secp256k1-ecdsa.json")));
        var root = document.RootElement;
        var ecdsa = Ecdsa.Managed;
        int valid = 0, badSign = 0, badVerify = 0, entropy = 0;
        foreach (var v in root.GetProperty("valid").EnumerateArray())
        {
            var d = Hex(v.GetProperty("d").GetString()!);
            var m = Hex(v.GetProperty("m").GetString()!);
            var sig = ecdsa.SignWithRecovery(d, m, null, out var recoveryId);
            Assert.Equal(v.GetProperty("signature").GetString(), ToHex(sig));
            Assert.Equal(v.GetProperty("recoveryId").GetInt32(), recoveryId);
            Assert.True(ecdsa.Verify(ecdsa.PublicKey(d), m, sig, requireLowS: true));
            valid++;
        }

        var invalid = root.GetProperty("invalid");
        foreach (var v in invalid.GetProperty("sign").EnumerateArray())
        {
            var e = Assert.Throws<CryptoException>(() => ecdsa.Sign(Hex(v.GetProperty("d").GetString()!), Hex(v.GetProperty("m").GetString()!), null));
            Assert.Equal(CryptoError.InvalidKey, e.Error);
            badSign++;
        }

        foreach (var v in invalid.GetProperty("verify").EnumerateArray())
        {
            var q = Hex(v.GetProperty("Q").GetString()!);
            var m = Hex(v.GetProperty("m").GetString()!);
            var sig = Hex(v.GetProperty("signature").GetString()!);
            if (v.TryGetProperty("exception", out var exception) && exception.GetString() == "Expected Point")
            {
                Assert.Throws<CryptoException>(() => ecdsa.Verify(q, m, sig, requireLowS: true));
            }
            else
            {
                Assert.False(ecdsa.Verify(q, m, sig, requireLowS: true), v.GetProperty("description").GetString());
            }

            badVerify++;
        }

        // Extra entropy (RFC 6979 section 3.6 "additional data", as libsecp256k1 passes it): 0, 1, n, 2^256 - 1.
        var extras = new (string Name, byte[] Value)[]
        {
            ("extraEntropy0", new byte[32]),
            ("extraEntropy1", To32(1)),
            ("extraEntropyN", To32(N)),
            ("extraEntropyMax", Enumerable.Repeat((byte)0xFF, 32).ToArray()),
        };
        foreach (var v in root.GetProperty("extraEntropy").EnumerateArray())
        {
            var d = Hex(v.GetProperty("d").GetString()!);
            var m = Hex(v.GetProperty("m").GetString()!);
            Assert.Equal(v.GetProperty("signature").GetString(), ToHex(ecdsa.Sign(d, m, null)));
            foreach (var (name, value) in extras)
            {
                Assert.Equal(v.GetProperty(name).GetString(), ToHex(ecdsa.Sign(d, m, value)));
            }

            entropy++;
        }

        output.WriteLine($"tiny-secp256k1-ecdsa.json: {valid} valid signed+verified, {badSign} bad keys, {badVerify} bad verify inputs, {entropy} extra-entropy cases (x5; the random-entropy variant has no published input)");
        Assert.Equal(2020, valid);
        Assert.Equal(4, badSign);
        Assert.Equal(25, badVerify);
        Assert.Equal(5, entropy);
    }
}
