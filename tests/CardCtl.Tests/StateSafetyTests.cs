using System.Text.Json.Nodes;
using CardFirmware.Host;

namespace CardFirmware.CardCtl.Tests;

/// <summary>
/// A state file that holds the phone's key share is never lost: not to `pair` or `provision`
/// (unless --force, after a backup), not to two runs at once, and the card's memory is saved after
/// refused touches too, so the lockout holds across runs.
/// </summary>
public sealed class StateSafetyTests
{
    [Theory]
    [InlineData("pair")]
    [InlineData("provision")]
    public void ReplacingAStateThatHoldsAWallet_IsRefusedWithoutForce_AndTheFileIsUntouched(string command)
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        var qr = PairingPayload(cli);

        var result = command == "pair" ? cli.Run("pair", "--qr", qr) : cli.Run("provision");

        Assert.Equal(2, result.Code);
        Assert.Contains("--force", result.Error);
        Assert.Equal(Cli.Wallet, File.ReadAllBytes(cli.StatePath));
        Assert.Empty(Directory.GetFiles(cli.Folder, "*.backup-*"));
    }

    [Fact]
    public void PairWithForce_BacksTheWalletUpFirst_ThenPairs()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);

        var output = cli.Ok("pair", "--qr", PairingPayload(cli), "--force");

        var backup = Assert.Single(Directory.GetFiles(cli.Folder, "state.backup-*.json"));
        Assert.Contains(backup, output);
        Assert.Equal(Cli.Wallet, File.ReadAllBytes(backup));
        Assert.Null(JsonNode.Parse(File.ReadAllText(cli.StatePath))!["Share"]);
    }

    [Fact]
    public void ProvisionOverAStateWithoutAWallet_NeedsNoForce()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Paired);

        cli.Ok("provision");

        Assert.Empty(Directory.GetFiles(cli.Folder, "*.backup-*"));
    }

    [Fact]
    public void ASecondRunWhileTheStateIsLocked_FailsAtOnce_AndChangesNothing()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        using (CardCtl.StateFile.Lock(cli.StatePath))
        {
            var result = cli.Run("provision", "--force");

            Assert.Equal(4, result.Code);
            Assert.Contains("Another cardctl is using", result.Error);
        }

        Assert.Equal(Cli.Wallet, File.ReadAllBytes(cli.StatePath));
        Assert.Empty(Directory.GetFiles(cli.Folder, "*.backup-*"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task TwoCreateWalletRunsAtOnce_OnlyOneMakesAWallet_AndTheFileKeepsIt()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Enrolled);
        using var start = new Barrier(2);

        var runs = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return cli.Run("create-wallet");
            }))
            .ToArray();
        var results = await Task.WhenAll(runs);

        var made = Assert.Single(results, r => r.Code == 0);
        var other = Assert.Single(results, r => r.Code != 0);
        Assert.True(other.Code is 2 or 3 or 4, other.ToString());
        var joint = Cli.Field(made.Output, "joint public key");
        var kept = cli.Ok("address", "--path", "m");
        Assert.Equal(joint, Cli.Field(kept, "pubkey"));
        var digest = new string('7', 64);
        Assert.StartsWith("VALID", Cli.Field(cli.Ok("sign", "--chain", "btc", "--digest", digest), "verify"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void TheLockoutsRefusedTouchesInSeparateRuns_LockTheCard_SoTheEnrolledFingerIsRefusedToo()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        var digest = new string('5', 64);

        for (var attempt = 0; attempt < CardFirmware.Card.Finger.ApprovalPolicy.LockoutTouches; attempt++)
        {
            var refused = cli.Run("sign", "--chain", "btc", "--digest", digest, "--finger", "6");
            Assert.Equal(3, refused.Code);
        }

        var locked = cli.Run("sign", "--chain", "btc", "--digest", digest, "--finger", "5");

        Assert.Equal(3, locked.Code);
        Assert.Contains("locked", locked.Error);
        Assert.DoesNotContain("r ", locked.Output);
    }

    // The pairing payload of the card in the state file, as the QR code shows it.
    private static string PairingPayload(Cli cli)
    {
        var cardKey = Convert.FromBase64String(JsonNode.Parse(File.ReadAllText(cli.StatePath))!["CardKey"]!.GetValue<string>());
        return PairingQr.Payload(cardKey);
    }
}
