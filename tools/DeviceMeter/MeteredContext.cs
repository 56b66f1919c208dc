using System.Reflection;
using System.Runtime.Loader;
using CardFirmware.DeviceMeter.Instrumentation;

namespace CardFirmware.DeviceMeter;

/// <summary>
/// A load context in which the card assemblies are the instrumented copies, the phone side draws
/// seeded random numbers (<see cref="PhoneSideRewriter"/>), and everything else of
/// this program (the simulator, the phone side, the meter itself) is loaded again from the
/// program's folder, so that it binds to those copies. The framework comes from the default context.
/// </summary>
public sealed class MeteredContext(string instrumentedFolder, string programFolder) : AssemblyLoadContext("metered", isCollectible: false)
{
    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name!;
        if (CardAssemblies.Contains(name) || PhoneSideRewriter.Names.Contains(name))
        {
            return LoadFromAssemblyPath(Path.Combine(instrumentedFolder, name + ".dll"));
        }

        var local = Path.Combine(programFolder, name + ".dll");
        return File.Exists(local) ? LoadFromAssemblyPath(local) : null;
    }

    /// <summary>Loads this program into the context and runs <c>MeteredRun.Execute</c> there.</summary>
    public string Run(int seed, int finger, string? fvcFolder, bool firmwareOnly, bool nativeFirmware, int topCount, int heapSampleInterval)
    {
        var meter = LoadFromAssemblyPath(typeof(MeteredContext).Assembly.Location);
        var run = meter.GetType("CardFirmware.DeviceMeter.Operations.MeteredRun", throwOnError: true)!
            .GetMethod("Execute", BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            return (string)run.Invoke(null, [instrumentedFolder, seed, finger, fvcFolder, firmwareOnly, nativeFirmware, topCount, heapSampleInterval])!;
        }
        catch (TargetInvocationException failure) when (failure.InnerException is not null)
        {
            throw failure.InnerException;
        }
    }
}
