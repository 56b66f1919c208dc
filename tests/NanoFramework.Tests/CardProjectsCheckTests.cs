using CardFirmware.NanoFrameworkCheck;
using Mono.Cecil;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// The nanoFramework compile check on the real card projects: building firmware/Card with
/// -p:NanoFrameworkCheck=true compiles all nine card projects in dependency order against the
/// real nanoFramework mscorlib and the generated reference-only assemblies, and their IL passes
/// the scan (the build is shared with the injected faults: <see cref="NanoFrameworkCheckBuild"/>).
/// </summary>
[Collection(NanoFrameworkCheckCollection.Name)]
public class CardProjectsCheckTests
{
    private readonly NanoFrameworkCheckBuild build;

    public CardProjectsCheckTests(NanoFrameworkCheckBuild build) => this.build = build;

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void CardProjects_CompileAgainstTheNanoFrameworkMscorlib_AndPassTheIlScan()
    {
        var surface = NanoFrameworkInputs.Surface;

        var errors = build.ErrorsOutsideProbes();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var projects = CardProject.FindAll(NanoFrameworkInputs.RepositoryRoot);
        Assert.All(projects, p => Assert.True(build.Built(p.AssemblyName), p.AssemblyName + " was not built:\n" + build.Output));
        var assemblies = projects.Select(p => Path.Combine(NanoFrameworkInputs.RepositoryRoot, "artifacts", "nanoframework", "bin",
            Path.GetFileNameWithoutExtension(p.ProjectPath), "Debug", "net10.0", p.AssemblyName + ".dll")).ToList();
        Assert.Equal(CardProjectDeclarationTests.ExpectedCardProjects.Length, assemblies.Count);
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
