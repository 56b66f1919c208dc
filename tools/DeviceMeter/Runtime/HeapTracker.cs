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
    private readonly List<(GCHandle Handle, int Bytes)> _tracked = [];
    private int _sinceSample;

    /// <summary>Bytes live at the last sample.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>Live bytes at every sample so far, oldest first.</summary>
    public IReadOnlyList<long> History => _history;

    private readonly List<long> _history = [];

    /// <summary>Tracks <paramref name="created"/> of <paramref name="bytes"/> (nanoCLR size).</summary>
    public void Track(object created, int bytes)
    {
        _tracked.Add((GCHandle.Alloc(created, GCHandleType.Weak), bytes));
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
        for (var i = 0; i < _tracked.Count; i++)
        {
            var entry = _tracked[i];
            if (entry.Handle.Target is null)
            {
                entry.Handle.Free();
                continue;
            }

            live += entry.Bytes;
            _tracked[kept++] = entry;
        }

        _tracked.RemoveRange(kept, _tracked.Count - kept);
        LiveBytes = live;
        _history.Add(live);
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
