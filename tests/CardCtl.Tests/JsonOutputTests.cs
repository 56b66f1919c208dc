using System.Text.Json.Nodes;
using CardFirmware.Host;
using Org.BouncyCastle.Asn1;

namespace CardFirmware.CardCtl.Tests;

/// <summary>--json: one object on standard output with the documented field names, for results and for every kind of failure.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public void Provision_ReportsItsQrCodeAndStateFile_AsJson()
    {
        using var cli = new Cli();

        var (code, json) = cli.Json("provision", "--seed", "7");

        Assert.Equal(0, code);
        AssertEnvelope(json, "provision", true, 0);
        Assert.StartsWith("cardfw:2:", json["qr"]!.GetValue<string>());
        Assert.Equal("7", json["seed"]!.GetValue<string>());
        Assert.Equal(cli.StatePath, json["stateFile"]!.GetValue<string>());
        Assert.Equal(66, json["identity"]!.GetValue<string>().Length);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void AddressAndInfo_GiveTheSameFactsAsText()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);

        var (code, address) = cli.Json("address", "--path", "m/0/5");
        var text = cli.Ok("address", "--path", "m/0/5");
        var (infoCode, info) = cli.Json("info");

        Assert.Equal(0, code);
        AssertEnvelope(address, "address", true, 0);
        foreach (var field in new[] { "pubkey", "btc", "eth" })
        {
            Assert.Equal(Cli.Field(text, field), address[field]!.GetValue<string>());
        }

        Assert.Equal(0, infoCode);
        Assert.True(info["enrolled"]!.GetValue<bool>());
        Assert.True(info["walletOnCard"]!.GetValue<bool>());
        Assert.True(info["walletOnPhone"]!.GetValue<bool>());
        Assert.False(info["storageDamaged"]!.GetValue<bool>());
        Assert.True(info["touchesEvaluated"]!.GetValue<long>() >= 1);
        Assert.StartsWith("cardfw:2:", info["qr"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Sign_GivesRsDerAndRsv_ThatAgreeWithEachOther()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        var digest = Convert.FromHexString(new string('e', 64));

        var (code, json) = cli.Json("sign", "--chain", "eth", "--digest", Convert.ToHexString(digest), "--path", "m/7");

        Assert.Equal(0, code);
        AssertEnvelope(json, "sign", true, 0);
        var r = Convert.FromHexString(json["r"]!.GetValue<string>());
        var s = Convert.FromHexString(json["s"]!.GetValue<string>());
        var pubkey = Convert.FromHexString(json["pubkey"]!.GetValue<string>());
        Assert.True(BouncyCastleEcdsa.Verify(pubkey, digest, [.. r, .. s]));
        Assert.True(json["verified"]!.GetValue<bool>());

        var der = (Asn1Sequence)Asn1Object.FromByteArray(Convert.FromHexString(json["der"]!.GetValue<string>()));
        Assert.Equal(new Org.BouncyCastle.Math.BigInteger(1, r), ((DerInteger)der[0]).Value);
        Assert.Equal(new Org.BouncyCastle.Math.BigInteger(1, s), ((DerInteger)der[1]).Value);

        var rsv = Convert.FromHexString(json["rsv"]!.GetValue<string>());
        Assert.Equal(65, rsv.Length);
        Assert.Equal([.. r, .. s], rsv[..64]);
        var id = json["recoveryId"]!.GetValue<int>();
        Assert.Equal(27 + id, rsv[64]);
        Assert.Equal(id, Recovery.RecoveryId(pubkey, digest, [.. r, .. s]));
    }

    [Fact]
    public void ACardRefusal_IsAJsonErrorWithItsStatusAndExitCode()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Paired);

        var (code, json) = cli.Json("create-wallet");

        Assert.Equal(3, code);
        AssertEnvelope(json, "create-wallet", false, 3);
        Assert.Equal("NotEnrolled", json["status"]!.GetValue<string>());
        Assert.Contains("cardctl enroll", json["error"]!.GetValue<string>());
    }

    [Fact]
    public void UsageAndStateErrors_AreJsonErrorsWithTheirExitCodes()
    {
        using var cli = new Cli();

        var (usage, unknown) = cli.Json("provision", "--no-such-option");
        var (missing, noState) = cli.Json("info");

        Assert.Equal(2, usage);
        AssertEnvelope(unknown, "provision", false, 2);
        Assert.Contains("--no-such-option", unknown["error"]!.GetValue<string>());
        Assert.Equal(4, missing);
        AssertEnvelope(noState, "info", false, 4);
        Assert.Contains("cardctl provision", noState["error"]!.GetValue<string>());
    }

    private static void AssertEnvelope(JsonObject json, string command, bool ok, int exitCode)
    {
        Assert.Equal(command, json["command"]!.GetValue<string>());
        Assert.Equal(ok, json["ok"]!.GetValue<bool>());
        Assert.Equal(exitCode, json["exitCode"]!.GetValue<int>());
    }
}
