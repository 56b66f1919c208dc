using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CardFirmware.Portability.Tests;

/// <summary>
/// Runs <see cref="PortabilityAnalyzer.PortabilityAnalyzer"/> in memory over one source sample,
/// compiled against the running .NET runtime's assemblies (the card projects target net10.0 on
/// desktop, so these are the symbols the real build sees).
/// </summary>
internal static class AnalyzerRunner
{
    /// <summary>IDs most samples need: the implicit object constructor and a few compiler lowerings.</summary>
    public static readonly string[] BaseAllowlist =
    [
        "M:System.Object.#ctor",
        "T:System.Object",
        "P:System.String.Length",
        "P:System.String.Chars(System.Int32)",
        "M:System.String.Concat(System.String,System.String)",
        "M:System.String.Concat(System.String,System.String,System.String)",
        "M:System.String.op_Equality(System.String,System.String)",
        "T:System.Collections.IEnumerable",
        "T:System.Collections.IEnumerator",
        "T:System.IDisposable",
        "M:System.IDisposable.Dispose",
        "M:System.Threading.Monitor.Enter(System.Object)",
        "M:System.Threading.Monitor.Exit(System.Object)",
        "T:System.Array",
        "M:System.Delegate.Combine(System.Delegate,System.Delegate)",
        "M:System.Delegate.Remove(System.Delegate,System.Delegate)",
        "M:System.Array.Copy(System.Array,System.Int32,System.Array,System.Int32,System.Int32)",
        "T:System.Exception",
        "M:System.Exception.#ctor(System.String)",
    ];

    private static readonly ImmutableArray<MetadataReference> References = LoadRuntimeReferences();

    /// <summary>The analyzer's diagnostics for <paramref name="source"/>; null allowlist = no allowlist file.</summary>
    public static ImmutableArray<Diagnostic> Run(string source, IEnumerable<string>? allowlist)
    {
        var text = allowlist is null ? null : string.Join("\n", allowlist);
        return RunWithAllowlistText(source, text);
    }

    /// <summary>Runs with <see cref="BaseAllowlist"/> plus <paramref name="extraIds"/>.</summary>
    public static ImmutableArray<Diagnostic> Run(string source, params string[] extraIds) =>
        Run(source, BaseAllowlist.Concat(extraIds));

    /// <summary>Runs with the allowlist given as raw file text (null = no allowlist file).</summary>
    public static ImmutableArray<Diagnostic> RunWithAllowlistText(string source, string? allowlistText)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Sample.cs");
        var compilation = CSharpCompilation.Create(
            "CardFirmware.Sample",
            [tree],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Disable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "sample does not compile: " + string.Join("; ", errors));

        var additionalFiles = allowlistText is null
            ? ImmutableArray<AdditionalText>.Empty
            : ImmutableArray.Create<AdditionalText>(new InMemoryText("/repo/tools/PortabilityAnalyzer/nanoframework-allowlist.txt", allowlistText));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new PortabilityAnalyzer.PortabilityAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new AnalyzerOptions(additionalFiles));
        return withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    private static ImmutableArray<MetadataReference> LoadRuntimeReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private sealed class InMemoryText(string path, string content) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(content);
    }
}
