using System.Text.Json.Nodes;
using CardFirmware.Host;

namespace CardFirmware.CardCtl.Tests;

/// <summary>`info`, `unpair` and `factory-reset`: what the card reports, and that neither drops a wallet without --force.</summary>
public sealed class LifecycleCommandTests
{
    [Fact]
    public void Info_ReportsTheCardAndThePhoneSide()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);

        var info = cli.Ok("info");

        Assert.Equal("yes", Cli.Field(info, "enrolled"));
        Assert.StartsWith("yes on the card, yes on this phone", Cli.Field(info, "wallet"));
        Assert.Equal("ok", Cli.Field(info, "storage"));
    }

    [Theory]
    [InlineData("unpair")]
    [InlineData("factory-reset")]
    public void DroppingAWallet_NeedsForce(string command)
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);

        var refused = cli.Run(command);

        Assert.Equal(2, refused.Code);
        Assert.Equal(Cli.Wallet, File.ReadAllBytes(cli.StatePath));
    }

    [Fact]
    public void UnpairWithForce_BacksTheWalletUp_AndThePhoneForgetsItsKeys()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);

        cli.Ok("unpair", "--force");

        var backup = Assert.Single(Directory.GetFiles(cli.Folder, "state.backup-*.json"));
        Assert.Equal(Cli.Wallet, File.ReadAllBytes(backup));
        var unpaired = JsonNode.Parse(File.ReadAllText(cli.StatePath))!.AsObject();
        Assert.Null(unpaired["PhoneKey"]);
        Assert.Null(unpaired["Share"]);
        var info = cli.Run("info");
        Assert.Equal(2, info.Code);
        Assert.Contains("cardctl pair", info.Error);
    }

    [Fact]
    public void FactoryResetWithForce_BacksUp_ErasesTheCard_AndThePhonePairsAgain()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        var identity = Cli.Field(cli.Ok("info"), "identity");

        cli.Ok("factory-reset", "--force");

        Assert.Single(Directory.GetFiles(cli.Folder, "state.backup-*.json"));
        cli.Ok("pair", "--qr", PairingQr.Payload(Convert.FromHexString(identity)));
        var info = cli.Ok("info");
        Assert.Equal("no", Cli.Field(info, "enrolled"));
        Assert.StartsWith("no on the card, no on this phone", Cli.Field(info, "wallet"));
    }
}
