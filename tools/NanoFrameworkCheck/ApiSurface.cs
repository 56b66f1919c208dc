namespace CardFirmware.NanoFrameworkCheck;

/// <summary>
/// shared/nanoframework/api-surface.txt read into one <see cref="SurfaceSection"/> per assembly
/// (format: shared/nanoframework/README.md, "Format of api-surface.txt").
/// </summary>
public sealed class ApiSurface
{
    /// <summary>The package that holds mscorlib; it is restored from NuGet, never generated.</summary>
    public const string CoreLibraryPackage = "nanoFramework.CoreLibrary";

    private ApiSurface(IReadOnlyList<SurfaceSection> sections)
    {
        Sections = sections;
        ByPackage = sections.ToDictionary(s => s.PackageId, StringComparer.Ordinal);
        ByAssembly = sections.ToDictionary(s => s.AssemblyName, StringComparer.Ordinal);
        var owners = new Dictionary<string, SurfaceSection>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            foreach (var type in section.Types)
            {
                owners[type.Name] = section;
            }
        }

        TypeOwner = owners;
    }

    /// <summary>Every section, in file order.</summary>
    public IReadOnlyList<SurfaceSection> Sections { get; }

    /// <summary>Sections by NuGet package id (e.g. <c>nanoFramework.System.Math</c>).</summary>
    public IReadOnlyDictionary<string, SurfaceSection> ByPackage { get; }

    /// <summary>Sections by assembly name (e.g. <c>System.Math</c>, <c>mscorlib</c>).</summary>
    public IReadOnlyDictionary<string, SurfaceSection> ByAssembly { get; }

    /// <summary>The section declaring each type, by full type name without the <c>T:</c> prefix.</summary>
    public IReadOnlyDictionary<string, SurfaceSection> TypeOwner { get; }

    /// <summary>Reads and parses the surface file.</summary>
    public static ApiSurface Load(string path) => Parse(File.ReadLines(path));

    /// <summary>Parses the lines of a surface file.</summary>
    public static ApiSurface Parse(IEnumerable<string> lines)
    {
        var sections = new List<SurfaceSection>();
        SurfaceSection? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("# assembly: ", StringComparison.Ordinal))
            {
                current = SurfaceSection.FromHeader(line);
                sections.Add(current);
            }
            else if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            else if (current is null)
            {
                throw new FormatException("symbol line before the first '# assembly:' header: " + line);
            }
            else
            {
                current.Add(SurfaceEntry.Parse(line));
            }
        }

        return new ApiSurface(sections);
    }

    /// <summary>
    /// The package ids <paramref name="section"/> needs besides mscorlib: those declaring a type
    /// its signatures name.
    /// </summary>
    public IReadOnlyList<string> DependenciesOf(SurfaceSection section)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in section.Entries)
        {
            foreach (var typeName in entry.NamedTypes())
            {
                if (TypeOwner.TryGetValue(typeName, out var owner) && owner != section
                    && owner.PackageId != CoreLibraryPackage)
                {
                    result.Add(owner.PackageId);
                }
            }
        }

        return result.ToList();
    }

    /// <summary>
    /// <paramref name="packageIds"/> and everything they need, in dependency order (a package comes
    /// after the packages its signatures name); mscorlib is left out.
    /// </summary>
    public IReadOnlyList<SurfaceSection> InDependencyOrder(IEnumerable<string> packageIds)
    {
        var ordered = new List<SurfaceSection>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var id in packageIds.OrderBy(p => p, StringComparer.Ordinal))
        {
            Visit(id);
        }

        return ordered;

        void Visit(string id)
        {
            if (id == CoreLibraryPackage)
            {
                return;
            }

            if (!ByPackage.TryGetValue(id, out var section))
            {
                throw new ArgumentException("package '" + id + "' is not in the nanoFramework API surface");
            }

            if (state.TryGetValue(id, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException("packages depend on each other in a cycle through " + id);
                }

                return;
            }

            state[id] = false;
            foreach (var dependency in DependenciesOf(section))
            {
                Visit(dependency);
            }

            state[id] = true;
            ordered.Add(section);
        }
    }
}
