using System.Text;

namespace CardFirmware.Crypto.Tests;

/// <summary>Known answers from RFC 8439 sections 2.3.2, 2.4.2, 2.5.2, 2.6.2 and 2.8.2.</summary>
public class Rfc8439Tests
{
    private const string Sunscreen =
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";

    private static byte[] Sequence(int from, int count) => Enumerable.Range(from, count).Select(b => (byte)b).ToArray();

    [Fact]
    public void ChaCha20Block_MatchesSection2_3_2()
    {
        var block = new byte[64];
        ChaCha20.Block(Sequence(0, 32), 1, Hex.Decode("000000090000004a00000000"), block, 0);
        Assert.Equal(
            "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e" +
            "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
            Hex.Encode(block));
    }

    [Fact]
    public void ChaCha20Xor_MatchesSection2_4_2()
    {
        var plaintext = Encoding.ASCII.GetBytes(Sunscreen);
        var ciphertext = new byte[plaintext.Length];
        ChaCha20.Xor(Sequence(0, 32), Hex.Decode("000000000000004a00000000"), 1, plaintext, 0, plaintext.Length, ciphertext, 0);
        Assert.Equal(
            "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b" +
            "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8" +
            "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736" +
            "5af90bbf74a35be6b40b8eedf2785e42874d",
            Hex.Encode(ciphertext));
    }

    [Fact]
    public void Poly1305_MatchesSection2_5_2()
    {
        var key = Hex.Decode("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        var message = Encoding.ASCII.GetBytes("Cryptographic Forum Research Group");
        var tag = new byte[16];
        Poly1305.Compute(key, message, 0, message.Length, tag, 0);
        Assert.Equal("a8061dc1305136c6c22b8baf0c0127a9", Hex.Encode(tag));
    }

    [Fact]
    public void Poly1305KeyGeneration_MatchesSection2_6_2()
    {
        var block = new byte[64];
        ChaCha20.Block(Sequence(0x80, 32), 0, Hex.Decode("000000000001020304050607"), block, 0);
        Assert.Equal("8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646", Hex.Encode(block, 0, 32));
    }

    [Fact]
    public void Aead_MatchesSection2_8_2_AndDecryptsBack()
    {
        var key = Sequence(0x80, 32);
        var nonce = Hex.Decode("070000004041424344454647");
        var aad = Hex.Decode("50515253c0c1c2c3c4c5c6c7");
        var plaintext = Encoding.ASCII.GetBytes(Sunscreen);
        var sealedMessage = new byte[plaintext.Length + 16];
        ChaCha20Poly1305.Encrypt(key, nonce, aad, plaintext, 0, plaintext.Length, sealedMessage, 0);
        Assert.Equal(
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6" +
            "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36" +
            "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc" +
            "3ff4def08e4b7a9de576d26586cec64b6116" +
            "1ae10b594f09e26a7e902ecbd0600691",
            Hex.Encode(sealedMessage));

        var opened = new byte[plaintext.Length];
        Assert.True(ChaCha20Poly1305.Decrypt(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, opened, 0));
        Assert.Equal(plaintext, opened);
    }

    [Fact]
    public void Aead_InPlaceEncryptAndDecrypt_RoundTrips()
    {
        var key = Sequence(0x80, 32);
        var nonce = Hex.Decode("070000004041424344454647");
        var plaintext = Encoding.ASCII.GetBytes(Sunscreen);
        var buffer = new byte[plaintext.Length + 16];
        Array.Copy(plaintext, buffer, plaintext.Length);
        ChaCha20Poly1305.Encrypt(key, nonce, null!, buffer, 0, plaintext.Length, buffer, 0);
        Assert.True(ChaCha20Poly1305.Decrypt(key, nonce, null!, buffer, 0, buffer.Length, buffer, 0));
        Assert.Equal(plaintext, buffer.Take(plaintext.Length).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(114)]
    [InlineData(129)]
    public void Decrypt_RejectsAnyFlippedBit_AndZeroesOutput(int position)
    {
        var key = Sequence(0x80, 32);
        var nonce = Hex.Decode("070000004041424344454647");
        var aad = Hex.Decode("50515253c0c1c2c3c4c5c6c7");
        var plaintext = Encoding.ASCII.GetBytes(Sunscreen);
        var sealedMessage = new byte[plaintext.Length + 16];
        ChaCha20Poly1305.Encrypt(key, nonce, aad, plaintext, 0, plaintext.Length, sealedMessage, 0);
        sealedMessage[position] ^= 0x01;
        var opened = Enumerable.Repeat((byte)0xEE, plaintext.Length).ToArray();
        Assert.False(ChaCha20Poly1305.Decrypt(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, opened, 0));
        Assert.All(opened, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Decrypt_RejectsTamperedAad()
    {
        var key = Sequence(0x80, 32);
        var nonce = Hex.Decode("070000004041424344454647");
        var aad = Hex.Decode("50515253c0c1c2c3c4c5c6c7");
        var sealedMessage = new byte[16 + 3];
        ChaCha20Poly1305.Encrypt(key, nonce, aad, new byte[3], 0, 3, sealedMessage, 0);
        aad[11] ^= 0x80;
        Assert.False(ChaCha20Poly1305.Decrypt(key, nonce, aad, sealedMessage, 0, sealedMessage.Length, new byte[3], 0));
    }
}
