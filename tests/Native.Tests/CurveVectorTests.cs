using System.Security.Cryptography;
using System.Text.Json;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Secp256k1.Tests;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Tests.Shared;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The shared curve vector files, run through the project's protocol classes (Ecdh, Ecdsa,
/// Schnorr) on each backend: both must give the expected answers and the same bytes.
/// </summary>
public sealed class CurveVectorTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Ecdh_WycheproofCases_AgreeAndMatchExpectedSecrets()
    {
        var native = Backends.RequireNative();
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/wycheproof/ecdh_secp256k1_test.json")));
        int total = 0, accepted = 0;
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                total++;
                var id = test.GetProperty("tcId").GetInt32();
                var point = SubjectPublicKeyInfo.TryGetSecp256k1Point(Convert.FromHexString(test.GetProperty("public").GetString()!));
                var privateKey = To32(Convert.FromHexString(test.GetProperty("private").GetString()!));
                var expected = Convert.FromHexString(test.GetProperty("shared").GetString()!);
                var outcomes = new[] { Backends.Managed, native }
                    .Select(b => point is null || privateKey is null ? new Outcome(null, CryptoError.InvalidEncoding)
                        : Outcome.Of(() => new Ecdh(b).SharedSecretX(privateKey, point)))
                    .ToArray();
                Assert.True((outcomes[0].Bytes is null) == (outcomes[1].Bytes is null), $"tcId {id}: {outcomes[0]} vs {outcomes[1]}");
                if (outcomes[0].Bytes is not null)
                {
                    Assert.Equal(expected, outcomes[0].Bytes);
                    Assert.Equal(expected, outcomes[1].Bytes);
                    accepted++;
                }
                else
                {
                    Assert.NotEqual("valid", test.GetProperty("result").GetString());
                }
            }
        }

        output.WriteLine($"ecdh_secp256k1_test.json: {total} cases, {accepted} accepted by both with the expected secret");
        Assert.Equal(document.RootElement.GetProperty("numberOfTests").GetInt32(), total);
    }

    [SkippableFact]
    public void EcdsaVerify_WycheproofDerCases_AgreeOnEveryCase()
    {
        var native = Backends.RequireNative();
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/wycheproof/ecdsa_secp256k1_sha256_test.json")));
        int total = 0, validAccepted = 0;
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var key = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()!);
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                total++;
                var hash = SHA256.HashData(Convert.FromHexString(test.GetProperty("msg").GetString()!));
                var sig = Convert.FromHexString(test.GetProperty("sig").GetString()!);
                var results = new[] { Backends.Managed, native }
                    .Select(b => Outcome.Of(() => [new Ecdsa(b).VerifyDer(key, hash, sig, false) ? (byte)1 : (byte)0]).ToString())
                    .ToArray();
                Assert.True(results[0] == results[1], $"tcId {test.GetProperty("tcId").GetInt32()}: {results[0]} vs {results[1]}");
                if (test.GetProperty("result").GetString() == "valid")
                {
                    Assert.Equal("01", results[1]);
                    validAccepted++;
                }
            }
        }

        output.WriteLine($"ecdsa_secp256k1_sha256_test.json: {total} cases agree, {validAccepted} valid accepted by both");
        Assert.Equal(document.RootElement.GetProperty("numberOfTests").GetInt32(), total);
    }

    [SkippableFact]
    public void Schnorr_Bip340Vectors_SignAndVerifyAsPublishedOnBothBackends()
    {
        var native = Backends.RequireNative();
        var lines = File.ReadAllLines(SharedData.RequireFile("vectors/bip340/test-vectors.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var signed = 0;
        foreach (var line in lines)
        {
            var f = line.Split(',');
            var publicKey = Convert.FromHexString(f[2]);
            var message = Convert.FromHexString(f[4]);
            var signature = Convert.FromHexString(f[5]);
            var expected = f[6] == "TRUE";
            foreach (var backend in new[] { Backends.Managed, native })
            {
                var schnorr = new Schnorr(backend);
                if (f[1].Length > 0)
                {
                    Assert.Equal(signature, schnorr.Sign(Convert.FromHexString(f[1]), message, Convert.FromHexString(f[3])));
                }

                var verified = Outcome.Of(() => [schnorr.Verify(publicKey, message, signature) ? (byte)1 : (byte)0]);
                Assert.True((verified.Bytes?[0] == 1) == expected, $"vector {f[0]}");
            }

            if (f[1].Length > 0)
            {
                signed++;
            }
        }

        output.WriteLine($"bip340 test-vectors.csv: {lines.Length} vectors verified, {signed} signed, on both backends");
        Assert.True(lines.Length >= 15);
    }

    private static byte[]? To32(byte[] bigEndian)
    {
        var trimmed = bigEndian.SkipWhile(b => b == 0).ToArray();
        if (trimmed.Length > 32)
        {
            return null;
        }

        var r = new byte[32];
        trimmed.CopyTo(r, 32 - trimmed.Length);
        return r;
    }
}
