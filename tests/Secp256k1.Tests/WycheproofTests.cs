using System.Security.Cryptography;
using System.Text.Json;
using CardFirmware.Tests.Shared;
using Xunit.Abstractions;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>
/// Every case of the Wycheproof secp256k1 ECDSA and ECDH files (C2SP/wycheproof testvectors_v1):
/// valid cases must be accepted, invalid ones rejected, and the per-file counts must add up to the
/// file's numberOfTests.
/// </summary>
public class WycheproofTests
{
    private readonly ITestOutputHelper output;

    public WycheproofTests(ITestOutputHelper output) => this.output = output;

    private enum SignatureFormat
    {
        Der,
        DerBitcoin,
        P1363,
    }

    [SkippableFact]
    public void EcdsaSha256Der_AllCasesMatchExpectedResult() => RunEcdsa("ecdsa_secp256k1_sha256_test.json", SignatureFormat.Der);

    [SkippableFact]
    public void EcdsaSha256Bitcoin_RequiresLowS_AllCasesMatchExpectedResult() => RunEcdsa("ecdsa_secp256k1_sha256_bitcoin_test.json", SignatureFormat.DerBitcoin);

    [SkippableFact]
    public void EcdsaSha256P1363_AllCasesMatchExpectedResult() => RunEcdsa("ecdsa_secp256k1_sha256_p1363_test.json", SignatureFormat.P1363);

    [SkippableFact]
    public void EcdsaSha512Der_TruncatedHash_AllCasesMatchExpectedResult() => RunEcdsa("ecdsa_secp256k1_sha512_test.json", SignatureFormat.Der);

    private void RunEcdsa(string file, SignatureFormat format)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/wycheproof/" + file)));
        var root = document.RootElement;
        var ecdsa = Ecdsa.Managed;
        int valid = 0, invalid = 0, total = 0;
        var failures = new List<string>();
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            var publicKey = Hex(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()!);
            var sha = group.GetProperty("sha").GetString();
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                total++;
                var msg = Hex(test.GetProperty("msg").GetString()!);
                var sig = Hex(test.GetProperty("sig").GetString()!);
                var result = test.GetProperty("result").GetString();
                var hash = sha == "SHA-512" ? SHA512.HashData(msg) : SHA256.HashData(msg);
                var accepted = format == SignatureFormat.P1363
                    ? ecdsa.Verify(publicKey, hash, sig, requireLowS: false)
                    : ecdsa.VerifyDer(publicKey, hash, sig, requireLowS: format == SignatureFormat.DerBitcoin);
                if (result == "valid" && accepted)
                {
                    valid++;
                }
                else if (result == "invalid" && !accepted)
                {
                    invalid++;
                }
                else
                {
                    failures.Add($"tcId {test.GetProperty("tcId").GetInt32()} expected {result}, accepted={accepted}");
                }
            }
        }

        output.WriteLine($"{file}: {total} cases, {valid} valid accepted, {invalid} invalid rejected, {failures.Count} mismatches");
        Assert.Empty(failures);
        Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), total);
        Assert.Equal(total, valid + invalid);
    }

    /// <summary>
    /// ECDH: public keys are X.509 SubjectPublicKeyInfo. This test accepts only the named-curve form
    /// (id-ecPublicKey with the secp256k1 OID) in strict DER, with an uncompressed or compressed point.
    /// "acceptable" cases (explicit curve parameters, BER oddities, compressed points) may go either
    /// way; when one is accepted, its shared secret must still equal the expected one.
    /// </summary>
    [SkippableFact]
    public void EcdhSecp256k1_AllCasesMatchExpectedResult()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/wycheproof/ecdh_secp256k1_test.json")));
        var root = document.RootElement;
        var ecdh = new Ecdh(ManagedSecp256k1Backend.Instance);
        int valid = 0, invalid = 0, acceptableAccepted = 0, acceptableRejected = 0, total = 0;
        var failures = new List<string>();
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                total++;
                var result = test.GetProperty("result").GetString();
                var privateKey = To32(FromBytes(Hex(test.GetProperty("private").GetString()!)));
                var expected = Hex(test.GetProperty("shared").GetString()!);
                byte[]? shared = null;
                var point = SubjectPublicKeyInfo.TryGetSecp256k1Point(Hex(test.GetProperty("public").GetString()!));
                if (point is not null)
                {
                    try
                    {
                        shared = ecdh.SharedSecretX(privateKey, point);
                    }
                    catch (CryptoException)
                    {
                        shared = null;
                    }
                }

                var id = test.GetProperty("tcId").GetInt32();
                if (shared is not null && !shared.AsSpan().SequenceEqual(expected))
                {
                    failures.Add($"tcId {id}: wrong shared secret");
                }
                else if (result == "valid")
                {
                    if (shared is not null) valid++; else failures.Add($"tcId {id}: valid case rejected");
                }
                else if (result == "invalid")
                {
                    if (shared is null) invalid++; else failures.Add($"tcId {id}: invalid case accepted");
                }
                else if (shared is null)
                {
                    acceptableRejected++;
                }
                else
                {
                    acceptableAccepted++;
                }
            }
        }

        output.WriteLine($"ecdh_secp256k1_test.json: {total} cases, {valid} valid accepted, {invalid} invalid rejected, " +
                         $"acceptable: {acceptableAccepted} accepted (secret matched), {acceptableRejected} rejected; {failures.Count} mismatches");
        Assert.Empty(failures);
        Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), total);
        Assert.Equal(total, valid + invalid + acceptableAccepted + acceptableRejected);
    }
}
