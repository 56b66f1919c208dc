using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CardFirmware.PortabilityAnalyzer;

/// <summary>
/// Holds card code (projects with CardPortable=true) to what nanoFramework 1.x can build and run:
/// every external API must be in the allowlist, and language features the 1.x runtime lacks are
/// errors. Syntax checks live in <see cref="SyntaxChecks"/>, operation checks (calls, member
/// references, compiler lowerings) in <see cref="OperationChecks"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PortabilityAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Rules.ApiNotAllowed, Rules.AllowlistMissing, Rules.StringConcat, Rules.Generics, Rules.Linq,
        Rules.Async, Rules.Iterator, Rules.Dynamic, Rules.Tuple, Rules.NullableValueType, Rules.Record,
        Rules.Stackalloc, Rules.Unsafe, Rules.MultiDimensionalArray, Rules.Decimal, Rules.InterpolatedString,
        Rules.IndexRange, Rules.AnonymousType, Rules.ParamsCollection, Rules.ForEach, Rules.Required,
        Rules.Volatile, Rules.StaticAbstractInterfaceMember, Rules.Span);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var allowlist = Allowlist.Load(start.Options.AdditionalFiles, start.CancellationToken);
            if (allowlist is null)
            {
                start.RegisterCompilationEndAction(end =>
                    end.ReportDiagnostic(Diagnostic.Create(Rules.AllowlistMissing, Location.None)));
            }

            var checker = new SymbolChecker(start.Compilation, allowlist);
            new SyntaxChecks(checker).Register(start);
            new OperationChecks(checker).Register(start);
        });
    }
}
