extern alias cardsim;

using cardsim::CardFirmware.CardSim;

namespace CardFirmware.CardCtl.Tests;

/// <summary>CardSim's command line: --help prints usage instead of running the walk-through; bridge options parse; bad ones are refused.</summary>
public sealed class CardSimOptionsTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--bridge", "--help")]
    public void Help_IsHelp_NotTheWalkthrough(params string[] args)
    {
        Assert.Equal(SimMode.Help, SimOptions.Parse(args).Mode);
        Assert.Contains("--bridge [port]", SimOptions.Usage);
        Assert.Contains("touch N", SimOptions.Usage);
    }

    [Fact]
    public void BridgeOptions_Parse()
    {
        var options = SimOptions.Parse(["--bridge", "47000", "--finger", "5", "--seed", "9"]);

        Assert.Equal(new SimOptions { Mode = SimMode.Bridge, Port = 47000, Finger = 5, Seed = 9 }, options);
        Assert.Equal(SimMode.Walkthrough, SimOptions.Parse([]).Mode);
        Assert.Equal(0, SimOptions.Parse(["--bridge"]).Port);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--bridge", "70000")]
    [InlineData("--finger", "5")]
    [InlineData("--bridge", "--finger", "x")]
    public void BadOptions_AreRefused(params string[] args) =>
        Assert.Throws<FormatException>(() => SimOptions.Parse(args));
}
