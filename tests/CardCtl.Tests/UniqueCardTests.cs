using System.Text.Json.Nodes;

namespace CardFirmware.CardCtl.Tests;

/// <summary>Every provisioned card is its own (fresh eFuse key and RNG), unless a seed is asked for.</summary>
public sealed class UniqueCardTests
{
    [Fact]
    public void Provision_WithoutASeed_GivesEveryCardItsOwnEfuseKeyAndIdentity()
    {
        using var first = new Cli();
        using var second = new Cli();

        var firstQr = Cli.Field(first.Ok("provision"), "qr:");
        var secondQr = Cli.Field(second.Ok("provision"), "qr:");

        Assert.NotEqual(firstQr, secondQr);
        Assert.NotEqual(Field(first, "Efuse"), Field(second, "Efuse"));
    }

    [Fact]
    public void Provision_WithTheSameSeed_MakesTheSameCard_AndAnotherSeedAnother()
    {
        using var first = new Cli();
        using var second = new Cli();
        using var other = new Cli();

        var firstQr = Cli.Field(first.Ok("provision", "--seed", "42"), "qr:");
        var secondQr = Cli.Field(second.Ok("provision", "--seed", "42"), "qr:");
        var otherQr = Cli.Field(other.Ok("provision", "--seed", "43"), "qr:");

        Assert.Equal(firstQr, secondQr);
        Assert.Equal(Field(first, "Efuse"), Field(second, "Efuse"));
        Assert.Equal(Field(first, "Flash"), Field(second, "Flash"));
        Assert.NotEqual(firstQr, otherQr);
    }

    private static string Field(Cli cli, string name) =>
        JsonNode.Parse(File.ReadAllText(cli.StatePath))![name]!.GetValue<string>();
}
