using System.Text;
using System.Text.Json.Nodes;

namespace CardFirmware.CardCtl.Tests;

/// <summary>
/// A damaged state file or card flash is reported as damage (exit 4), naming what is wrong, never as
/// a stack trace or as a card that merely lacks something.
/// </summary>
public sealed class MalformedStateTests
{
    public static TheoryData<string, string> Damages => new()
    {
        { "truncated", "JSON" },
        { "not-json", "JSON" },
        { "array", "JSON object" },
        { "missing-flash", "Flash" },
        { "missing-efuse", "Efuse" },
        { "short-flash", "Flash" },
        { "bad-efuse", "Efuse" },
        { "efuse-number", "Efuse" },
        { "short-phone-key", "PhoneKey" },
        { "long-card-key", "CardKey" },
        { "missing-card-key", "CardKey" },
        { "bad-base64-share", "Share" },
        { "garbage-share", "Share" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void AMalformedStateFile_IsReportedNamingTheField(string damage, string named)
    {
        using var cli = new Cli();
        File.WriteAllText(cli.StatePath, Damage(Encoding.UTF8.GetString(Cli.Wallet), damage));

        foreach (var command in new[] { new[] { "address" }, ["sign", "--chain", "eth", "--digest", new string('1', 64)], ["enroll"] })
        {
            var result = cli.Run(command);

            Assert.True(result.Code == 4, $"{damage}, {command[0]}: {result}");
            Assert.Contains("is malformed", result.Error);
            Assert.Contains(named, result.Error);
            Assert.DoesNotContain("   at ", result.Error);
        }
    }

    [Fact]
    public void ZeroedBytesInTheCardsFlash_AreReportedAsDamage_NotAsAMissingEnrollment()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Enrolled);
        var state = JsonNode.Parse(File.ReadAllText(cli.StatePath))!.AsObject();
        var flash = Convert.FromBase64String(state["Flash"]!.GetValue<string>());
        var written = flash.AsSpan().LastIndexOfAnyExcept((byte)0xFF);
        Array.Clear(flash, written / 2, 100);
        state["Flash"] = Convert.ToBase64String(flash);
        File.WriteAllText(cli.StatePath, state.ToJsonString());

        var result = cli.Run("create-wallet");

        Assert.True(result.Code == 4, result.ToString());
        Assert.Contains("damaged", result.Error);
        Assert.DoesNotContain("enroll", result.Error);
    }

    private static string Damage(string json, string damage)
    {
        var state = JsonNode.Parse(json)!.AsObject();
        switch (damage)
        {
            case "truncated":
                return json[..(json.Length / 2)];
            case "not-json":
                return "this is not a state file";
            case "array":
                return "[1, 2]";
            case "missing-flash":
                state.Remove("Flash");
                break;
            case "missing-efuse":
                state.Remove("Efuse");
                break;
            case "short-flash":
                state["Flash"] = Convert.ToBase64String(new byte[100]);
                break;
            case "bad-efuse":
                state["Efuse"] = Convert.ToBase64String(new byte[41]);
                break;
            case "efuse-number":
                state["Efuse"] = 7;
                break;
            case "short-phone-key":
                state["PhoneKey"] = Convert.ToBase64String(new byte[31]);
                break;
            case "long-card-key":
                state["CardKey"] = Convert.ToBase64String(new byte[34]);
                break;
            case "missing-card-key":
                state.Remove("CardKey");
                break;
            case "bad-base64-share":
                state["Share"] = "not base64!";
                break;
            case "garbage-share":
                state["Share"] = Convert.ToBase64String(new byte[200]);
                break;
        }

        return state.ToJsonString();
    }
}
