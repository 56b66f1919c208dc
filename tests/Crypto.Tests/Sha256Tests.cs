using System.Text;

namespace CardFirmware.Crypto.Tests;

/// <summary>SHA-256 known answers from FIPS 180-4 examples (NIST "Example Algorithm" documents, SHA256.pdf).</summary>
public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Hash_MatchesFips180Examples(string message, string expected)
    {
        Assert.Equal(expected, Hex.Encode(Sha256.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Hash_OneMillionA_MatchesFips180Example()
    {
        var sha = new Sha256();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
        for (var i = 0; i < 1000; i++)
        {
            sha.Update(chunk, 0, chunk.Length);
        }

        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.Encode(digest));
    }

    [Fact]
    public void Final_ResetsForNextMessage()
    {
        var sha = new Sha256();
        var abc = Encoding.ASCII.GetBytes("abc");
        var first = new byte[32];
        var second = new byte[32];
        sha.Update(abc, 0, 3);
        sha.Final(first, 0);
        sha.Update(abc, 0, 3);
        sha.Final(second, 0);
        Assert.Equal(first, second);
    }
}
