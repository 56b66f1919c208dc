using System.Text.Json;
using CardFirmware.Tests.Shared;

namespace CardFirmware.Crypto.Tests;

/// <summary>One Wycheproof test case: its group's parameters and its own fields.</summary>
internal sealed record WycheproofCase(JsonElement Group, JsonElement Test)
{
    public int Id => Test.GetProperty("tcId").GetInt32();

    public string Result => Test.GetProperty("result").GetString()!;

    public byte[] Bytes(string name) => Hex.Decode(Test.GetProperty(name).GetString()!);

    public int GroupInt(string name) => Group.GetProperty(name).GetInt32();

    public override string ToString() => $"tcId {Id} ({Test.GetProperty("comment").GetString()})";
}

/// <summary>Loads a Wycheproof JSON file from shared/vectors/wycheproof (skips when shared/ is absent).</summary>
internal static class WycheproofFile
{
    public static IReadOnlyList<WycheproofCase> Load(string fileName, out int declaredCount)
    {
        var path = SharedData.RequireFile("vectors/wycheproof/" + fileName);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement.Clone();
        declaredCount = root.GetProperty("numberOfTests").GetInt32();
        var cases = new List<WycheproofCase>();
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                cases.Add(new WycheproofCase(group, test));
            }
        }

        return cases;
    }
}
