using CardFirmware.DeviceMeter.Instrumentation;
using CardFirmware.DeviceMeter.Runtime;

namespace CardFirmware.DeviceMeter.Operations;

/// <summary>
/// Turns probe snapshots into <see cref="OperationResult"/>s: an operation is the difference of the
/// counters between its start and its end (the card's work only; the phone's is not counted), with
/// the largest live-heap sample in between.
/// </summary>
public sealed class OperationRecorder(InstrumentationMap map, int topCount)
{
    private readonly List<OperationResult> _results = [];

    /// <summary>The operations recorded so far, in order.</summary>
    public IReadOnlyList<OperationResult> Results => _results;

    /// <summary>Starts an operation now.</summary>
    public Span Begin(string id, string title, string route, string note = "")
    {
        Probe.Heap.Sample();
        return new Span(this, id, title, route, note, Probe.Snapshot(), Probe.Heap.History.Count - 1);
    }

    /// <summary>Runs <paramref name="action"/> as one operation.</summary>
    public void Measure(string id, string title, string route, Action action, string note = "")
    {
        var span = Begin(id, title, route, note);
        action();
        span.End();
    }

    /// <summary>Adds a recorded result (for one carved out of another operation).</summary>
    public void Add(OperationResult result) => _results.Add(result);

    private OperationResult Build(string id, string title, string route, string note, ProbeSnapshot delta, long peak, IReadOnlyList<(int Site, long Bytes)> peakBreakdown, int peakTrigger, int region)
    {
        var methodIl = new long[map.Methods.Count];
        var blocks = map.Blocks.Count;
        long il = 0;
        for (var block = 0; block < blocks; block++)
        {
            var hits = region == 0 ? delta.BlockHits[block] : delta.RegionBlockHits[(region * blocks) + block];
            var weighted = hits * map.Blocks[block].Weight;
            il += weighted;
            methodIl[map.Blocks[block].Method] += weighted;
        }

        var sites = map.Sites.Count;
        long native = 0, library = 0, allocations = 0, bytes = 0;
        var nativeTargets = new Dictionary<string, long>();
        var nativeUnits = new Dictionary<string, long>();
        var nativeCallers = new Dictionary<string, long>();
        for (var site = 0; site < sites; site++)
        {
            var hits = region == 0 ? delta.SiteHits[site] : delta.RegionSiteHits[(region * sites) + site];
            if (hits == 0)
            {
                continue;
            }

            switch (map.Sites[site].Kind)
            {
                case SiteKind.Allocation:
                    allocations += hits;
                    bytes += region == 0 ? delta.SiteBytes[site] : delta.RegionSiteBytes[(region * sites) + site];
                    break;
                case SiteKind.NativeCall:
                    native += hits;
                    nativeTargets[map.Sites[site].Target] = nativeTargets.GetValueOrDefault(map.Sites[site].Target) + hits;
                    var measured = region == 0 ? delta.SiteBytes[site] : delta.RegionSiteBytes[(region * sites) + site];
                    if (measured > 0)
                    {
                        nativeUnits[map.Sites[site].Target] = nativeUnits.GetValueOrDefault(map.Sites[site].Target) + measured;
                    }

                    var caller = map.Methods[map.Sites[site].Method] + " -> " + ShortTarget(map.Sites[site].Target);
                    nativeCallers[caller] = nativeCallers.GetValueOrDefault(caller) + hits;
                    break;
                default:
                    library += hits;
                    break;
            }
        }

        var top = methodIl
            .Select((value, index) => new MethodIl(map.Methods[index], value))
            .Where(m => m.Il > 0)
            .OrderByDescending(m => m.Il).ThenBy(m => m.Method, StringComparer.Ordinal)
            .Take(topCount).ToList();
        var types = methodIl
            .Select((value, index) => (Type: TypeOf(map.Methods[index]), Il: value))
            .GroupBy(m => m.Type).Select(g => new MethodIl(g.Key, g.Sum(m => m.Il)))
            .Where(t => t.Il > 0)
            .OrderByDescending(t => t.Il).ThenBy(t => t.Method, StringComparer.Ordinal)
            .Take(topCount).ToList();
        var targets = nativeTargets.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new MethodIl(t.Key, t.Value)).ToList();
        return new OperationResult(id, title, route, il, native, library, allocations, bytes, peak, top, types, targets, note)
        {
            NativeTargetUnits = [.. nativeUnits.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new MethodIl(t.Key, t.Value))],
            TopNativeCallers = [.. nativeCallers.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Take(topCount).Select(t => new MethodIl(t.Key, t.Value))],
            PeakLiveBySite = [.. peakBreakdown.Select(e => new MethodIl(e.Site == HeapTracker.OtherSites
                ? "every other allocation site together"
                : map.Sites[e.Site].Target + " in " + map.Methods[map.Sites[e.Site].Method], e.Bytes))],
            PeakPhase = peakTrigger == HeapTracker.NoTrigger
                ? "at the operation's end"
                : "at an allocation in " + map.Methods[map.Sites[peakTrigger].Method],
        };
    }

    /// <summary>A documentation id without its "M:" and namespace: Type.Method.</summary>
    private static string ShortTarget(string target)
    {
        var paren = target.IndexOf('(');
        var name = paren >= 0 ? target[..paren] : target;
        var dot = name.LastIndexOf('.');
        dot = dot > 0 ? name.LastIndexOf('.', dot - 1) : -1;
        return dot >= 0 ? name[(dot + 1)..] : name;
    }

    private static string TypeOf(string method) => method[..method.IndexOf("::", StringComparison.Ordinal)];

    /// <summary>An operation in progress.</summary>
    public sealed class Span
    {
        private readonly OperationRecorder _recorder;
        private readonly string _id;
        private readonly string _title;
        private readonly string _route;
        private readonly string _note;
        private readonly ProbeSnapshot _start;
        private readonly int _firstSample;
        private ProbeSnapshot? _delta;
        private long _peak;
        private IReadOnlyList<(int Site, long Bytes)> _peakBreakdown = [];
        private int _peakTrigger = HeapTracker.NoTrigger;

        internal Span(OperationRecorder recorder, string id, string title, string route, string note, ProbeSnapshot start, int firstSample)
        {
            _recorder = recorder;
            _id = id;
            _title = title;
            _route = route;
            _note = note;
            _start = start;
            _firstSample = firstSample;
        }

        /// <summary>Ends the operation and records it (under another <paramref name="id"/> and <paramref name="title"/> if given).</summary>
        public OperationResult End(string? id = null, string? title = null)
        {
            Probe.Heap.Sample();
            _delta = Probe.Snapshot().Minus(_start);
            _peak = Probe.Heap.PeakSince(_firstSample);
            _peakBreakdown = Probe.Heap.PeakBreakdownSince(_firstSample);
            _peakTrigger = Probe.Heap.PeakTriggerSince(_firstSample);
            var result = _recorder.Build(id ?? _id, title ?? _title, _route, _note, _delta, _peak, _peakBreakdown, _peakTrigger, 0);
            _recorder._results.Add(result);
            return result;
        }

        /// <summary>After <see cref="End"/>: the part of this operation spent inside region <paramref name="region"/>, recorded as its own operation.</summary>
        public OperationResult Region(int region, string id, string title, string note = "")
        {
            var delta = _delta ?? throw new InvalidOperationException("End the operation first.");
            var result = _recorder.Build(id, title, _route, note, delta, _peak, _peakBreakdown, _peakTrigger, region);
            _recorder._results.Add(result);
            return result;
        }
    }
}
