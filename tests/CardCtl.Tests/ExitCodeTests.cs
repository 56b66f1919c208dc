namespace CardFirmware.CardCtl.Tests;

/// <summary>Exit codes by kind of failure, refusals in words, and the same path limits for `address` and `sign`.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void AnUnknownOption_IsAUsageError()
    {
        using var cli = new Cli();

        var result = cli.Run("provision", "--no-such-option");

        Assert.Equal(2, result.Code);
        Assert.Contains("--help", result.Error);
    }

    [Fact]
    public void HelpDocumentsTheExitCodes()
    {
        using var cli = new Cli();

        var help = cli.Run("--help");

        Assert.Equal(0, help.Code);
        Assert.Contains("3 the card refused", help.Output);
        Assert.Contains("70 internal error", help.Output);
    }

    [Fact]
    public void ACardRefusal_ExitsThree_InWordsWithTheNextStep()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Paired);

        var result = cli.Run("create-wallet");

        Assert.Equal(3, result.Code);
        Assert.Contains("No finger is enrolled", result.Error);
        Assert.Contains("cardctl enroll", result.Error);
        Assert.DoesNotContain("NotEnrolled", result.Error);
    }

    [Theory]
    [InlineData("m/1/2/3/4/5/6/7/8/9", "at most 8")]
    [InlineData("m/44'/0", "hardened")]
    [InlineData("m/2147483648", "hardened")]
    public void AddressAndSign_RefuseTheSamePaths_SayingWhy(string path, string reason)
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);

        var address = cli.Run("address", "--path", path);
        var sign = cli.Run("sign", "--chain", "btc", "--digest", new string('2', 64), "--path", path);

        Assert.Equal(2, address.Code);
        Assert.Equal(2, sign.Code);
        Assert.Contains(reason, address.Error);
        Assert.Equal(address.Error, sign.Error);
        Assert.Equal(Cli.Wallet, File.ReadAllBytes(cli.StatePath));
    }

    [Fact]
    public void AddressAndSign_AcceptTheDeepestPathTheCardSigns()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        const string path = "m/1/2/3/4/5/6/7/8";

        var address = cli.Ok("address", "--path", path);
        var sign = cli.Ok("sign", "--chain", "btc", "--digest", new string('2', 64), "--path", path);

        Assert.Equal(Cli.Field(address, "pubkey"), Cli.Field(sign, "pubkey"));
        Assert.StartsWith("VALID", Cli.Field(sign, "verify"));
    }

    [Fact]
    public void PairingWithAnotherCardsCode_SaysTheCodeDoesNotMatch()
    {
        using var cli = new Cli();
        using var other = new Cli();
        cli.Ok("provision");
        var otherQr = Cli.Field(other.Ok("provision"), "qr:");

        var result = cli.Run("pair", "--qr", otherQr);

        Assert.True(result.Code == 3, result.ToString());
        Assert.Contains("does not match the card", result.Error);
    }
}
