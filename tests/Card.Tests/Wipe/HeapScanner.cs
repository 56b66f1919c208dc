using System.Diagnostics;
using Microsoft.Diagnostics.Runtime;

namespace CardFirmware.Card.Tests.Wipe;

/// <summary>
/// Runs one scenario in a separate process (tests/HeapScanTarget), waits until it is idle, attaches
/// with ClrMD and searches every live object of its managed heap for byte patterns. Objects that
/// belong to the simulated hardware (the sensor's pixel FIFO, the flash array) are not card RAM
/// and are left out, as are the patterns' own hits in the canary the target keeps on purpose.
/// </summary>
internal static class HeapScanner
{
    public sealed record Hit(string Pattern, string ObjectType);

    public sealed record Scan(int Touches, byte[] Flash, IReadOnlyList<Hit> Hits, long ObjectsScanned);

    public static Scan Run(string scenario, byte[] canary, Func<int, byte[], IReadOnlyDictionary<string, byte[]>> patterns)
    {
        var flashPath = Path.GetTempFileName();
        var target = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../HeapScanTarget/bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "CardFirmware.HeapScanTarget.dll"));
        Assert.True(File.Exists(target), $"heap-scan target not built at {target}");
        var start = new ProcessStartInfo("dotnet", [target, scenario, flashPath, Convert.ToHexString(canary)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var ready = process.StandardOutput.ReadLine();
            if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
            {
                process.Kill();
                Assert.Fail($"target did not get ready: {ready} {process.StandardError.ReadToEnd()}");
            }

            var touches = int.Parse(ready["READY ".Length..]);
            var flash = File.ReadAllBytes(flashPath);
            var wanted = new Dictionary<string, byte[]>(patterns(touches, flash)) { ["canary"] = canary };
            // A hang guard, not a timing assertion: a scan takes about a second.
            var search = Task.Run(() => Search(process.Id, wanted));
            Assert.True(search.Wait(TimeSpan.FromMinutes(3)), "the heap scan did not finish");
            var (hits, scanned) = search.Result;
            return new Scan(touches, flash, hits, scanned);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            File.Delete(flashPath);
        }
    }

    private static (List<Hit> Hits, long Scanned) Search(int pid, Dictionary<string, byte[]> patterns)
    {
        // Not suspended: the target sits idle on its stdin after the session, so its heap is still,
        // and stopping every thread with ptrace can hang on a runtime thread that comes or goes.
        using var target = DataTarget.AttachToProcess(pid, suspend: false);
        // The target runs on this process's runtime, whose folder ships the matching DAC. ClrMD
        // cannot read the target's runtime version on Linux (it reports 0.0), hence ignoreMismatch.
        var dac = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true) : target.ClrVersions[0].CreateRuntime();
        var heap = runtime.Heap;
        var hardware = new HashSet<ulong>();
        foreach (var obj in heap.EnumerateObjects())
        {
            if (obj.Type?.Name?.StartsWith("CardFirmware.HalSim.", StringComparison.Ordinal) == true)
            {
                foreach (var referenced in obj.EnumerateReferences())
                {
                    hardware.Add(referenced.Address);
                }
            }
        }

        var hits = new List<Hit>();
        long scanned = 0;
        var buffer = new byte[1 << 16];
        foreach (var obj in heap.EnumerateObjects())
        {
            if (!obj.IsValid || obj.IsFree || hardware.Contains(obj.Address))
            {
                continue;
            }

            var size = (int)Math.Min(obj.Size, int.MaxValue);
            if (buffer.Length < size)
            {
                buffer = new byte[size];
            }

            var read = target.DataReader.Read(obj.Address, buffer.AsSpan(0, size));
            scanned++;
            foreach (var (name, pattern) in patterns)
            {
                if (buffer.AsSpan(0, read).IndexOf(pattern) >= 0)
                {
                    hits.Add(new Hit(name, obj.Type?.Name ?? "?"));
                }
            }
        }

        return (hits, scanned);
    }
}
