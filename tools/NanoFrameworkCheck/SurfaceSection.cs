namespace CardFirmware.NanoFrameworkCheck;

/// <summary>One assembly of the API surface: its header facts and its symbol lines.</summary>
public sealed class SurfaceSection
{
    private readonly List<SurfaceEntry> entries = new();
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    private SurfaceSection(string packageId, string version, string source, string assemblyName)
    {
        PackageId = packageId;
        Version = version;
        Source = source;
        AssemblyName = assemblyName;
    }

    /// <summary>NuGet package id, e.g. <c>nanoFramework.System.Math</c>.</summary>
    public string PackageId { get; }

    /// <summary>The version.json version of the library (major.minor).</summary>
    public string Version { get; }

    /// <summary>The repository and commit the signatures were read from (<c>owner/repo@commit</c>).</summary>
    public string Source { get; }

    /// <summary>The assembly name (<c>dll=</c>), e.g. <c>System.Math</c>.</summary>
    public string AssemblyName { get; }

    /// <summary>Every symbol line of the section, in file order.</summary>
    public IReadOnlyList<SurfaceEntry> Entries => entries;

    /// <summary>The type lines (<c>T:</c>).</summary>
    public IEnumerable<SurfaceEntry> Types => entries.Where(e => e.Kind == 'T');

    /// <summary>True when the section lists <paramref name="documentationId"/>.</summary>
    public bool Contains(string documentationId) => ids.Contains(documentationId);

    /// <summary>Parses a <c># assembly:</c> header line.</summary>
    internal static SurfaceSection FromHeader(string header)
    {
        var words = header.Substring("# assembly: ".Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4)
        {
            throw new FormatException("short '# assembly:' header: " + header);
        }

        var dll = words.FirstOrDefault(w => w.StartsWith("dll=", StringComparison.Ordinal))
            ?? throw new FormatException("'# assembly:' header without dll=: " + header);
        return new SurfaceSection(words[0], words[1], words[2], dll.Substring("dll=".Length));
    }

    internal void Add(SurfaceEntry entry)
    {
        entries.Add(entry);
        ids.Add(entry.Id);
    }
}
