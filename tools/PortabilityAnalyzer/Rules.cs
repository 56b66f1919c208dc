using Microsoft.CodeAnalysis;

namespace CardFirmware.PortabilityAnalyzer;

/// <summary>
/// The diagnostics the analyzer reports. Every rule is an error: card code that breaks one
/// compiles on desktop .NET but fails to build (metadata processor) or to run on the
/// nanoFramework 1.x runtime. The reasons cite shared/nanoframework/README.md.
/// </summary>
internal static class Rules
{
    private const string Category = "nanoFramework.Portability";

    /// <summary>NF0001: an external API whose documentation-comment ID is not in the allowlist.</summary>
    public static readonly DiagnosticDescriptor ApiNotAllowed = Error(
        "NF0001", "External API not in the nanoFramework allowlist",
        "NF0001 API not allowed: '{0}' is not in nanoframework-allowlist.txt (nanoFramework 1.x only has the APIs of its api-surface.txt; if the surface has this exact ID, append it to the allowlist, otherwise use another API)");

    /// <summary>NF0002: the card project has no allowlist, so no external API can be checked.</summary>
    public static readonly DiagnosticDescriptor AllowlistMissing = new(
        "NF0002", "nanoFramework allowlist missing",
        "NF0002 allowlist missing: no AdditionalFiles item named 'nanoframework-allowlist.txt' in this card project, so external API use cannot be checked against the nanoFramework 1.x surface",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        customTags: new[] { WellKnownDiagnosticTags.CompilationEnd });

    /// <summary>NF0003: a string concatenation whose lowering needs a String.Concat overload nanoFramework lacks.</summary>
    public static readonly DiagnosticDescriptor StringConcat = Error(
        "NF0003", "String concatenation needs a missing String.Concat overload",
        "NF0003 string concatenation: {0} (nanoFramework 1.x has only String.Concat(String,...) with 2 to 4 strings; other operands lower to span or object overloads that box or do not exist)");

    /// <summary>NF0010: generic type or method declared or used.</summary>
    public static readonly DiagnosticDescriptor Generics = Error(
        "NF0010", "Generics are not supported",
        "NF0010 generics: {0} (the nanoFramework 1.x runtime has no generics; they need the 2.0 preview firmware)");

    /// <summary>NF0011: LINQ.</summary>
    public static readonly DiagnosticDescriptor Linq = Error(
        "NF0011", "LINQ is not available",
        "NF0011 LINQ: {0} (nanoFramework 1.x has no System.Linq)");

    /// <summary>NF0012: async/await.</summary>
    public static readonly DiagnosticDescriptor Async = Error(
        "NF0012", "async/await is not available",
        "NF0012 async/await: {0} (nanoFramework 1.x has no Task and no async method builders)");

    /// <summary>NF0013: iterators.</summary>
    public static readonly DiagnosticDescriptor Iterator = Error(
        "NF0013", "Iterators are not available",
        "NF0013 iterator: {0} (yield needs IEnumerator<T>, which nanoFramework 1.x lacks)");

    /// <summary>NF0014: dynamic.</summary>
    public static readonly DiagnosticDescriptor Dynamic = Error(
        "NF0014", "dynamic is not available",
        "NF0014 dynamic: {0} (nanoFramework 1.x has no Microsoft.CSharp.RuntimeBinder)");

    /// <summary>NF0015: tuples and deconstruction.</summary>
    public static readonly DiagnosticDescriptor Tuple = Error(
        "NF0015", "Tuples and deconstruction are not available",
        "NF0015 tuple: {0} (tuples and deconstruction need the generic ValueTuple, which nanoFramework 1.x lacks)");

    /// <summary>NF0016: nullable value types.</summary>
    public static readonly DiagnosticDescriptor NullableValueType = Error(
        "NF0016", "Nullable value types are not available",
        "NF0016 nullable value type: {0} (nanoFramework 1.x has no Nullable<T>)");

    /// <summary>NF0017: records.</summary>
    public static readonly DiagnosticDescriptor Record = Error(
        "NF0017", "Records are not available",
        "NF0017 record: {0} (records need IEquatable<T> and StringBuilder in mscorlib, which nanoFramework 1.x lacks)");

    /// <summary>NF0018: stackalloc.</summary>
    public static readonly DiagnosticDescriptor Stackalloc = Error(
        "NF0018", "stackalloc is not supported",
        "NF0018 stackalloc: {0} (the nanoFramework 1.x interpreter rejects the localloc opcode)");

    /// <summary>NF0019: unsafe code, pointers, fixed, function pointers, __makeref/__refvalue/__arglist.</summary>
    public static readonly DiagnosticDescriptor Unsafe = Error(
        "NF0019", "Unsafe code and pointers are not supported",
        "NF0019 unsafe: {0} (the nanoFramework metadata processor rejects pointer types and the interpreter rejects calli, mkrefany, refanyval and arglist)");

    /// <summary>NF0020: multi-dimensional arrays.</summary>
    public static readonly DiagnosticDescriptor MultiDimensionalArray = Error(
        "NF0020", "Multi-dimensional arrays are not supported",
        "NF0020 multi-dimensional array: {0} (nanoFramework 1.x supports only single-dimensional and jagged arrays)");

    /// <summary>NF0021: decimal.</summary>
    public static readonly DiagnosticDescriptor Decimal = Error(
        "NF0021", "decimal is not available",
        "NF0021 decimal: {0} (System.Decimal is not built into the nanoFramework 1.x mscorlib)");

    /// <summary>NF0022: interpolated strings.</summary>
    public static readonly DiagnosticDescriptor InterpolatedString = Error(
        "NF0022", "Interpolated strings are not allowed",
        "NF0022 interpolated string: {0} (on desktop it lowers to DefaultInterpolatedStringHandler, on nanoFramework 1.x to String.Format with boxing; card code builds strings explicitly)");

    /// <summary>NF0023: index and range operators, slices, list patterns, spreads.</summary>
    public static readonly DiagnosticDescriptor IndexRange = Error(
        "NF0023", "Index, range and list patterns are not available",
        "NF0023 index/range: {0} (System.Index and System.Range are missing in nanoFramework 1.x)");

    /// <summary>NF0024: anonymous types.</summary>
    public static readonly DiagnosticDescriptor AnonymousType = Error(
        "NF0024", "Anonymous types are not available",
        "NF0024 anonymous type: {0} (anonymous types need EqualityComparer<T>, which nanoFramework 1.x lacks)");

    /// <summary>NF0025: params of a non-array type.</summary>
    public static readonly DiagnosticDescriptor ParamsCollection = Error(
        "NF0025", "params collections are not available",
        "NF0025 params collection: {0} (params spans and collections need generic types; nanoFramework 1.x supports only params arrays)");

    /// <summary>NF0026: foreach over something that is not an array or string.</summary>
    public static readonly DiagnosticDescriptor ForEach = Error(
        "NF0026", "foreach only over arrays and strings",
        "NF0026 foreach: {0} (card code may only foreach over arrays and strings; other collections go through enumerators that are generic on desktop and missing on nanoFramework 1.x)");

    /// <summary>NF0027: required members.</summary>
    public static readonly DiagnosticDescriptor Required = Error(
        "NF0027", "required members are not available",
        "NF0027 required member: {0} (required members need attributes nanoFramework 1.x mscorlib lacks)");

    /// <summary>NF0028: volatile fields.</summary>
    public static readonly DiagnosticDescriptor Volatile = Error(
        "NF0028", "volatile is not available",
        "NF0028 volatile: {0} (IsVolatile is not built into the nanoFramework 1.x mscorlib)");

    /// <summary>NF0029: static abstract or static virtual interface members.</summary>
    public static readonly DiagnosticDescriptor StaticAbstractInterfaceMember = Error(
        "NF0029", "Static abstract interface members are not available",
        "NF0029 static abstract interface member: {0} (the nanoFramework 1.x runtime does not support them)");

    /// <summary>NF0030: Span, ReadOnlySpan, Memory, ReadOnlyMemory and u8 literals.</summary>
    public static readonly DiagnosticDescriptor Span = Error(
        "NF0030", "Span and Memory are not available",
        "NF0030 span: {0} (nanoFramework 1.x has no Span<T>, ReadOnlySpan<T> or Memory<T>; use byte[] with offsets)");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
