namespace CardFirmware.Portability.Tests;

/// <summary>
/// NF0001 (external API not in the allowlist), NF0002 (allowlist missing) and NF0003 (string
/// concatenation lowering), including the calls the compiler makes without source syntax.
/// </summary>
public class ApiRuleTests
{
    public static TheoryData<string, string> MissingApis => new()
    {
        // The example: an API missing from the surface (nanoFramework has only the
        // Double/Int64/Single/UInt64 overloads of Math.Clamp).
        { "M:System.Math.Clamp(System.Int32,System.Int32,System.Int32)", "class C { int M(int x) { return System.Math.Clamp(x, 0, 9); } }" },
        { "T:System.Math", "class C { int M(int x) { return System.Math.Clamp(x, 0, 9); } }" },
        { "M:System.Array.Clear(System.Array,System.Int32,System.Int32)", "class C { void M(byte[] a) { System.Array.Clear(a, 0, a.Length); } }" },
        { "F:System.Int32.MaxValue", "class C { int M() { return int.MaxValue; } }" },
        { "P:System.Environment.TickCount", "class C { int M() { return System.Environment.TickCount; } }" },
        { "T:System.InvalidOperationException", "class C { void M() { try { } catch (System.InvalidOperationException) { } } }" },
        { "T:System.Random", "class C { object M() { return typeof(System.Random); } }" },
        { "T:System.ICloneable", "class C { object M(object o) { return (System.ICloneable)o; } }" },
        { "T:System.ArgumentException", "class C { System.ArgumentException[] errors; }" },
        { "T:System.EventArgs", "class C : System.EventArgs { }" },
        { "M:System.EventArgs.#ctor", "class C : System.EventArgs { public C() { } }" },
        { "M:System.Exception.#ctor", "class E : System.Exception { public E() { } }" },
        { "M:System.Exception.#ctor(System.String,System.Exception)", "class E : System.Exception { public E(string m, System.Exception i) : base(m, i) { } }" },
        { "M:System.Exception.#ctor(System.String,System.Exception)", "class E(string m, System.Exception i) : System.Exception(m, i) { }" },
        { "M:System.DateTime.op_Subtraction(System.DateTime,System.DateTime)", "class C { object M(System.DateTime a, System.DateTime b) { return a - b; } }" },
        { "M:System.Half.op_Explicit(System.Double)~System.Half", "class C { object M(double d) { return (System.Half)d; } }" },
        { "M:System.ObsoleteAttribute.#ctor", "class C { [System.Obsolete] void M() { } }" },
        { "E:System.AppDomain.ProcessExit", "class C { void M(System.EventHandler h) { System.AppDomain.CurrentDomain.ProcessExit += h; } }" },
        { "M:System.Object.ToString", "class C { string M(object o) { return o.ToString(); } }" },
    };

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(MissingApis))]
    public void ApiMissingFromAllowlist_IsReportedWithItsId(string id, string source)
    {
        var diagnostics = AnalyzerRunner.Run(source);

        Assert.All(diagnostics, d => Assert.Equal("NF0001", d.Id));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'" + id + "'"));
    }

    [Fact]
    public void ApiInAllowlist_StaysQuiet()
    {
        var diagnostics = AnalyzerRunner.Run(
            "class C { int M(int x, byte[] a) { System.Array.Clear(a, 0, a.Length); return System.Math.Clamp(x, 0L, 9L) > 0 ? int.MaxValue : 0; } }",
            "T:System.Math", "M:System.Math.Clamp(System.Int64,System.Int64,System.Int64)",
            "M:System.Array.Clear(System.Array,System.Int32,System.Int32)", "F:System.Int32.MaxValue");

        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
    }

    [Fact]
    public void ArrayLength_IsAnOpcodeAndNeedsNoId()
    {
        var diagnostics = AnalyzerRunner.Run("class C { int M(byte[] a) { return a.Length; } }", allowlist: ["M:System.Object.#ctor"]);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void ImplicitObjectConstructor_NeedsItsId()
    {
        var diagnostics = AnalyzerRunner.Run("class C { }", allowlist: []);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NF0001", diagnostic.Id);
        Assert.Contains("'M:System.Object.#ctor'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("M:System.Threading.Monitor.Enter(System.Object)", "class C { object g = new object(); void M() { lock (g) { } } }")]
    [InlineData("M:System.IDisposable.Dispose", "class R : System.IDisposable { public void Dispose() { } } class C { void M() { using (new R()) { } } }")]
    [InlineData("M:System.String.op_Equality(System.String,System.String)", "class C { bool M(string a, string b) { return a == b; } }")]
    [InlineData("M:System.String.op_Equality(System.String,System.String)", "class C { int M(string a) { switch (a) { case \"x\": return 1; default: return 0; } } }")]
    [InlineData("P:System.String.Chars(System.Int32)", "class C { int M(string s) { int n = 0; foreach (char c in s) { n += c; } return n; } }")]
    [InlineData("M:System.String.Concat(System.String,System.String,System.String,System.String)", "class C { string M(string a, string b) { return a + \"-\" + b + \"!\"; } }")]
    [InlineData("M:System.Type.GetTypeFromHandle(System.RuntimeTypeHandle)", "class C { object M() { return typeof(C); } }")]
    [InlineData("M:System.Delegate.Combine(System.Delegate,System.Delegate)", "delegate void H(); class C { H M(H a, H b) { return a + b; } }")]
    [InlineData("M:System.Delegate.Remove(System.Delegate,System.Delegate)", "delegate void H(); class C { H h; void M(H a) { h -= a; } }")]
    [InlineData("M:System.Delegate.Combine(System.Delegate,System.Delegate)", "delegate void H(); class C { public event H Changed; }")]
    public void CompilerLowering_NeedsTheIdItCalls(string id, string source)
    {
        var allowlist = AnalyzerRunner.BaseAllowlist.Where(e => e != id);

        var diagnostics = AnalyzerRunner.Run(source, allowlist);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NF0001", diagnostic.Id);
        Assert.Contains("'" + id + "'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("class C { string M(string a, char c) { return a + c; } }")]
    [InlineData("class C { string M(string a, int n) { return a + n; } }")]
    [InlineData("class C { string M(string a, string b, string c, string d, string e) { return a + b + c + d + e; } }")]
    [InlineData("class C { string M(string a, char c) { a += c; return a; } }")]
    public void ConcatenationNeedingMissingOverload_IsReported(string source)
    {
        var diagnostics = AnalyzerRunner.Run(source);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal("NF0003", d.Id));
    }

    [Theory]
    [InlineData("class C { string M(string a, string b) { return a + b; } }")]
    [InlineData("class C { string M(string a) { return \"x\" + \"y\" + a + \"z\"; } }")]
    [InlineData("class C { const string K = \"a\" + \"b\"; }")]
    [InlineData("class C { string M(string a, int n) { return a + n.ToString(); } }", "M:System.Int32.ToString")]
    public void ConcatenationOfStrings_StaysQuiet(string source, string extraId = "M:System.Object.#ctor")
    {
        var diagnostics = AnalyzerRunner.Run(source, extraId);

        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
    }

    [Fact]
    public void MissingAllowlistFile_ReportsOneError()
    {
        var diagnostics = AnalyzerRunner.Run("class C { int M() { return System.Environment.TickCount; } }", allowlist: null);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NF0002", diagnostic.Id);
        Assert.Contains("nanoframework-allowlist.txt", diagnostic.GetMessage());
    }

    [Fact]
    public void AllowlistFile_IgnoresCommentsBlankLinesAndDuplicates()
    {
        const string text = "# card allowlist\n\n  M:System.Object.#ctor  \r\nM:System.Object.#ctor\n#M:System.Array.Clear(System.Array,System.Int32,System.Int32)\n";

        Assert.Empty(AnalyzerRunner.RunWithAllowlistText("class C { }", text));
        var diagnostic = Assert.Single(AnalyzerRunner.RunWithAllowlistText(
            "class C { void M(byte[] a) { System.Array.Clear(a, 0, 1); } }", text + "T:System.Array\n"));
        Assert.Contains("M:System.Array.Clear", diagnostic.GetMessage());
    }
}
