using System.Xml.Linq;

namespace CardFirmware.NanoFrameworkCheck;

/// <summary>
/// A card project (<c>&lt;CardPortable&gt;true&lt;/CardPortable&gt;</c>) as its .csproj declares it:
/// name, root namespace, card projects it references and the nanoFramework packages it uses
/// (<c>&lt;NanoFrameworkPackage Include="..." /&gt;</c>), and the output type of its .nfproj
/// (<c>&lt;NanoFrameworkOutputType&gt;Exe&lt;/NanoFrameworkOutputType&gt;</c> for the project holding the
/// entry point; Library otherwise).
/// </summary>
public sealed record CardProject(
    string ProjectPath,
    string AssemblyName,
    string RootNamespace,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> NanoFrameworkPackages,
    string OutputType = "Library")
{
    /// <summary>The folders under the repository root that hold card code.</summary>
    public static readonly string[] CardFolders = { "crypto", "drivers", "firmware" };

    /// <summary>Every card project of the repository, sorted by assembly name.</summary>
    public static IReadOnlyList<CardProject> FindAll(string repositoryRoot)
    {
        return CardFolders
            .Select(folder => Path.Combine(repositoryRoot, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(Read)
            .Where(p => p is not null)
            .Select(p => p!)
            .OrderBy(p => p.AssemblyName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads one .csproj; null when it is not a card project.</summary>
    public static CardProject? Read(string projectPath)
    {
        var document = XDocument.Load(projectPath);
        string? Property(string name) => document.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();
        if (Property("CardPortable") != "true")
        {
            return null;
        }

        var assemblyName = Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(projectPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        return new CardProject(
            Path.GetFullPath(projectPath),
            assemblyName,
            Property("RootNamespace") ?? assemblyName,
            document.Descendants("ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(Path.GetFullPath(Path.Combine(directory, e.Attribute("Include")!.Value))))
                .ToList(),
            document.Descendants("NanoFrameworkPackage").Select(e => e.Attribute("Include")!.Value).ToList(),
            Property("NanoFrameworkOutputType") ?? "Library");
    }
}
