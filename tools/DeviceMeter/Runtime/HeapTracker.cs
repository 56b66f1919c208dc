using System.Runtime.InteropServices;

namespace CardFirmware.DeviceMeter.Runtime;

/// <summary>
/// The card's live managed heap as nanoCLR would hold it: every object the card allocates is
/// tracked by a weak handle with its nanoCLR size; every <c>sampleInterval</c> allocations (and
/// when asked) a full collection runs and the sizes of the objects still reachable are summed.
/// </summary>
/// <remarks>
/// A peak is the largest sample, so it is a lower bound of the true peak: a buffer that lives
/// and dies between two samples is missed. The interval trades that resolution for meter time.
/// Objects the card allocated and the simulator still holds (a reply on the radio) count as live,
/// as they would on the card until its stack drops them.
/// </remarks>
public sealed class HeapTracker(int sampleInterval)
{
    /// <summary>How many allocation sites a sample's breakdown keeps (the largest by live bytes).</summary>
    public const int BreakdownSites = 15;

    private readonly List<(GCHandle Handle, int Bytes, int Site)> _tracked = [];
    private readonly List<(int Site, long Bytes)[]> _breakdowns = [];
    private int _sinceSample;

    /// <summary>Bytes live at the last sample.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>Live bytes at every sample so far, oldest first.</summary>
    public IReadOnlyList<long> History => _history;

    private readonly List<long> _history = [];

    /// <summary>Tracks <paramref name="created"/> of <paramref name="bytes"/> (nanoCLR size), allocated at <paramref name="site"/>.</summary>
    public void Track(object created, int bytes, int site)
    {
        _tracked.Add((GCHandle.Alloc(created, GCHandleType.Weak), bytes, site));
        if (++_sinceSample >= sampleInterval)
        {
            Sample();
        }
    }

    /// <summary>Collects, drops the dead, and records the live bytes in <see cref="History"/>.</summary>
    public void Sample()
    {
        _sinceSample = 0;
        GC.Collect();
        long live = 0;
        var kept = 0;
        var bySite = new Dictionary<int, long>();
        for (var i = 0; i < _tracked.Count; i++)
        {
            var entry = _tracked[i];
            if (entry.Handle.Target is null)
            {
                entry.Handle.Free();
                continue;
            }

            live += entry.Bytes;
            bySite[entry.Site] = bySite.GetValueOrDefault(entry.Site) + entry.Bytes;
            _tracked[kept++] = entry;
        }

        _tracked.RemoveRange(kept, _tracked.Count - kept);
        LiveBytes = live;
        _history.Add(live);
        _breakdowns.Add([.. bySite.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(BreakdownSites).Select(e => (e.Key, e.Value))]);
    }

    /// <summary>
    /// What was live at the largest sample from index <paramref name="first"/> on: the allocation sites
    /// holding the most bytes then, largest first (at most <see cref="BreakdownSites"/>).
    /// </summary>
    public IReadOnlyList<(int Site, long Bytes)> PeakBreakdownSince(int first)
    {
        var at = -1;
        for (var i = first; i < _history.Count; i++)
        {
            if (at < 0 || _history[i] > _history[at])
            {
                at = i;
            }
        }

        return at < 0 ? [] : _breakdowns[at];
    }

    /// <summary>The largest sample from index <paramref name="first"/> of <see cref="History"/> on.</summary>
    public long PeakSince(int first)
    {
        long peak = 0;
        for (var i = first; i < _history.Count; i++)
        {
            peak = Math.Max(peak, _history[i]);
        }

        return peak;
    }
}
