namespace CardFirmware.Tests.Shared;

/// <summary>
/// Finds the read-only <c>shared/</c> folder that sits beside the repository (test vectors,
/// fingerprint datasets, the nanoFramework API surface). Tests that need it call
/// <see cref="RequireFile"/> or <see cref="RequireDirectory"/>, which skip the test with a clear
/// message when a clone is tested without it.
/// </summary>
public static class SharedData
{
    /// <summary>The shared folder, or null when it is not beside the repository.</summary>
    public static string? Root { get; } = Locate();

    /// <summary>The absolute path of <paramref name="relativePath"/> under shared/; skips the test if absent.</summary>
    public static string RequireFile(string relativePath)
    {
        var path = Root is null ? null : Path.Combine(Root, relativePath);
        Skip.If(path is null || !File.Exists(path),
            $"shared/{relativePath} is not available (the shared/ folder beside the repo is absent); skipped.");
        return path!;
    }

    /// <summary>The absolute path of a folder under shared/; skips the test if absent.</summary>
    public static string RequireDirectory(string relativePath)
    {
        var path = Root is null ? null : Path.Combine(Root, relativePath);
        Skip.If(path is null || !Directory.Exists(path),
            $"shared/{relativePath} is not available (the shared/ folder beside the repo is absent); skipped.");
        return path!;
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CARDFIRMWARE_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        // Walk up from the test binary to the repository root (the folder holding CardFirmware.sln),
        // then look beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CardFirmware.sln")))
            {
                var candidate = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
