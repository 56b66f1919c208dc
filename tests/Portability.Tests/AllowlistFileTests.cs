using CardFirmware.Tests.Shared;

namespace CardFirmware.Portability.Tests;

/// <summary>
/// The repository's allowlist may only name symbols that nanoFramework 1.x really has: every
/// entry must be a first-column ID of shared/nanoframework/api-surface.txt.
/// </summary>
public class AllowlistFileTests
{
    [SkippableFact]
    public void EveryAllowlistEntry_IsInTheNanoFrameworkSurface()
    {
        var surfacePath = SharedData.RequireFile("nanoframework/api-surface.txt");
        var surface = File.ReadLines(surfacePath)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t')[0])
            .ToHashSet(StringComparer.Ordinal);

        var entries = ReadRepoAllowlist();

        Assert.NotEmpty(entries);
        var unknown = entries.Where(e => !surface.Contains(e)).Distinct().ToList();
        Assert.True(unknown.Count == 0, "allowlist entries not in the nanoFramework surface:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void RepoAllowlist_HasOnlyWellFormedIds()
    {
        var entries = ReadRepoAllowlist();

        Assert.All(entries, e => Assert.Matches("^[TMPFE]:[^\\s]+$", e));
    }

    private static List<string> ReadRepoAllowlist()
    {
        var path = Path.Combine(FindRepoRoot(), "tools", "PortabilityAnalyzer", "nanoframework-allowlist.txt");
        return File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line[0] != '#')
            .ToList();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CardFirmware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CardFirmware.sln not found above " + AppContext.BaseDirectory);
    }
}
