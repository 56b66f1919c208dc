namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// The check fails on what nanoFramework 1.x lacks: each fault is injected into its own temporary
/// copy of the card project firmware/Hal, and all copies are built by one
/// <c>dotnet build -p:NanoFrameworkCheck=true</c> (see <see cref="NanoFrameworkCheckBuild"/>).
/// </summary>
[Collection(NanoFrameworkCheckCollection.Name)]
public class InjectedFaultTests
{
    private readonly NanoFrameworkCheckBuild build;

    public InjectedFaultTests(NanoFrameworkCheckBuild build) => this.build = build;

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void MathClamp_OnInts_FailsToCompile_BecauseNanoFrameworkHasNoInt32Overload()
    {
        // Desktop binds Math.Clamp(Int32, Int32, Int32); System.Math 1.5 has only the Double,
        // Int64, Single and UInt64 overloads, so the call binds to Int64 and returns a long.
        var errors = build.ErrorsOf("clamp");

        Assert.Contains(errors, e => e.Contains("Injected.cs", StringComparison.Ordinal)
            && e.Contains("error CS0266: Cannot implicitly convert type 'long' to 'int'", StringComparison.Ordinal));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void ListOfInt_FailsToCompile_BecauseMscorlibHasNoGenericCollections()
    {
        var errors = build.ErrorsOf("list");

        Assert.Contains(errors, e => e.Contains("Injected.cs", StringComparison.Ordinal)
            && e.Contains("error CS0234: The type or namespace name 'Generic' does not exist in the namespace 'System.Collections'", StringComparison.Ordinal));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void UserGenericMethod_Compiles_ButFailsTheIlScan()
    {
        var errors = build.ErrorsOf("generic");

        Assert.DoesNotContain(errors, e => e.Contains("error CS", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("error NFIL03: generic method 'CardFirmware.Hal.Injected.Identity<T>' declared", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("error NFIL02: generic instantiation", StringComparison.Ordinal));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void SystemMath_WithoutDeclaringThePackage_FailsToCompile()
    {
        var errors = build.ErrorsOf("undeclared");

        Assert.Contains(errors, e => e.Contains("Injected.cs", StringComparison.Ordinal)
            && e.Contains("error CS0234: The type or namespace name 'Math' does not exist in the namespace 'System'", StringComparison.Ordinal));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void UninjectedCopy_PassesTheCheck()
    {
        // The control: the same copy without a fault builds and scans clean, so the failures
        // above come from the injected lines.
        Assert.Empty(build.ErrorsOf("control"));
        Assert.True(build.Built("Probe.control"), build.Output);
    }
}
