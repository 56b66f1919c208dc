using CardFirmware.NanoFrameworkCheck;
using Microsoft.CodeAnalysis;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// The IL scan on small assemblies compiled here the way the check compiles card code (C# 7.3,
/// the real nanoFramework mscorlib): what the compiler accepts but nanoFramework 1.x cannot run
/// is reported, clean code is not.
/// </summary>
public class IlScannerTests
{
    private const string CleanCode = """
        namespace Probe
        {
            public sealed class Counter
            {
                private readonly byte[] buffer = new byte[4];
                public int Count { get; private set; }
                public void Add(byte value)
                {
                    buffer[Count % buffer.Length] = value;
                    Count++;
                    if (Count > 100) throw new System.InvalidOperationException("full");
                }
                public override string ToString() { return "counter " + Count.ToString(); }
            }
        }
        """;

    [SkippableFact]
    public void Scan_ReportsNothing_ForCodeWithinTheSurface()
    {
        var surface = NanoFrameworkInputs.Surface;
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe", CleanCode);

        Assert.Empty(IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>()));
    }

    [SkippableFact]
    public void Scan_AcceptsTheRuntimeConstructorOfASurfaceDelegate()
    {
        var surface = NanoFrameworkInputs.Surface;
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe", """
            namespace Probe
            {
                public sealed class Ticker
                {
                    public System.Threading.TimerCallback Callback() { return new System.Threading.TimerCallback(OnTick); }
                    public System.EventHandler Handler() { return OnEvent; }
                    private void OnTick(object state) { }
                    private void OnEvent(object sender, System.EventArgs e) { }
                }
            }
            """);

        Assert.Empty(IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>()));
    }

    [SkippableFact]
    public void Scan_ReportsUserGenericMethod_DeclaredAndInstantiated()
    {
        var surface = NanoFrameworkInputs.Surface;
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe", """
            namespace Probe
            {
                public static class Pick
                {
                    public static T First<T>(T a, T b) { return a; }
                    public static int Use() { return First(1, 2); }
                }
            }
            """);

        var findings = IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>());

        Assert.Contains(findings, f => f.Contains("error NFIL03: generic method 'Probe.Pick.First<T>' declared", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("error NFIL02: generic instantiation", StringComparison.Ordinal) && f.Contains("First<System.Int32>", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Scan_ReportsUserGenericType()
    {
        var surface = NanoFrameworkInputs.Surface;
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe", """
            namespace Probe
            {
                public sealed class Box<T> { public T Value; }
                public static class Use { public static object Make() { return new Box<byte>(); } }
            }
            """);

        var findings = IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>());

        Assert.Contains(findings, f => f.Contains("error NFIL03: generic type 'Probe.Box`1' declared", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("error NFIL02: generic instantiation 'Probe.Box`1<System.Byte>", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Scan_ReportsMscorlibGenericDelegate_ThatCompilesAgainstTheRealMscorlib()
    {
        // mscorlib 1.x still declares Action<T> (shared/nanoframework/README.md, "Generics"), so
        // this compiles; the 1.x runtime cannot run it.
        var surface = NanoFrameworkInputs.Surface;
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe", """
            namespace Probe
            {
                public static class Callbacks
                {
                    public static void Run(System.Action<int> callback) { callback(1); }
                }
            }
            """);

        var findings = IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>());

        Assert.Contains(findings, f => f.Contains("error NFIL02: generic instantiation 'System.Action`1<System.Int32>'", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Scan_ReportsMemberMissingFromTheSurface_EvenWhenAReferenceAssemblyHasIt()
    {
        // A reference assembly that claims more than the surface (here a System.Math with the
        // desktop's Clamp(Int32, Int32, Int32)) must not let the call through.
        var surface = NanoFrameworkInputs.Surface;
        var fakeMath = NanoFrameworkInputs.CompileCardAssembly("System.Math", """
            namespace System
            {
                public static class Math
                {
                    public static int Clamp(int value, int min, int max) { return value; }
                    public static double Sqrt(double d) { return d; }
                }
            }
            """);
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe", """
            namespace Probe
            {
                public static class Levels
                {
                    public static int Level(int v) { return System.Math.Clamp(v, 0, 255) + (int)System.Math.Sqrt(v); }
                }
            }
            """, MetadataReference.CreateFromFile(fakeMath));

        var findings = IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>());

        var finding = Assert.Single(findings);
        Assert.Contains("error NFIL01: 'M:System.Math.Clamp(System.Int32,System.Int32,System.Int32)' is not in the nanoFramework API surface of nanoFramework.System.Math", finding, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Scan_ReportsAssemblyThatIsNeitherNanoFrameworkNorCard_AndAcceptsDeclaredCardAssemblies()
    {
        var surface = NanoFrameworkInputs.Surface;
        var library = NanoFrameworkInputs.CompileCardAssembly("Helpers", "namespace Helpers { public static class H { public static int One() { return 1; } } }");
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe",
            "namespace Probe { public static class Use { public static int Two() { return Helpers.H.One() + 1; } } }",
            MetadataReference.CreateFromFile(library));

        var unknown = IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>());
        var declared = IlScanner.Scan(surface, new[] { assembly }, new[] { library });

        Assert.Contains(unknown, f => f.Contains("error NFIL04: references assembly 'Helpers'", StringComparison.Ordinal));
        Assert.Empty(declared);
    }

    [SkippableFact]
    public void Scan_AcceptsPropertyAccessorsAndOperators_ByTheirSurfaceIds()
    {
        // The surface lists P: and E: lines, not get_/set_/add_/remove_ accessors.
        var surface = NanoFrameworkInputs.Surface;
        var assembly = NanoFrameworkInputs.CompileCardAssembly("Probe", """
            namespace Probe
            {
                public sealed class Holder
                {
                    public event System.EventHandler Changed;
                    public int Length(string s, byte[] b) { return s.Length + b.Length + (s == "x" ? 1 : 0); }
                    public char First(string s) { return s[0]; }
                    public void Raise() { var h = Changed; if (h != null) h(this, System.EventArgs.Empty); }
                }
            }
            """);

        Assert.Empty(IlScanner.Scan(surface, new[] { assembly }, Array.Empty<string>()));
    }
}
