using CardFirmware.Biometrics;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Development aid: which minutiae repeat. Every acquired touch's minutiae (the extractor's output,
/// before the per-touch code cap) are paired with those of each other touch of the same finger at the
/// best rigid alignment (<see cref="PairStudy.BestPairs"/>); a minutia "repeats" when some other
/// impression pairs it. The same pairing against as many touches of other fingers gives the rate at
/// which alignment alone pairs unrelated minutiae (chance). Repeat rates are broken down by distance
/// to the finger mask's edge, block coherence (the ranking the cap uses), type, and whether the code
/// cap (<see cref="TripletEncoder.EncodeFitting"/>) kept the minutia.
/// </summary>
internal static class MinutiaStudy
{
    private sealed record Minutia(int Finger, int Touch, int Index, int EdgeDistance, float Coherence, int Type, bool Capped, int Count);

    public static void Run(List<FingerTouches> fingers, int cap)
    {
        var touches = new Dictionary<(int, int), (PairStudy.Touch Touch, Minutia[] Minutiae)>();
        var analyzer = new CaptureAnalyzer();
        var codes = new CodeBuffer(cap);
        var bins = new int[6];
        var fractions = new float[6];
        foreach (var f in fingers)
        {
            for (var t = 0; t < f.Frames.Length; t++)
            {
                if (f.Frames[t] is not { } frame)
                {
                    continue;
                }

                if (analyzer.Analyse((byte[])frame.Clone()) == QualityError.None)
                {
                    var m = analyzer.Work.Minutiae;
                    var n = m.Count;
                    var touch = new PairStudy.Touch(m.X.Take(n).Select(v => (int)v).ToArray(), m.Y.Take(n).Select(v => (int)v).ToArray(), m.Angle.Take(n).ToArray());
                    var edge = Enumerable.Range(0, n).Select(i => EdgeDistance(analyzer.Work.Foreground, m.X[i], m.Y[i])).ToArray();
                    var coherence = m.Reliability.Take(n).ToArray();
                    var type = m.Type.Take(n).Select(v => (int)v).ToArray();
                    TripletEncoder.EncodeFitting(m, true, codes, bins, fractions);
                    var kept = new HashSet<(int, int)>(Enumerable.Range(0, m.Count).Select(i => ((int)m.X[i], (int)m.Y[i])));
                    touches[(f.Finger, t)] = (touch, Enumerable.Range(0, n).Select(i =>
                        new Minutia(f.Finger, t, i, edge[i], coherence[i], type[i], !kept.Contains((touch.X[i], touch.Y[i])), n)).ToArray());
                }

                analyzer.Clear();
            }
        }

        var genuine = new Dictionary<Minutia, int>();
        var chance = new Dictionary<Minutia, int>();
        var keys = touches.Keys.ToArray();
        foreach (var key in keys)
        {
            var (probe, minutiae) = touches[key];
            var own = keys.Where(k => k.Item1 == key.Item1 && k != key).ToArray();
            var others = keys.Where(k => k.Item1 != key.Item1).OrderBy(k => (k.Item1 * 7919 + k.Item2 * 104729 + key.Item1 * 31 + key.Item2) % 1009).Take(own.Length).ToArray();
            foreach (var m in minutiae)
            {
                genuine[m] = 0;
                chance[m] = 0;
            }

            foreach (var (set, into) in new[] { (own, genuine), (others, chance) })
            {
                foreach (var other in set)
                {
                    foreach (var (p, _) in PairStudy.BestPairs(probe, touches[other].Touch))
                    {
                        into[minutiae[p]]++;
                    }
                }
            }
        }

        var all = genuine.Keys.ToList();
        Console.WriteLine($"{touches.Count} touches, {all.Count} minutiae (median {Median(touches.Values.Select(v => v.Minutiae.Length))} a touch), " +
                          $"{all.Count(m => m.Capped)} dropped by the code cap ({touches.Values.Count(v => v.Minutiae.Any(m => m.Capped))} touches capped)");
        Console.WriteLine("group: minutiae, repeated in >=1 / >=2 / >=3 other impressions (genuine) | paired by chance in >=1 / >=2 unrelated touches");
        Print("all", all, genuine, chance);
        foreach (var (lo, hi) in new[] { (0, 12), (12, 16), (16, 24), (24, 32), (32, 48), (48, 999) })
        {
            Print($"mask edge {lo}-{hi} px", all.Where(m => m.EdgeDistance >= lo && m.EdgeDistance < hi).ToList(), genuine, chance);
        }

        foreach (var (lo, hi) in new[] { (0f, 0.4f), (0.4f, 0.55f), (0.55f, 0.7f), (0.7f, 0.85f), (0.85f, 1.01f) })
        {
            Print($"coherence {lo:F2}-{hi:F2}", all.Where(m => m.Coherence >= lo && m.Coherence < hi).ToList(), genuine, chance);
        }

        Print("endings", all.Where(m => m.Type == MinutiaSet.Ending).ToList(), genuine, chance);
        Print("bifurcations", all.Where(m => m.Type == MinutiaSet.Bifurcation).ToList(), genuine, chance);
        Print("kept by the cap", all.Where(m => !m.Capped).ToList(), genuine, chance);
        Print("dropped by the cap", all.Where(m => m.Capped).ToList(), genuine, chance);
    }

    private static void Print(string name, List<Minutia> group, Dictionary<Minutia, int> genuine, Dictionary<Minutia, int> chance)
    {
        if (group.Count == 0)
        {
            return;
        }

        string Rate(Dictionary<Minutia, int> d, int at) => $"{100.0 * group.Count(m => d[m] >= at) / group.Count,5:F1} %";
        Console.WriteLine($"  {name,-22}: {group.Count,5}, {Rate(genuine, 1)} / {Rate(genuine, 2)} / {Rate(genuine, 3)} | {Rate(chance, 1)} / {Rate(chance, 2)}");
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    // Pixels from (x, y) to the nearest background block's centre or the frame edge, whichever is nearer.
    internal static int EdgeDistance(byte[] foreground, int x, int y)
    {
        var best = Math.Min(Math.Min(x, y), Math.Min(FrameGeometry.Side - 1 - x, FrameGeometry.Side - 1 - y));
        for (var b = 0; b < FrameGeometry.BlockCount; b++)
        {
            if (foreground[b] != 0)
            {
                continue;
            }

            var cx = ((b % FrameGeometry.Blocks) * FrameGeometry.BlockSide) + (FrameGeometry.BlockSide / 2);
            var cy = ((b / FrameGeometry.Blocks) * FrameGeometry.BlockSide) + (FrameGeometry.BlockSide / 2);
            best = Math.Min(best, (int)Math.Sqrt(((cx - x) * (cx - x)) + ((cy - y) * (cy - y))));
        }

        return best;
    }
}
