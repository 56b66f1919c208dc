using CardFirmware.NanoFrameworkCheck;
using CardFirmware.Tests.Shared;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// One <c>dotnet build -p:NanoFrameworkCheck=true</c> for every slow test (one MSBuild start and
/// one restore instead of several): a generated solution holding every card project (built in
/// dependency order through their project references) and one copy of firmware/Hal per injected fault under
/// artifacts/nanoframework/probes/&lt;name&gt;/, the fault added as Injected.cs. The build exits
/// non-zero because of the faults; each test reads the lines of its own project.
/// </summary>
public sealed class NanoFrameworkCheckBuild
{
    private static readonly (string Name, string ExtraPackage, string Body)[] Faults =
    {
        ("clamp", "nanoFramework.System.Math", "internal static int Level(int value) { int level = System.Math.Clamp(value, 0, 255); return level; }"),
        ("list", "", "internal static int Count() { System.Collections.Generic.List<int> list = new System.Collections.Generic.List<int>(); list.Add(1); return list.Count; }"),
        ("generic", "", "internal static T Identity<T>(T value) { return value; }\n        internal static int Use() { return Identity(1); }"),
        ("undeclared", "", "internal static double Root() { return System.Math.Sqrt(2.0); }"),
        ("control", "", "internal static int Twice(int value) { return value * 2; }"),
    };

    private readonly Lazy<(int ExitCode, string Output)> result;
    private readonly string probes = Path.Combine(NanoFrameworkInputs.RepositoryRoot, "artifacts", "nanoframework", "probes");

    public NanoFrameworkCheckBuild() => result = new Lazy<(int, string)>(BuildAll);

    /// <summary>The whole build output.</summary>
    public string Output => result.Value.Output;

    /// <summary>The error lines the build printed for one probe.</summary>
    public IReadOnlyList<string> ErrorsOf(string name)
    {
        var folder = Path.Combine(probes, name) + Path.DirectorySeparatorChar;
        return ErrorLines().Where(line => line.Contains(folder, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The error lines the build printed for anything but the probes (the card projects).</summary>
    public IReadOnlyList<string> ErrorsOutsideProbes() =>
        ErrorLines().Where(line => !line.Contains(probes + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();

    private IEnumerable<string> ErrorLines()
    {
        _ = SharedData.RequireFile("nanoframework/api-surface.txt");
        return Output.Split('\n')
            .Where(line => line.Contains(" error ", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Distinct();
    }

    /// <summary>True when the build printed the "name -> path" line of a project it compiled.</summary>
    public bool Built(string assemblyName) => Output.Contains(assemblyName + " -> ", StringComparison.Ordinal);

    private (int, string) BuildAll()
    {
        _ = SharedData.RequireFile("nanoframework/api-surface.txt");
        if (Directory.Exists(probes))
        {
            Directory.Delete(probes, recursive: true);
        }

        var hal = Path.Combine(NanoFrameworkInputs.RepositoryRoot, "firmware", "Hal");
        var solution = new List<string> { "<Solution>" };
        solution.AddRange(CardProject.FindAll(NanoFrameworkInputs.RepositoryRoot)
            .Select(project => "  <Project Path=\"" + Path.GetRelativePath(probes, project.ProjectPath) + "\" />"));
        foreach (var (name, extraPackage, body) in Faults)
        {
            var folder = Path.Combine(probes, name);
            foreach (var source in Directory.EnumerateFiles(hal, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(hal, source));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }

            File.WriteAllText(Path.Combine(folder, "Injected.cs"),
                "namespace CardFirmware.Hal\n{\n    internal static class Injected\n    {\n        " + body + "\n    }\n}\n");
            File.WriteAllText(Path.Combine(folder, "Probe." + name + ".csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
                + "  <PropertyGroup>\n    <CardPortable>true</CardPortable>\n    <RootNamespace>CardFirmware.Hal</RootNamespace>\n  </PropertyGroup>\n"
                + "  <ItemGroup>\n    <NanoFrameworkPackage Include=\"nanoFramework.CoreLibrary\" />\n"
                + (extraPackage.Length > 0 ? "    <NanoFrameworkPackage Include=\"" + extraPackage + "\" />\n" : "")
                + "  </ItemGroup>\n</Project>\n");
            solution.Add("  <Project Path=\"" + name + "/Probe." + name + ".csproj\" />");
        }

        solution.Add("</Solution>");
        var solutionPath = Path.Combine(probes, "probes.slnx");
        File.WriteAllLines(solutionPath, solution);
        return DotnetBuild.NanoFrameworkCheck(solutionPath);
    }
}
