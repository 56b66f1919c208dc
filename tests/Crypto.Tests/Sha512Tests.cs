using System.Text;

namespace CardFirmware.Crypto.Tests;

/// <summary>SHA-512 known answers from FIPS 180-4 examples (NIST "Example Algorithm" documents, SHA512.pdf).</summary>
public class Sha512Tests
{
    [Theory]
    [InlineData("", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    [InlineData("abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
    public void Hash_MatchesFips180Examples(string message, string expected)
    {
        Assert.Equal(expected, Hex.Encode(Sha512.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Hash_OneMillionA_MatchesFips180Example()
    {
        var sha = new Sha512();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
        for (var i = 0; i < 1000; i++)
        {
            sha.Update(chunk, 0, chunk.Length);
        }

        var digest = new byte[64];
        sha.Final(digest, 0);
        Assert.Equal("e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b", Hex.Encode(digest));
    }
}
