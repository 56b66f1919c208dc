namespace CardFirmware.Portability.Tests;

/// <summary>
/// One sample per language rule that must fire exactly that rule, and samples of the allowed
/// alternative that must stay quiet. The features and their reasons are listed in
/// shared/nanoframework/README.md ("Language and runtime limits of nanoFramework 1.x").
/// </summary>
public class LanguageRuleTests
{
    public static TheoryData<string, string> Violations => new()
    {
        // NF0010 generics: the List<int>, declarations, constraints, natural-type lambdas.
        { "NF0010", "class C { void M() { var l = new System.Collections.Generic.List<int>(); } }" },
        { "NF0010", "class C { void M<T>(T x) { } }" },
        { "NF0010", "class Box<T> where T : class { }" },
        { "NF0010", "class C { int M() { var f = () => 1; return 0; } }" },
        { "NF0010", "class C { static int One() => 1; void M() { var f = One; } }" },
        { "NF0010", "class C { byte[] M() { byte[] a = []; return a; } }" },
        // NF0011 LINQ: the LINQ call, and query syntax.
        { "NF0011", "using System.Linq; class C { int M(int[] a) { return a.Sum(); } }" },
        { "NF0011", "using System.Linq; class C { object M(int[] a) { return from x in a select x; } }" },
        // NF0012 async: the async method.
        { "NF0012", "class C { async void M() { } }" },
        { "NF0013", "class C { System.Collections.IEnumerable M() { yield return 1; } }" },
        { "NF0014", "class C { void M() { dynamic d = 1; } }" },
        { "NF0015", "class C { void M() { var t = (1, 2); } }" },
        { "NF0015", "class C { void M() { var (a, b) = (1, 2); } }" },
        { "NF0016", "class C { void M() { int? x = null; } }" },
        { "NF0016", "class C { int M(string s) { var n = s?.Length; return 0; } }" },
        { "NF0017", "record R(int X);" },
        { "NF0017", "record struct P(int X);" },
        { "NF0018", "class C { void M() { _ = stackalloc int[4]; } }" },
        { "NF0019", "class C { unsafe void M() { int x = 1; int* p = &x; } }" },
        { "NF0019", "class C { void M() { int x = 0; var r = __makeref(x); } }" },
        { "NF0019", "class C { unsafe void M(delegate*<void> f) { } }" },
        { "NF0020", "class C { void M() { int[,] a = new int[2, 2]; } }" },
        { "NF0021", "class C { void M() { decimal d = 1m; } }" },
        { "NF0022", "class C { string M(string x) { return $\"v{x}\"; } }" },
        { "NF0023", "class C { int M(int[] a) { return a[^1]; } }" },
        { "NF0023", "class C { bool M(int[] a) { return a is [1, ..]; } }" },
        { "NF0024", "class C { int M() { var a = new { X = 1 }; return 0; } }" },
        { "NF0025", Bag + "class C { void M(params Bag b) { } }" },
        { "NF0026", Enumerable + "class C { void M() { foreach (var x in new Seq()) { } } }" },
        { "NF0027", "class C { public required int X { get; set; } }" },
        { "NF0028", "class C { public volatile int X; }" },
        { "NF0029", "interface I { static abstract int M(); }" },
        { "NF0030", "class C { void M(System.Span<byte> s) { } }" },
        { "NF0030", "class C { void M() { var b = \"ab\"u8; } }" },
    };

    public static TheoryData<string> Allowed => new()
    {
        // Own delegates instead of Func/Action, jagged arrays, plain loops instead of LINQ.
        "delegate int Producer(); class C { int M() { Producer f = () => 1; return f(); } }",
        "class C { int M(int[][] a) { int s = 0; for (int i = 0; i < a.Length; i++) { s += a[i][0]; } return s; } }",
        "class C { int M(int[] a) { int s = 0; foreach (int x in a) { s += x; } foreach (char c in \"ab\") { s += c; } return s; } }",
        "class C { bool M(byte[] a, string s) { return s == \"x\" && a[a.Length - 1] == 0 && s != null; } }",
        "class C { void M(params int[] xs) { } }",
        "class C { readonly object _gate = new object(); void M() { lock (_gate) { } } }",
        "class R : System.IDisposable { public void Dispose() { } } class C { void M() { using var r = new R(); } }",
        "class C { long M(int x) { int y = x switch { 1 => 2, _ => 3 }; return (long)y * 2 + sizeof(int); } }",
        "class C { string M(string a, string b) { return a + b + \"!\"; } }",
        "interface IShape { int Area(); } abstract class Shape : IShape { public abstract int Area(); }",
        "class CardError : System.Exception { public CardError(string m) : base(m) { } }",
        "class C { byte[] M() { byte[] a = [1, 2, 3]; return a; } }",
        "class C { string Name { get; init; } int Count { get; set; } }",
        "class C { string M() { return nameof(System.Math) + nameof(System.Collections.Generic.List<int>); } }",
        "enum Mode : byte { Off, On } class C { int M(Mode m) { return m == Mode.On ? 1 : 0; } }",
    };

    private const string Bag =
        "class Bag : System.Collections.IEnumerable { public void Add(int x) { } public System.Collections.IEnumerator GetEnumerator() { return null; } } ";

    private const string Enumerable =
        "class Seq { public Cursor GetEnumerator() { return new Cursor(); } } class Cursor { public int Current { get { return 0; } } public bool MoveNext() { return false; } } ";

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(Violations))]
    public void Violation_FiresExactlyItsRule(string ruleId, string source)
    {
        var diagnostics = AnalyzerRunner.Run(source);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal(ruleId, d.Id));
        Assert.All(diagnostics, d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.Severity));
        Assert.All(diagnostics, d => Assert.Contains("nanoFramework", d.GetMessage()));
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedCode_StaysQuiet(string source)
    {
        var diagnostics = AnalyzerRunner.Run(source);

        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
    }

    [Fact]
    public void GenericListMessage_NamesTheRuleAndTheReason()
    {
        var diagnostics = AnalyzerRunner.Run(
            "class C { object M() { return new System.Collections.Generic.List<int>(); } }");

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal("NF0010", d.Id));
        Assert.All(diagnostics, d => Assert.Contains("NF0010 generics: type System.Collections.Generic.List<int>", d.GetMessage()));
        Assert.All(diagnostics, d => Assert.Contains("runtime has no generics", d.GetMessage()));
    }

    [Fact]
    public void GeneratedCode_IsNotAnalyzed()
    {
        var diagnostics = AnalyzerRunner.Run(
            "// <auto-generated/>\nclass C { void M() { var l = new System.Collections.Generic.List<int>(); } }");

        Assert.Empty(diagnostics);
    }
}
