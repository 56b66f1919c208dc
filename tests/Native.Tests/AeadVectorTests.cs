using System.Text;
using System.Text.Json;
using CardFirmware.Crypto;
using CardFirmware.Tests.Shared;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>Published ChaCha20-Poly1305 answers (RFC 8439, Wycheproof), sealed and opened on both backends.</summary>
public sealed class AeadVectorTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Seal_Rfc8439Section282_MatchesOnBothBackends()
    {
        var native = Backends.RequireNative();
        var key = Convert.FromHexString("808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9F");
        var nonce = Convert.FromHexString("070000004041424344454647");
        var aad = Convert.FromHexString("50515253C0C1C2C3C4C5C6C7");
        var text = Encoding.ASCII.GetBytes("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
        const string Ciphertext =
            "D31A8D34648E60DB7B86AFBC53EF7EC2A4ADED51296E08FEA9E2B5A736EE62D63DBEA45E8CA9671282FAFB69DA92728B1A71DE0A9E060B2905D6A5B67ECD3B36"
            + "92DDBD7F2D778B8C9803AEE328091B58FAB324E4FAD675945585808B4831D7BC3FF4DEF08E4B7A9DE576D26586CEC64B6116";
        const string Tag = "1AE10B594F09E26A7E902ECBD0600691";
        foreach (var backend in new[] { Backends.Managed, native })
        {
            var sealedMessage = new byte[text.Length + 16];
            backend.ChaCha20Poly1305Seal(key, nonce, aad, text, 0, text.Length, sealedMessage, 0);
            Assert.Equal(Ciphertext + Tag, Convert.ToHexString(sealedMessage));

            // In place: the message is opened over its own bytes.
            Assert.True(backend.ChaCha20Poly1305Open(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, sealedMessage, 0));
            Assert.Equal(text, sealedMessage.AsSpan(0, text.Length).ToArray());
        }
    }

    [SkippableFact]
    public void SealAndOpen_WycheproofCases_MatchExpectedOnBothBackends()
    {
        var native = Backends.RequireNative();
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.RequireFile("vectors/wycheproof/chacha20_poly1305_test.json")));
        int valid = 0, invalid = 0, badNonce = 0;
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var id = test.GetProperty("tcId").GetInt32();
                var key = Convert.FromHexString(test.GetProperty("key").GetString()!);
                var nonce = Convert.FromHexString(test.GetProperty("iv").GetString()!);
                var aad = Convert.FromHexString(test.GetProperty("aad").GetString()!);
                var msg = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                var sealedMessage = Convert.FromHexString(test.GetProperty("ct").GetString()! + test.GetProperty("tag").GetString()!);
                var isValid = test.GetProperty("result").GetString() == "valid";
                foreach (var backend in new[] { Backends.Managed, native })
                {
                    var opened = new byte[Math.Max(0, sealedMessage.Length - 16)];
                    if (nonce.Length != 12)
                    {
                        // RFC 8439 fixes the nonce at 96 bits: any other size is a caller error on both backends.
                        var error = Assert.Throws<CryptoException>(() => backend.ChaCha20Poly1305Open(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, opened, 0));
                        Assert.Equal(CryptoError.InvalidLength, error.Error);
                        continue;
                    }

                    Assert.True(isValid == backend.ChaCha20Poly1305Open(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, opened, 0), $"tcId {id}");
                    if (isValid)
                    {
                        Assert.Equal(msg, opened);
                        var resealed = new byte[msg.Length + 16];
                        backend.ChaCha20Poly1305Seal(key, nonce, aad, msg, 0, msg.Length, resealed, 0);
                        Assert.Equal(sealedMessage, resealed);
                    }
                    else
                    {
                        Assert.All(opened, b => Assert.Equal(0, b));
                    }
                }

                if (nonce.Length != 12) badNonce++;
                else if (isValid) valid++;
                else invalid++;
            }
        }

        output.WriteLine($"Wycheproof ChaCha20-Poly1305: {valid} valid, {invalid} invalid, {badNonce} with a nonce other than 96 bits");
        Assert.Equal(325, valid + invalid + badNonce);
        Assert.True(invalid > 0 && badNonce > 0);
    }
}
