using System.Security.Cryptography;
using Xunit.Abstractions;

namespace CardFirmware.Crypto.Tests;

/// <summary>Managed AES against FIPS 197 appendix C and against System.Security.Cryptography.Aes (ECB).</summary>
public class AesEncryptorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData("000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "8ea2b7ca516745bfeafc49904b496089")]
    public void EncryptBlocks_MatchesFips197AppendixC(string keyHex, string ciphertextHex)
    {
        using var aes = new AesEncryptor(Hex.Decode(keyHex));
        var block = Hex.Decode("00112233445566778899aabbccddeeff");
        aes.EncryptBlocks(block, 0, 16, block, 0);
        Assert.Equal(ciphertextHex, Hex.Encode(block));
    }

    [Fact]
    public void EncryptBlocks_MatchesFips197AppendixBExample()
    {
        // FIPS 197 appendix B: key 2b7e1516..., input 3243f6a8... encrypts to 3925841d....
        using var aes = new AesEncryptor(Hex.Decode("2b7e151628aed2a6abf7158809cf4f3c"));
        var block = Hex.Decode("3243f6a8885a308d313198a2e0370734");
        aes.EncryptBlocks(block, 0, 16, block, 0);
        Assert.Equal("3925841d02dc09fbdc118597196a0b32", Hex.Encode(block));
    }

    [Fact]
    public void EncryptBlocks_MatchesDotNetEcb_OnRandomKeysAndBlocks()
    {
        var random = new Random(20261124);
        const int cases = 300;
        for (var i = 0; i < cases; i++)
        {
            var key = new byte[new[] { 16, 24, 32 }[i % 3]];
            random.NextBytes(key);
            var data = new byte[16 * (1 + random.Next(4))];
            random.NextBytes(data);
            using var reference = Aes.Create();
            reference.Key = key;
            var expected = reference.EncryptEcb(data, PaddingMode.None);

            using var aes = ManagedCryptoProvider.Instance.CreateAesEncryptor(key);
            var actual = new byte[data.Length + 3];
            aes.EncryptBlocks(data, 0, data.Length, actual, 3);
            Assert.True(expected.SequenceEqual(actual.Skip(3)), $"seed 20261124 case {i} key {key.Length}");
        }

        output.WriteLine($"AES-ECB: {cases} cases");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(33)]
    public void Constructor_RejectsBadKeyLength(int length)
    {
        var ex = Assert.Throws<CryptoException>(() => new AesEncryptor(new byte[length]));
        Assert.Equal(CryptoError.InvalidKey, ex.Error);
    }

    [Fact]
    public void EncryptBlocks_RejectsPartialBlockAndUseAfterDispose()
    {
        var aes = new AesEncryptor(new byte[16]);
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => aes.EncryptBlocks(new byte[20], 0, 20, new byte[20], 0)).Error);
        aes.Dispose();
        Assert.Equal(CryptoError.Disposed, Assert.Throws<CryptoException>(() => aes.EncryptBlocks(new byte[16], 0, 16, new byte[16], 0)).Error);
    }
}
