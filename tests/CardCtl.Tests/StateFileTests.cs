using System.Text.Json.Nodes;
using CardFirmware.CardCtl;
using CardFirmware.HalSim.Efuse;

namespace CardFirmware.CardCtl.Tests;

/// <summary>
/// The state file keeps the simulated card's eFuse (its HMAC key and one-way counter) beside its
/// flash image, never inside it, as the chip keeps its eFuse apart from its flash.
/// </summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cardctl-state-").FullName;

    private string StatePath => Path.Combine(_directory, "state.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TheDefaultStateFile_IsInTheUsersDataFolder_NotTheWorkingDirectory_AndOnlyItsOwnerReadsAState()
    {
        Assert.True(Path.IsPathRooted(Program.DefaultState));
        Assert.Equal(
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "cardctl"),
            Path.GetDirectoryName(Program.DefaultState));
        Assert.NotEqual(Path.GetFullPath(Directory.GetCurrentDirectory()), Path.GetDirectoryName(Program.DefaultState));

        Assert.Equal(0, Program.Run(["provision", "--state", StatePath], TextWriter.Null, TextWriter.Null));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StatePath));
        }
    }

    [Fact]
    public void Provision_SavesTheEfuseApartFromTheFlash_AndEachCardGetsItsOwnKey()
    {
        Run("provision");
        var first = State();
        var efuse = Convert.FromBase64String(first["Efuse"]!.GetValue<string>());
        var flash = Convert.FromBase64String(first["Flash"]!.GetValue<string>());
        var key = efuse.AsSpan(1, SimEfuse.KeySize).ToArray();

        Assert.Equal(0, SimEfuse.FromSnapshot(efuse).Counter.Value);
        Assert.Equal(-1, flash.AsSpan().IndexOf(key));

        Run("provision");
        var second = Convert.FromBase64String(State()["Efuse"]!.GetValue<string>());
        Assert.False(second.AsSpan(1, SimEfuse.KeySize).SequenceEqual(key));
    }

    [Fact]
    public void StateFileWithoutAnEfuse_IsRefusedWithAMessage()
    {
        Run("provision");
        var state = State();
        state.Remove("Efuse");
        File.WriteAllText(StatePath, state.ToJsonString());
        var output = new StringWriter();
        var error = new StringWriter();

        var code = Program.Run(["enroll", "--state", StatePath], output, error);

        Assert.Equal(4, code);
        Assert.Contains("cardctl provision", error.ToString());
    }

    private JsonObject State() => JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();

    private void Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run([.. args, "--state", StatePath], output, error);
        Assert.True(code == 0, $"cardctl {string.Join(' ', args)} exited {code}: {error}{output}");
    }
}
