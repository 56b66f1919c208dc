using Xunit.Abstractions;

namespace CardFirmware.Crypto.Tests;

/// <summary>
/// Every case of the Wycheproof (C2SP) HMAC, HKDF and ChaCha20-Poly1305 files: valid cases must
/// produce the exact output, invalid cases must be rejected. Counts are printed per file.
/// </summary>
public class WycheproofTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void HmacSha256_AllWycheproofCases() => RunMac("hmac_sha256_test.json", HmacSha256.Compute, 32);

    [SkippableFact]
    public void HmacSha512_AllWycheproofCases() => RunMac("hmac_sha512_test.json", HmacSha512.Compute, 64);

    [SkippableFact]
    public void Hkdf_AllWycheproofCases()
    {
        var cases = WycheproofFile.Load("hkdf_sha256_test.json", out var declared);
        int valid = 0, invalid = 0;
        foreach (var c in cases)
        {
            var size = c.Test.GetProperty("size").GetInt32();
            byte[]? okm = null;
            try
            {
                okm = Hkdf.DeriveKey(c.Bytes("salt"), c.Bytes("ikm"), c.Bytes("info"), size);
            }
            catch (CryptoException ex) when (ex.Error == CryptoError.InvalidLength)
            {
                okm = null;
            }

            if (c.Result == "valid")
            {
                Assert.True(okm is not null, c.ToString());
                Assert.True(Hex.Encode(c.Bytes("okm")) == Hex.Encode(okm!), c.ToString());
                valid++;
            }
            else
            {
                Assert.True(okm is null, c.ToString());
                invalid++;
            }
        }

        Report("hkdf_sha256_test.json", declared, cases.Count, valid, invalid);
    }

    [SkippableFact]
    public void ChaCha20Poly1305_AllWycheproofCases()
    {
        var cases = WycheproofFile.Load("chacha20_poly1305_test.json", out var declared);
        int valid = 0, invalid = 0;
        foreach (var c in cases)
        {
            var key = c.Bytes("key");
            var nonce = c.Bytes("iv");
            var aad = c.Bytes("aad");
            var msg = c.Bytes("msg");
            var ct = c.Bytes("ct");
            var tag = c.Bytes("tag");
            var sealedInput = ct.Concat(tag).ToArray();

            var decrypted = new byte[ct.Length];
            bool opened;
            try
            {
                opened = ChaCha20Poly1305.Decrypt(key, nonce, aad, sealedInput, 0, sealedInput.Length, decrypted, 0);
            }
            catch (CryptoException ex) when (ex.Error == CryptoError.InvalidLength)
            {
                opened = false;
            }

            if (c.Result == "valid")
            {
                Assert.True(opened, c.ToString());
                Assert.True(Hex.Encode(msg) == Hex.Encode(decrypted), c.ToString());
                var encrypted = new byte[msg.Length + 16];
                ChaCha20Poly1305.Encrypt(key, nonce, aad, msg, 0, msg.Length, encrypted, 0);
                Assert.True(Hex.Encode(sealedInput) == Hex.Encode(encrypted), c.ToString());
                valid++;
            }
            else
            {
                Assert.False(opened, c.ToString());
                Assert.True(decrypted.All(b => b == 0), c.ToString() + ": output not zeroed after rejection");
                invalid++;
            }
        }

        Report("chacha20_poly1305_test.json", declared, cases.Count, valid, invalid);
    }

    private void RunMac(string file, Func<byte[], byte[], byte[]> compute, int fullTagSize)
    {
        var cases = WycheproofFile.Load(file, out var declared);
        int valid = 0, invalid = 0;
        foreach (var c in cases)
        {
            // tagSize (bits) below the full size means the tag is the leftmost tagSize/8 bytes.
            var tagBytes = c.GroupInt("tagSize") / 8;
            Assert.InRange(tagBytes, 1, fullTagSize);
            var full = compute(c.Bytes("key"), c.Bytes("msg"));
            var expected = c.Bytes("tag");
            var matches = expected.Length == tagBytes && ConstantTime.AreEqual(full, 0, expected, 0, tagBytes);
            if (c.Result == "valid")
            {
                Assert.True(matches, c.ToString());
                valid++;
            }
            else
            {
                Assert.False(matches, c.ToString());
                invalid++;
            }
        }

        Report(file, declared, cases.Count, valid, invalid);
    }

    private void Report(string file, int declared, int seen, int valid, int invalid)
    {
        output.WriteLine($"{file}: {seen} cases run ({valid} valid accepted, {invalid} invalid rejected); file declares {declared}");
        Assert.Equal(declared, seen);
        Assert.Equal(seen, valid + invalid);
    }
}
