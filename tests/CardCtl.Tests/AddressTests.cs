using CardFirmware.CardCtl;

namespace CardFirmware.CardCtl.Tests;

public sealed class AddressTests
{
    // The secp256k1 generator G: the public key of private key 1.
    private static readonly byte[] G = Convert.FromHexString("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");

    [Fact]
    public void Bech32P2wpkhMatchesBip173Vector() =>
        Assert.Equal("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Addresses.BitcoinP2wpkh(G));

    [Fact]
    public void Hash160OfGeneratorMatchesBip173Program() =>
        Assert.Equal("751e76e8199196d454941c45d1b3a323f1433bd6", Convert.ToHexString(Addresses.Hash160(G)).ToLowerInvariant());

    [Fact]
    public void EthereumAddressOfPrivateKeyOneIsChecksummed() =>
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", Addresses.Ethereum(G));

    [Fact]
    public void EthereumAddressAcceptsUncompressedKey()
    {
        var uncompressed = Convert.FromHexString("0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8");
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", Addresses.Ethereum(uncompressed));
    }

    [Fact]
    public void Keccak256OfEmptyInput() =>
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexString(Addresses.Keccak256([])).ToLowerInvariant());

    [Theory]
    [InlineData("m", new uint[0])]
    [InlineData("m/0/5", new uint[] { 0, 5 })]
    [InlineData("m/2147483647", new uint[] { 2147483647 })]
    public void PathsParse(string text, uint[] expected) => Assert.Equal(expected, Program.ParsePath(text));

    [Theory]
    [InlineData("0/5")]
    [InlineData("m/0'")]
    [InlineData("m/2147483648")]
    [InlineData("m/-1")]
    public void HardenedOrMalformedPathsAreRefused(string text) =>
        Assert.Throws<CardCtlException>(() => Program.ParsePath(text));
}
