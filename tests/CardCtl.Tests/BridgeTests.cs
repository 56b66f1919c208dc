extern alias cardsim;

using cardsim::CardFirmware.CardSim;
using CardFirmware.Card;
using CardFirmware.Host;

namespace CardFirmware.CardCtl.Tests;

/// <summary>
/// cardctl --bridge against CardSim's bridge card, both ends in this process but talking only over
/// loopback TCP (as two processes do): the holder's touches come from the bridge side, by its
/// --finger or by the operator's `touch N`.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BridgeTests : IDisposable
{
    private readonly List<string> _log = [];
    private readonly BridgeCard _bridge;
    private readonly Thread _simulation;
    private readonly Cli _cli = new();

    public BridgeTests()
    {
        _bridge = new BridgeCard(new SimOptions { Mode = SimMode.Bridge, Finger = 5 }, new CardConfig(), line =>
        {
            lock (_log)
            {
                _log.Add(line);
            }
        });
        _simulation = new Thread(_bridge.Run) { IsBackground = true, Name = "bridge-test-card" };
        _simulation.Start();
    }

    private string Address => $"127.0.0.1:{_bridge.Port}";

    public void Dispose()
    {
        _bridge.Dispose();
        Assert.True(_simulation.Join(10_000));
        _cli.Dispose();
    }

    [Fact]
    public void PairEnrollCreateWalletAndSign_RunAcrossTheBridge_WithTheHoldersTouchesOnTheCardSide()
    {
        _cli.Ok("--bridge", Address, "pair", "--qr", _bridge.PairingCode);
        Assert.Contains("finger enrolled", _cli.Ok("enroll"));
        var created = _cli.Ok("create-wallet");
        var digest = new string('c', 64);
        var signed = _cli.Ok("sign", "--chain", "btc", "--digest", digest, "--path", "m/0/3");

        var child = Convert.FromHexString(Cli.Field(signed, "pubkey"));
        var signature = Convert.FromHexString(Cli.Field(signed, "r") + Cli.Field(signed, "s"));
        Assert.True(BouncyCastleEcdsa.Verify(child, Convert.FromHexString(digest), signature));
        Assert.Equal(Cli.Field(_cli.Ok("address", "--path", "m/0/3"), "pubkey"), Cli.Field(signed, "pubkey"));
        Assert.NotEqual(Cli.Field(created, "pubkey"), Cli.Field(signed, "pubkey"));
        Assert.True(_bridge.Holder.Touches >= 6, $"{_bridge.Holder.Touches} touches");
        var (code, info) = _cli.Json("info");
        Assert.Equal(0, code);
        Assert.True(info["walletOnCard"]!.GetValue<bool>());
        Assert.Equal(Address, info["bridge"]!.GetValue<string>());
    }

    [Fact]
    public void TheOperatorsOneTouch_ApprovesOneRequest_AndAStrangersTouchIsRefused()
    {
        _cli.Ok("--bridge", Address, "pair", "--qr", _bridge.PairingCode);
        _cli.Ok("enroll");
        _cli.Ok("create-wallet");
        Operator("finger none");

        // No finger at the card: the operator's stranger finger is refused, then the owner's approves.
        Operator("touch 8");
        var refused = _cli.Run("sign", "--chain", "eth", "--digest", new string('d', 64));
        Assert.True(refused.Code == 3, refused.ToString());
        Assert.Contains("not recognized", refused.Error);

        Operator("touch 5");
        var signed = _cli.Ok("sign", "--chain", "eth", "--digest", new string('d', 64));
        Assert.Equal("True", Cli.Field(signed, "verify").StartsWith("VALID", StringComparison.Ordinal).ToString());
        lock (_log)
        {
            Assert.Contains(_log, line => line.Contains("holder: finger 8", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void FingerOverTheBridge_IsAUsageError_AndNoBridgeListening_SaysHowToStartIt()
    {
        var finger = _cli.Run("--bridge", Address, "enroll", "--finger", "5");
        Assert.Equal(2, finger.Code);
        Assert.Contains("CardSim", finger.Error);

        var port = _bridge.Port;
        _bridge.Dispose();
        Assert.True(_simulation.Join(10_000));
        var none = _cli.Run("--bridge", $"127.0.0.1:{port}", "pair", "--qr", _bridge.PairingCode);
        Assert.Equal(4, none.Code);
        Assert.Contains("CardSim --bridge", none.Error);
    }

    [Fact]
    public void ABridgeFlag_OnAStateOfACardSimulatedHere_IsRefused()
    {
        _cli.Restore(Cli.Paired);

        var result = _cli.Run("--bridge", Address, "info");

        Assert.Equal(2, result.Code);
        Assert.Contains("another --state", result.Error);
    }

    private void Operator(string command)
    {
        using var answered = new ManualResetEventSlim();
        _bridge.Command(command, _ => answered.Set());
        Assert.True(answered.Wait(10_000), $"no answer to {command}");
    }
}
