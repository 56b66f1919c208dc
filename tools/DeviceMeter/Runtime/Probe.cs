using System.Runtime.CompilerServices;

namespace CardFirmware.DeviceMeter.Runtime;

/// <summary>
/// The counters the instrumented card assemblies call: one per basic block entered, one per
/// allocation site and one per call into the base class library. They count only while the card
/// runs (<see cref="CardScope"/> entered: the firmware's boot and main-loop turns, or a card party
/// the meter runs directly), so the phone's use of the same assemblies is not counted.
/// </summary>
/// <remarks>
/// Single-threaded by design: the simulated card, its clock and the phone run on one thread.
/// Public because the rewritten IL of other assemblies calls it; nothing else should.
/// </remarks>
public static class Probe
{
    /// <summary>The scope id of the card itself; region ids follow.</summary>
    public const int CardScope = 0;

    private static long[] s_blockHits = [];
    private static int[] s_blockWeights = [];
    private static long[] s_siteHits = [];
    private static long[] s_siteBytes = [];
    private static int[] s_scopeDepth = new int[1];
    private static long[] s_regionBlockHits = [];
    private static long[] s_regionSiteHits = [];
    private static long[] s_regionSiteBytes = [];
    private static int s_openRegions;

    /// <summary>The live-heap tracker fed by every counted allocation.</summary>
    public static HeapTracker Heap { get; private set; } = new(256);

    /// <summary>Sizes the counters for an instrumentation map; clears every count.</summary>
    public static void Initialize(int[] blockWeights, int siteCount, int scopeCount, int heapSampleInterval)
    {
        s_blockWeights = blockWeights;
        s_blockHits = new long[blockWeights.Length];
        s_siteHits = new long[siteCount];
        s_siteBytes = new long[siteCount];
        s_scopeDepth = new int[scopeCount];
        s_regionBlockHits = new long[scopeCount * blockWeights.Length];
        s_regionSiteHits = new long[scopeCount * siteCount];
        s_regionSiteBytes = new long[scopeCount * siteCount];
        s_openRegions = 0;
        Heap = new HeapTracker(heapSampleInterval);
    }

    /// <summary>True while card code is being counted.</summary>
    public static bool InCard => s_scopeDepth[CardScope] > 0;

    /// <summary>A basic block of <paramref name="block"/>'s weight was entered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(int block)
    {
        if (s_scopeDepth[CardScope] > 0)
        {
            s_blockHits[block]++;
            if (s_openRegions > 0)
            {
                AddToRegions(block);
            }
        }
    }

    /// <summary>The object just created at allocation site <paramref name="site"/> (newobj, newarr, box).</summary>
    public static void Allocated(object created, int site)
    {
        if (s_scopeDepth[CardScope] > 0)
        {
            var bytes = NanoClrSizes.Of(created);
            s_siteHits[site]++;
            s_siteBytes[site] += bytes;
            if (s_openRegions > 0)
            {
                AddSiteToRegions(site, bytes);
            }

            Heap.Track(created, bytes, site);
        }
    }

    /// <summary>A call into the base class library returned at call site <paramref name="site"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Called(int site)
    {
        if (s_scopeDepth[CardScope] > 0)
        {
            s_siteHits[site]++;
            if (s_openRegions > 0)
            {
                AddSiteToRegions(site, 0);
            }
        }
    }

    /// <summary>
    /// The byte count a native entry point priced per byte is about to process (its sized argument) at
    /// call site <paramref name="site"/>; the call itself is counted by <see cref="Called"/> after it returns.
    /// </summary>
    public static void Measured(int bytes, int site) => AddUnits(bytes, site);

    /// <summary>
    /// The SHA-256 compression blocks a native entry point priced per block is about to hash at call site
    /// <paramref name="site"/>: <paramref name="messages"/> messages of <paramref name="length"/> bytes each
    /// (<see cref="CardTime.Sha256BlockArguments.Blocks"/>); the call itself is counted by <see cref="Called"/> after it returns.
    /// </summary>
    public static void MeasuredSha256Blocks(int length, int messages, int site) =>
        AddUnits(CardTime.Sha256BlockArguments.Blocks(length, messages), site);

    // A native site's measured work (bytes or blocks, by its entry point) shares the per-site sums with the allocation sites' bytes.
    private static void AddUnits(long units, int site)
    {
        if (s_scopeDepth[CardScope] > 0)
        {
            s_siteBytes[site] += units;
            for (var scope = 1; scope < s_scopeDepth.Length; scope++)
            {
                if (s_scopeDepth[scope] > 0)
                {
                    s_regionSiteBytes[(scope * s_siteHits.Length) + site] += units;
                }
            }
        }
    }

    /// <summary>Enters scope <paramref name="scope"/> (the card, or a region inside it).</summary>
    public static void Enter(int scope)
    {
        if (s_scopeDepth[scope]++ == 0 && scope != CardScope)
        {
            s_openRegions++;
        }
    }

    /// <summary>Leaves scope <paramref name="scope"/>.</summary>
    public static void Exit(int scope)
    {
        if (--s_scopeDepth[scope] == 0 && scope != CardScope)
        {
            s_openRegions--;
        }
    }

    /// <summary>A copy of every counter now.</summary>
    public static ProbeSnapshot Snapshot() => new(
        (long[])s_blockHits.Clone(), (long[])s_siteHits.Clone(), (long[])s_siteBytes.Clone(), (long[])s_regionBlockHits.Clone(),
        (long[])s_regionSiteHits.Clone(), (long[])s_regionSiteBytes.Clone());

    private static void AddSiteToRegions(int site, int bytes)
    {
        for (var scope = 1; scope < s_scopeDepth.Length; scope++)
        {
            if (s_scopeDepth[scope] > 0)
            {
                s_regionSiteHits[(scope * s_siteHits.Length) + site]++;
                s_regionSiteBytes[(scope * s_siteHits.Length) + site] += bytes;
            }
        }
    }

    private static void AddToRegions(int block)
    {
        for (var scope = 1; scope < s_scopeDepth.Length; scope++)
        {
            if (s_scopeDepth[scope] > 0)
            {
                s_regionBlockHits[(scope * s_blockHits.Length) + block]++;
            }
        }
    }
}

/// <summary>
/// The counters at one moment: block entries, site hits and bytes, and per region its block entries
/// and site hits and bytes (region r's block or site i at index r x count + i).
/// </summary>
public sealed record ProbeSnapshot(long[] BlockHits, long[] SiteHits, long[] SiteBytes, long[] RegionBlockHits, long[] RegionSiteHits, long[] RegionSiteBytes)
{
    /// <summary>What happened between <paramref name="earlier"/> and this snapshot.</summary>
    public ProbeSnapshot Minus(ProbeSnapshot earlier) => new(
        Subtract(BlockHits, earlier.BlockHits), Subtract(SiteHits, earlier.SiteHits),
        Subtract(SiteBytes, earlier.SiteBytes), Subtract(RegionBlockHits, earlier.RegionBlockHits),
        Subtract(RegionSiteHits, earlier.RegionSiteHits), Subtract(RegionSiteBytes, earlier.RegionSiteBytes));

    private static long[] Subtract(long[] a, long[] b)
    {
        var result = new long[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] - b[i];
        }

        return result;
    }
}
