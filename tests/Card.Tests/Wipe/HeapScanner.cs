using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Diagnostics.Runtime;

namespace CardFirmware.Card.Tests.Wipe;

/// <summary>
/// Runs one scenario in a separate process (tests/HeapScanTarget), waits until it is idle, attaches
/// with ClrMD and searches the whole committed memory of every managed-heap segment for byte
/// patterns: live objects, unreachable (dead) objects, free-list blocks and the committed space past
/// the last object alike, because nanoCLR does not zero freed memory and a secret left in a dead
/// array is as readable to a RAM dump as one in a live array. The target does not collect garbage
/// before the scan. Live objects that belong to the simulated hardware (the sensor's pixel FIFO, the
/// flash array) are not card RAM and are left out, as is the canary the target keeps on purpose.
/// </summary>
internal static class HeapScanner
{
    /// <summary>One pattern found: its name, and where (e.g. "dead System.UInt32[]", "free space").</summary>
    public sealed record Hit(string Pattern, string ObjectType);

    /// <summary>The scan's result: hits, objects walked (live, dead and free blocks), committed bytes searched, bytes the target allocated.</summary>
    public sealed record Scan(int Touches, byte[] Flash, IReadOnlyList<Hit> Hits, long ObjectsScanned, long DeadObjects, long BytesScanned, long BytesAllocated);

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

        // A gen0 budget far above what a scenario allocates (about 70 MB): no collection runs, so every
        // array the card ever dropped is still in the heap with its contents, as on nanoCLR.
        start.Environment["DOTNET_GCgen0size"] = "0x20000000";
        // Every method compiled once, on first call: with tiered compilation a background thread keeps
        // re-compiling hot methods after the scenario and rewrites the method tables that the unsuspended
        // scan below reads (a data-access segfault in the reader took the whole test host down).
        start.Environment["DOTNET_TieredCompilation"] = "0";
        using var process = Process.Start(start)!;
        try
        {
            var ready = process.StandardOutput.ReadLine();
            if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
            {
                process.Kill();
                Assert.Fail($"target did not get ready: {ready} {process.StandardError.ReadToEnd()}");
            }

            var fields = ready.Split(' ');
            var touches = int.Parse(fields[1]);
            Assert.True(fields[2] == "0", $"the target collected garbage {fields[2]} times: dropped arrays may be gone, the scan would prove less");
            var flash = File.ReadAllBytes(flashPath);
            var wanted = new Dictionary<string, byte[]>(patterns(touches, flash)) { ["canary"] = canary };
            // A hang guard, not a timing assertion: a scan takes seconds.
            var search = Task.Run(() => Search(process.Id, wanted));
            Assert.True(search.Wait(TimeSpan.FromMinutes(5)), "the heap scan did not finish");
            var result = search.Result;
            return new Scan(touches, flash, result.Hits, result.Objects, result.Dead, result.Bytes, long.Parse(fields[3]));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            File.Delete(flashPath);
        }
    }

    private sealed record Found(List<Hit> Hits, long Objects, long Dead, long Bytes);

    private static Found Search(int pid, Dictionary<string, byte[]> patterns)
    {
        // Not suspended: the target sits idle on its stdin after the session, so its heap is still,
        // and stopping every thread with ptrace can hang on a runtime thread that comes or goes.
        using var target = DataTarget.AttachToProcess(pid, suspend: false);
        // The target runs on this process's runtime, whose folder ships the matching DAC. ClrMD
        // cannot read the target's runtime version on Linux (it reports 0.0), hence ignoreMismatch.
        var dac = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true) : target.ClrVersions[0].CreateRuntime();
        var heap = runtime.Heap;
        var live = Reachable(heap);
        var hardware = new HashSet<ulong>();
        var objects = new List<(ulong Start, ulong End, bool Free, string Type)>();
        long dead = 0;
        foreach (var obj in heap.EnumerateObjects(carefully: true))
        {
            if (!obj.IsValid)
            {
                continue;
            }

            objects.Add((obj.Address, obj.Address + obj.Size, obj.IsFree, obj.Type?.Name ?? "?"));
            if (!obj.IsFree && !live.Contains(obj.Address))
            {
                dead++;
            }

            if (live.Contains(obj.Address) && obj.Type?.Name?.StartsWith("CardFirmware.HalSim.", StringComparison.Ordinal) == true)
            {
                foreach (var referenced in obj.EnumerateReferences())
                {
                    hardware.Add(referenced.Address);
                }
            }
        }

        objects.Sort((a, b) => a.Start.CompareTo(b.Start));
        var matcher = new PatternMatcher(patterns);
        var hits = new List<Hit>();
        long bytes = 0;
        foreach (var segment in heap.Segments)
        {
            var range = segment.CommittedMemory;
            if (range.Length == 0)
            {
                continue;
            }

            var memory = new byte[checked((int)range.Length)];
            var read = target.DataReader.Read(range.Start, memory);
            bytes += read;
            foreach (var (name, offset) in matcher.Find(memory.AsSpan(0, read)))
            {
                var where = Locate(objects, live, range.Start + (ulong)offset);
                if (where.Start != 0 && hardware.Contains(where.Start))
                {
                    continue;
                }

                hits.Add(new Hit(name, where.Description));
            }
        }

        return new Found(hits.Distinct().ToList(), objects.Count, dead, bytes);
    }

    // The objects a garbage collection would keep: everything reachable from the runtime's roots.
    private static HashSet<ulong> Reachable(ClrHeap heap)
    {
        var live = new HashSet<ulong>();
        var pending = new Stack<ClrObject>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.IsValid && live.Add(root.Object.Address))
            {
                pending.Push(root.Object);
            }
        }

        while (pending.Count > 0)
        {
            foreach (var referenced in pending.Pop().EnumerateReferences(carefully: true, considerDependantHandles: true))
            {
                if (referenced.IsValid && live.Add(referenced.Address))
                {
                    pending.Push(referenced);
                }
            }
        }

        return live;
    }

    private static (ulong Start, string Description) Locate(List<(ulong Start, ulong End, bool Free, string Type)> objects, HashSet<ulong> live, ulong address)
    {
        int lo = 0, hi = objects.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (objects[mid].Start <= address)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found < 0 || address >= objects[found].End)
        {
            return (0, "unallocated committed space");
        }

        var o = objects[found];
        if (o.Free)
        {
            return (o.Start, "free space");
        }

        return (o.Start, (live.Contains(o.Start) ? "live " : "dead ") + o.Type);
    }

    // Finds every occurrence of every pattern at any byte offset: a table on the first two bytes, then a
    // full comparison (memory is mostly zeros and object headers, so candidates are rare).
    private sealed class PatternMatcher
    {
        private readonly List<(string Name, byte[] Bytes)>[] byPrefix = new List<(string, byte[])>[65536];
        private readonly int shortest;

        public PatternMatcher(Dictionary<string, byte[]> patterns)
        {
            shortest = int.MaxValue;
            foreach (var (name, bytes) in patterns)
            {
                Assert.True(bytes.Length >= 8, $"pattern {name} is too short to be evidence");
                var key = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
                (byPrefix[key] ??= []).Add((name, bytes));
                shortest = Math.Min(shortest, bytes.Length);
            }
        }

        public IEnumerable<(string Name, int Offset)> Find(ReadOnlySpan<byte> memory)
        {
            var found = new List<(string, int)>();
            for (var i = 0; i + shortest <= memory.Length; i++)
            {
                var candidates = byPrefix[BinaryPrimitives.ReadUInt16LittleEndian(memory[i..])];
                if (candidates is null)
                {
                    continue;
                }

                foreach (var (name, bytes) in candidates)
                {
                    if (i + bytes.Length <= memory.Length && memory.Slice(i, bytes.Length).SequenceEqual(bytes))
                    {
                        found.Add((name, i));
                    }
                }
            }

            return found;
        }
    }
}
