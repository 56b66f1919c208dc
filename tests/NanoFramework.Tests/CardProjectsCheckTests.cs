using CardFirmware.NanoFrameworkCheck;
using Mono.Cecil;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// The nanoFramework compile check on the real card projects: building firmware/Card with
/// -p:NanoFrameworkCheck=true compiles all nine card projects in dependency order against the
/// real nanoFramework mscorlib and the generated reference-only assemblies, and their IL passes
/// the scan.
/// </summary>
public class CardProjectsCheckTests
{
    [SkippableFact]
    [Trait("Category", "Slow")]
    public void CardProjects_CompileAgainstTheNanoFrameworkMscorlib_AndPassTheIlScan()
    {
        var surface = NanoFrameworkInputs.Surface;

        var (exitCode, output) = DotnetBuild.NanoFrameworkCheck("firmware/Card/CardFirmware.Card.csproj");

        Assert.True(exitCode == 0, output);
        var projects = CardProject.FindAll(NanoFrameworkInputs.RepositoryRoot);
        var assemblies = projects.Select(p => Path.Combine(NanoFrameworkInputs.RepositoryRoot, "artifacts", "nanoframework", "bin",
            Path.GetFileNameWithoutExtension(p.ProjectPath), "Debug", "net10.0", p.AssemblyName + ".dll")).ToList();
        Assert.Equal(9, assemblies.Count);
        var mscorlib = AssemblyDefinition.ReadAssembly(NanoFrameworkInputs.MscorlibPath).Name;
        foreach (var path in assemblies)
        {
            using var module = ModuleDefinition.ReadModule(path);
            var corlib = Assert.Single(module.AssemblyReferences, r => r.Name == "mscorlib");
            Assert.Equal(mscorlib.Version, corlib.Version);
            Assert.DoesNotContain(module.AssemblyReferences, r => r.Name is "System.Runtime" or "netstandard" or "System.Private.CoreLib");
        }

        Assert.Empty(IlScanner.Scan(surface, assemblies, Array.Empty<string>()));
    }
}
