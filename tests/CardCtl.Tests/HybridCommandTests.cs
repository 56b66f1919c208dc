using System.Security.Cryptography;

namespace CardFirmware.CardCtl.Tests;

/// <summary>cardctl's 2-of-3 commands end to end on cardctl's simulated card and in-process provider.</summary>
[Trait("Category", "Slow")]
public class HybridCommandTests
{
    [Fact]
    public void CreateSignEveryPairRefreshRecoverPhoneAndCard_AllThroughTheCli()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Enrolled);
        var created = cli.Ok("create-wallet", "--provider", "inproc");
        var key = Cli.Field(created, "joint");
        var digest = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

        foreach (var with in new[] { "phone", "provider", "phone+provider" })
        {
            Assert.Contains("VALID", cli.Ok("sign", "--chain", "btc", "--digest", digest, "--path", "m/0/1", "--with", with));
        }

        Assert.Contains(key.Split(' ')[^1], cli.Ok("refresh"));
        cli.Ok("recover-phone");
        Assert.Contains("VALID", cli.Ok("sign", "--chain", "btc", "--digest", digest, "--path", "m/0/1", "--with", "provider"));

        using var replacement = new Cli();
        replacement.Restore(Cli.Enrolled);
        var moved = cli.Ok("recover-card", "--new-state", replacement.StatePath);
        Assert.Contains("card recovered", moved);
        Assert.Contains("VALID", cli.Ok("sign", "--chain", "btc", "--digest", digest, "--path", "m/0/1"));
        Assert.Contains(key.Split(' ')[^1], cli.Ok("address", "--path", "m"));
    }

    [Fact]
    public void UnreachableProviderService_IsARefusal_ABadAddressAUsageError_AndA2of2WalletHasNoProviderPair()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Enrolled);
        var unreachable = cli.Run("create-wallet", "--provider", "http://127.0.0.1:9");
        Assert.Equal(ExitCodes.CardRefused, unreachable.Code);
        Assert.Contains("provider service did not answer", unreachable.Error);
        Assert.Equal(ExitCodes.Usage, cli.Run("create-wallet", "--provider", "ftp://x").Code);

        cli.Restore(Cli.Wallet);
        var digest = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(ExitCodes.Usage, cli.Run("sign", "--chain", "btc", "--digest", digest, "--with", "provider").Code);
        Assert.Equal(ExitCodes.Usage, cli.Run("recover-phone").Code);
    }
}
