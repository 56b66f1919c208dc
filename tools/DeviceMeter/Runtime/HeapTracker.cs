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

    /// <summary>The breakdown entry that sums every site below the largest <see cref="BreakdownSites"/>.</summary>
    public const int OtherSites = -1;

    /// <summary>A sample taken on request (an operation's end), not at an allocation.</summary>
    public const int NoTrigger = -1;

    private readonly List<(GCHandle Handle, int Bytes, int Site)> _tracked = [];
    private readonly List<(int Site, long Bytes)[]> _breakdowns = [];
    private readonly List<int> _triggers = [];
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
            Sample(site);
        }
    }

    /// <summary>Collects, drops the dead, and records the live bytes in <see cref="History"/>.</summary>
    public void Sample() => Sample(NoTrigger);

    // trigger: the allocation site whose allocation took the sample (the phase the card was in), or NoTrigger.
    private void Sample(int trigger)
    {
        _sinceSample = 0;
        GC.Collect();
        long live = 0;
        var alive = 0;
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
            _tracked[alive++] = entry;
        }

        _tracked.RemoveRange(alive, _tracked.Count - alive);
        LiveBytes = live;
        _history.Add(live);
        var ordered = bySite.OrderByDescending(e => e.Value).ThenBy(e => e.Key).ToList();
        var kept = ordered.Take(BreakdownSites).Select(e => (e.Key, e.Value)).ToList();
        var rest = ordered.Skip(BreakdownSites).Sum(e => e.Value);
        if (rest > 0)
        {
            kept.Add((OtherSites, rest));
        }

        _breakdowns.Add([.. kept]);
        _triggers.Add(trigger);
    }

    /// <summary>The allocation site whose allocation took the largest sample from index <paramref name="first"/> on (<see cref="NoTrigger"/> for an end-of-operation sample or none).</summary>
    public int PeakTriggerSince(int first)
    {
        var at = PeakIndexSince(first);
        return at < 0 ? NoTrigger : _triggers[at];
    }

    /// <summary>
    /// What was live at the largest sample from index <paramref name="first"/> on: the allocation sites
    /// holding the most bytes then, largest first (at most <see cref="BreakdownSites"/>), then
    /// <see cref="OtherSites"/> with the bytes of all the others.
    /// </summary>
    public IReadOnlyList<(int Site, long Bytes)> PeakBreakdownSince(int first)
    {
        var at = PeakIndexSince(first);
        return at < 0 ? [] : _breakdowns[at];
    }

    private int PeakIndexSince(int first)
    {
        var at = -1;
        for (var i = first; i < _history.Count; i++)
        {
            if (at < 0 || _history[i] > _history[at])
            {
                at = i;
            }
        }

        return at;
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
