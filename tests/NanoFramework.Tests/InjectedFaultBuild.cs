using CardFirmware.Tests.Shared;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// Copies firmware/Hal (a small card project) once per fault into
/// artifacts/nanoframework/probes/&lt;name&gt;/, adds the fault as Injected.cs, and builds all copies
/// with the nanoFramework check in one <c>dotnet build</c> of a generated solution.
/// </summary>
public sealed class InjectedFaultBuild
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

    public InjectedFaultBuild() => result = new Lazy<(int, string)>(BuildAll);

    /// <summary>The whole build output.</summary>
    public string Output => result.Value.Output;

    /// <summary>The error lines the build printed for one probe.</summary>
    public IReadOnlyList<string> ErrorsOf(string name)
    {
        _ = SharedData.RequireFile("nanoframework/api-surface.txt");
        var folder = Path.Combine(probes, name) + Path.DirectorySeparatorChar;
        return Output.Split('\n')
            .Where(line => line.Contains(" error ", StringComparison.Ordinal) && line.Contains(folder, StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Distinct()
            .ToList();
    }

    /// <summary>True when the probe's assembly was built.</summary>
    public bool Built(string name) => File.Exists(Path.Combine(NanoFrameworkInputs.RepositoryRoot, "artifacts", "nanoframework", "bin",
        "Probe." + name, "Debug", "net10.0", "Probe." + name + ".dll"));

    private (int, string) BuildAll()
    {
        _ = SharedData.RequireFile("nanoframework/api-surface.txt");
        if (Directory.Exists(probes))
        {
            Directory.Delete(probes, recursive: true);
        }

        var hal = Path.Combine(NanoFrameworkInputs.RepositoryRoot, "firmware", "Hal");
        var solution = new List<string> { "<Solution>" };
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
