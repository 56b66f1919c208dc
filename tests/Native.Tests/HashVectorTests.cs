using System.Text;
using System.Text.Json;
using CardFirmware.Crypto.Tests;
using CardFirmware.Tests.Shared;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>Published SHA-256 and HMAC-SHA256 answers, on both backends.</summary>
public sealed class HashVectorTests(ITestOutputHelper output)
{
    /// <summary>FIPS 180-2 appendix B (SHA-256 examples) and the empty message.</summary>
    public static TheoryData<string, int, string> Fips180 => new()
    {
        { "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        { "a", 1_000_000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
        { "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    };

    [SkippableTheory]
    [MemberData(nameof(Fips180))]
    public void Sha256_Fips180Examples_MatchOnBothBackends(string text, int repeat, string expected)
    {
        var native = Backends.RequireNative();
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(text, repeat)));
        foreach (var backend in new[] { Backends.Managed, native })
        {
            var digest = new byte[32];
            backend.Sha256(data, 0, data.Length, digest, 0);
            Assert.Equal(expected, Convert.ToHexString(digest).ToLowerInvariant());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Rfc4231.Cases), MemberType = typeof(Rfc4231))]
    public void HmacSha256_Rfc4231Cases_MatchOnBothBackends(string name, string keyHex, string dataHex, string sha256Hex, string sha512Hex)
    {
        _ = sha512Hex;
        var native = Backends.RequireNative();
        var key = Convert.FromHexString(keyHex);
        var data = Convert.FromHexString(dataHex);
        foreach (var backend in new[] { Backends.Managed, native })
        {
            var tag = new byte[32];
            backend.HmacSha256(key, data, 0, data.Length, tag, 0);
            Assert.True(Convert.ToHexString(tag).StartsWith(sha256Hex, StringComparison.OrdinalIgnoreCase), name);
        }
    }

    [SkippableFact]
    public void HmacSha256_WycheproofCases_MatchExpectedOnBothBackends()
    {
        var native = Backends.RequireNative();
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/wycheproof/hmac_sha256_test.json")));
        int total = 0, checkedValid = 0, checkedInvalid = 0;
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var tagBytes = group.GetProperty("tagSize").GetInt32() / 8;
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                total++;
                var key = Convert.FromHexString(test.GetProperty("key").GetString()!);
                var msg = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                var expected = Convert.FromHexString(test.GetProperty("tag").GetString()!);
                var valid = test.GetProperty("result").GetString() == "valid";
                foreach (var backend in new[] { Backends.Managed, native })
                {
                    var tag = new byte[32];
                    backend.HmacSha256(key, msg, 0, msg.Length, tag, 0);
                    var matches = expected.Length == tagBytes && tag.AsSpan(0, tagBytes).SequenceEqual(expected);
                    Assert.True(matches == valid, $"tcId {test.GetProperty("tcId").GetInt32()}");
                }

                if (valid) checkedValid++; else checkedInvalid++;
            }
        }

        output.WriteLine($"hmac_sha256_test.json: {total} cases ({checkedValid} valid, {checkedInvalid} invalid) on both backends");
        Assert.Equal(document.RootElement.GetProperty("numberOfTests").GetInt32(), total);
    }
}
