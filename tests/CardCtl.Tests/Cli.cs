using CardFirmware.CardCtl;

namespace CardFirmware.CardCtl.Tests;

/// <summary>One cardctl run in process: its exit code and what it wrote.</summary>
internal sealed record CliResult(int Code, string Output, string Error)
{
    public override string ToString() => $"exit {Code}: {Error}{Output}";
}

/// <summary>
/// Runs cardctl against state files in a temporary folder, and keeps the states each test starts
/// from (paired, enrolled, with a wallet) made once per test run: each cardctl run boots a card.
/// </summary>
internal sealed class Cli : IDisposable
{
    private static readonly Lazy<byte[]> PairedState = new(() => Make(cli => cli.Pair()));
    private static readonly Lazy<byte[]> EnrolledState = new(() => Make(cli =>
    {
        cli.Restore(PairedState.Value);
        cli.Ok("enroll", "--finger", "5");
    }));

    private static readonly Lazy<byte[]> WalletState = new(() => Make(cli =>
    {
        cli.Restore(EnrolledState.Value);
        cli.Ok("create-wallet");
    }));

    public Cli() => Folder = Directory.CreateTempSubdirectory("cardctl-test-").FullName;

    public string Folder { get; }

    public string StatePath => Path.Combine(Folder, "state.json");

    public static byte[] Paired => PairedState.Value;

    public static byte[] Enrolled => EnrolledState.Value;

    public static byte[] Wallet => WalletState.Value;

    public void Restore(byte[] state) => File.WriteAllBytes(StatePath, state);

    public CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run([.. args, "--state", StatePath], output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public string Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.Code == 0, $"cardctl {string.Join(' ', args)}: {result}");
        return result.Output;
    }

    /// <summary>Provisions a card and pairs with it; returns the pairing payload.</summary>
    public string Pair()
    {
        var qr = Field(Ok("provision"), "qr:");
        Ok("pair", "--qr", qr);
        return qr;
    }

    /// <summary>Runs with --json; the exit code and the one JSON object cardctl wrote on standard output.</summary>
    public (int Code, System.Text.Json.Nodes.JsonObject Json) Json(params string[] args)
    {
        var result = Run([.. args, "--json"]);
        var document = System.Text.Json.Nodes.JsonNode.Parse(result.Output) as System.Text.Json.Nodes.JsonObject;
        Assert.True(document is not null, $"cardctl {string.Join(' ', args)} --json: {result}");
        return (result.Code, document!);
    }

    public static string Field(string output, string name) =>
        output.Split('\n').Select(line => line.TrimEnd('\r'))
            .Single(line => line.StartsWith(name + " ", StringComparison.Ordinal))[name.Length..].Trim();

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static byte[] Make(Action<Cli> steps)
    {
        using var cli = new Cli();
        steps(cli);
        return File.ReadAllBytes(cli.StatePath);
    }
}
