using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CardFirmware.NanoFrameworkCheck;

/// <summary>
/// Compiles the reference-only assemblies of the nanoFramework packages NuGet does not serve,
/// from <see cref="StubWriter"/> source, with no standard library but the real nanoFramework
/// mscorlib. Output: <c>&lt;out&gt;/&lt;package id&gt;/&lt;assembly&gt;.dll</c> with its <c>.cs</c> source beside it.
/// </summary>
public static class ReferenceAssemblyBuilder
{
    /// <summary>
    /// Builds <paramref name="packageIds"/> and the packages they need, in dependency order, and
    /// returns the paths of the written assemblies. Each file is written to a temporary name and
    /// moved into place, so concurrent builds never see half a file.
    /// </summary>
    /// <exception cref="InvalidOperationException">A stub does not compile (the message lists the errors).</exception>
    public static IReadOnlyList<string> Build(ApiSurface surface, string mscorlibPath, IEnumerable<string> packageIds, string outputDirectory)
    {
        var references = new List<MetadataReference> { MetadataReference.CreateFromFile(mscorlibPath) };
        var written = new List<string>();
        foreach (var section in surface.InDependencyOrder(packageIds))
        {
            var image = Compile(surface, section, references, out var source);
            var folder = Path.Combine(outputDirectory, section.PackageId);
            Directory.CreateDirectory(folder);
            var dll = Path.Combine(folder, section.AssemblyName + ".dll");
            WriteAtomically(Path.ChangeExtension(dll, ".cs"), System.Text.Encoding.UTF8.GetBytes(source));
            WriteAtomically(dll, image);
            references.Add(MetadataReference.CreateFromImage(image));
            written.Add(dll);
        }

        return written;
    }

    /// <summary>Compiles one section's stubs to an assembly image.</summary>
    internal static byte[] Compile(ApiSurface surface, SurfaceSection section, IEnumerable<MetadataReference> references, out string source)
    {
        source = StubWriter.Write(surface, section);
        var compilation = CSharpCompilation.Create(
            section.AssemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: section.AssemblyName + ".cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true,
                nullableContextOptions: NullableContextOptions.Disable, warningLevel: 0));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString());
            throw new InvalidOperationException("the reference stubs of " + section.PackageId + " do not compile:\n" + string.Join("\n", errors));
        }

        return stream.ToArray();
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return;
        }

        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
