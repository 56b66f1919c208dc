using CardFirmware.CardCtl;
using CardFirmware.Host;

namespace CardFirmware.CardCtl.Tests;

/// <summary>
/// The whole phone-side flow through cardctl's command entry point, in process, one state file:
/// every command boots the firmware afresh from the flash image the previous one saved.
/// </summary>
public sealed class FlowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cardctl-test-").FullName;

    private string StatePath => Path.Combine(_directory, "state.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Category", "Slow")]
    public void ProvisionPairEnrollCreateWalletAndSignForBothChains()
    {
        var provision = Run("provision");
        var qr = Field(provision, "qr:");
        Assert.StartsWith("cardfw:2:", qr);

        Assert.Contains("enrolled False, wallet False", Run("pair", "--qr", qr));
        Assert.Contains("finger enrolled", Run("enroll", "--finger", "5"));

        var created = Run("create-wallet");
        Assert.Equal(1, BurnedTouches());
        var joint = Convert.FromHexString(Field(created, "joint public key"));
        Assert.Equal(Addresses.BitcoinP2wpkh(joint), Field(created, "btc"));

        var address = Run("address", "--path", "m/0/5");
        var child = Convert.FromHexString(Field(address, "pubkey"));
        Assert.False(child.AsSpan().SequenceEqual(joint));
        Assert.StartsWith("bc1q", Field(address, "btc"));
        Assert.Equal(Addresses.Ethereum(child), Field(address, "eth"));

        var btcDigest = Convert.FromHexString("aa".PadRight(64, '1'));
        var btc = Run("sign", "--chain", "btc", "--digest", Convert.ToHexString(btcDigest), "--path", "m/0/5");
        Assert.True(BouncyCastleEcdsa.Verify(child, btcDigest, Signature(btc)));
        Assert.Equal("yes", Field(btc, "low-S"));
        Assert.StartsWith("VALID", Field(btc, "verify"));

        var ethDigest = Convert.FromHexString("bb".PadRight(64, '2'));
        var eth = Run("sign", "--chain", "eth", "--digest", Convert.ToHexString(ethDigest), "--path", "m/0/5");
        var signature = Signature(eth);
        Assert.True(BouncyCastleEcdsa.Verify(child, ethDigest, signature));
        var v = int.Parse(Field(eth, "v").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(v, 0, 1);
        Assert.Equal(v, Recovery.RecoveryId(child, ethDigest, signature));
        Assert.NotEqual(1 - v, Recovery.RecoveryId(child, ethDigest, signature));
        Assert.Equal(3, BurnedTouches());
    }

    [Fact]
    public void SigningBeforeAWalletExistsFailsWithAMessage()
    {
        Run("provision");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["sign", "--chain", "btc", "--digest", new string('0', 64), "--state", StatePath], output, error);
        Assert.Equal(2, code);
        Assert.Contains("cardctl create-wallet", error.ToString());
    }

    private string Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run([.. args, "--state", StatePath], output, error);
        Assert.True(code == 0, $"cardctl {string.Join(' ', args)} exited {code}: {error}{output}");
        return output.ToString();
    }

    // The card's one-way counter as the state file keeps it: one bit per evaluated touch, across runs.
    private int BurnedTouches()
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(StatePath))!;
        return HalSim.Efuse.SimEfuse.FromSnapshot(Convert.FromBase64String(state["Efuse"]!.GetValue<string>())).Counter.Value;
    }

    private static string Field(string output, string name) =>
        output.Split('\n').Select(line => line.TrimEnd('\r'))
            .Single(line => line.StartsWith(name + " ", StringComparison.Ordinal))[name.Length..].Trim();

    private static byte[] Signature(string output) =>
        [.. Convert.FromHexString(Field(output, "r")), .. Convert.FromHexString(Field(output, "s"))];
}
