using System.Diagnostics;
using CardFirmware.Tests.Shared;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>Runs <c>dotnet build</c> as CI would and returns its exit code and output.</summary>
internal static class DotnetBuild
{
    // Far above the few minutes a cold build takes on a busy 2-core machine; only a hung build hits it.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Builds <paramref name="target"/> with the nanoFramework check switched on.</summary>
    public static (int ExitCode, string Output) NanoFrameworkCheck(string target)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = NanoFrameworkInputs.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", target, "-p:NanoFrameworkCheck=true", "-nodeReuse:false", "-v:minimal", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        // The build finds the API surface the way these tests do (CARDFIRMWARE_SHARED or ../shared).
        start.Environment["CARDFIRMWARE_SHARED"] = SharedData.Root;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet build " + target + " did not finish within " + BuildTimeout + "; killed.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
