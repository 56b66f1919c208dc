using System.Reflection;
using CardFirmware.NanoFrameworkCheck;
using CardFirmware.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// What these tests compile against: the real nanoFramework mscorlib (restored from NuGet with
/// this project), the API surface in shared/, and the repository root.
/// </summary>
internal static class NanoFrameworkInputs
{
    private static readonly Lazy<ApiSurface> LoadedSurface = new(() => ApiSurface.Load(SurfacePath));

    /// <summary>nanoFramework.CoreLibrary 1.17.11's lib/mscorlib.dll.</summary>
    public static string MscorlibPath { get; } = typeof(NanoFrameworkInputs).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NanoFrameworkMscorlib").Value!;

    /// <summary>shared/nanoframework/api-surface.txt; skips the test when shared/ is absent.</summary>
    public static string SurfacePath => SharedData.RequireFile("nanoframework/api-surface.txt");

    /// <summary>The parsed surface (skips when absent).</summary>
    public static ApiSurface Surface
    {
        get
        {
            _ = SurfacePath;
            return LoadedSurface.Value;
        }
    }

    /// <summary>The folder holding CardFirmware.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// Compiles <paramref name="source"/> as a card assembly would be compiled on the card: C# 7.3,
    /// no standard library, the nanoFramework mscorlib plus <paramref name="references"/>; writes it
    /// to a temporary file and returns its path. Fails the test on a compile error.
    /// </summary>
    public static string CompileCardAssembly(string name, string source, params MetadataReference[] references)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp7_3)) },
            references.Prepend(MetadataReference.CreateFromFile(MscorlibPath)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var folder = Directory.CreateTempSubdirectory("nf-scan-").FullName;
        var path = Path.Combine(folder, name + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }

    private static string FindRepositoryRoot()
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
