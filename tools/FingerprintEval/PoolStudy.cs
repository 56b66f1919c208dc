using CardFirmware.Biometrics;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Which codes a vault should hold and which minutiae should code, screened on match counts alone (no
/// vault is built, chaff ignored). Under the evaluation's leave-one-out protocol a fold's genuine codes
/// are at most <c>max</c> exact codes of its 7 enrollment touches pooled, codes two touches show first,
/// each group in <see cref="GenuineSelection"/>'s hash order; a touch's score is how many of them its
/// tolerant codes contain. Variants:
/// <list type="bullet">
/// <item>edge: minutiae nearer than this many pixels to the finger mask's edge (or the frame's) dropped
/// before coding, at enrollment and verification alike;</item>
/// <item>cap: the per-touch tolerant code cap (enrollment touches' exact codes come from the minutiae that fit it);</item>
/// <item>order "popN": codes that N or more fingers of a separate population present (a <see cref="Dump"/>
/// of another set, <c>--population</c>) are left out of the vault.</item>
/// </list>
/// Prints per variant and threshold K the genuine touches below K (a lower bound of the FRR, poor captures
/// included) and the impostor touches reaching K (an upper bound of the FAR), the highest impostor
/// scores, which impostor touches reach 16, and on small sets each genuine touch below the card's K with
/// its hits on the vault, its hits on every code of its enrollment touches and its minutiae.
/// </summary>
internal static class PoolStudy
{
    private static readonly int[] Thresholds = [14, 16, 18, 20, 22, 24, 26, 28, 30, 34, 38, 42, 46, 50];

    private const int HubScore = 16;

    public static void Run(List<FingerTouches> fingers, int[] edges, int[] caps, int[] maxes, string[] orders, Dictionary<uint, int> population)
    {
        var touches = fingers.SelectMany(f => f.Frames.Select((frame, t) => (f.Finger, Touch: t, Frame: frame))).ToArray();
        var analysed = Analyse(touches.Select(t => t.Frame).ToArray());
        foreach (var edge in edges)
        {
            foreach (var cap in caps)
            {
                var coded = Code(analysed, edge, cap);
                var tolerant = new Dictionary<(int, int), HashSet<uint>?>();
                var exact = new Dictionary<(int, int), uint[]?>();
                var minutiae = new Dictionary<(int, int), int>();
                for (var i = 0; i < touches.Length; i++)
                {
                    tolerant[(touches[i].Finger, touches[i].Touch)] = coded[i].Tolerant?.ToHashSet();
                    exact[(touches[i].Finger, touches[i].Touch)] = coded[i].Exact;
                    minutiae[(touches[i].Finger, touches[i].Touch)] = coded[i].Minutiae;
                }

                var accepted = coded.Where(c => c.Tolerant is not null).ToArray();
                if (accepted.Length == 0)
                {
                    Console.WriteLine($"edge >= {edge} px, cap {cap}: no touch passed the quality gate");
                    continue;
                }

                Console.WriteLine($"edge >= {edge} px, cap {cap}: tolerant codes a touch median {Median(accepted.Select(c => c.Tolerant!.Length))}, " +
                                  $"minutiae median {Median(accepted.Select(c => c.Minutiae))}");
                foreach (var order in orders)
                {
                    foreach (var max in maxes)
                    {
                        Screen(fingers, tolerant, exact, minutiae, order, max, population);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes every touch's tolerant and exact codes (edge 0, the card's cap) to <paramref name="path"/>:
    /// per touch finger, touch, the two counts (int32) and the codes (uint32), tolerant first. A dump of one
    /// set is the population another set's "popN" order is screened against.
    /// </summary>
    public static void Dump(List<FingerTouches> fingers, string path)
    {
        var touches = fingers.SelectMany(f => f.Frames.Select((frame, t) => (f.Finger, Touch: t, Frame: frame))).ToArray();
        var coded = Code(Analyse(touches.Select(t => t.Frame).ToArray()), 0, FingerKeyExtractor.MaxTouchCodes);
        using var w = new BinaryWriter(File.Create(path));
        for (var i = 0; i < touches.Length; i++)
        {
            var tolerant = coded[i].Tolerant ?? [];
            var exact = coded[i].Exact ?? [];
            w.Write(touches[i].Finger);
            w.Write(touches[i].Touch);
            w.Write(tolerant.Length);
            w.Write(exact.Length);
            foreach (var c in tolerant.Concat(exact))
            {
                w.Write(c);
            }
        }

        Console.WriteLine($"{touches.Length} touches of {fingers.Count} fingers written to {path}");
    }

    /// <summary>How many fingers of a <see cref="Dump"/> present each tolerant code.</summary>
    public static Dictionary<uint, int> Population(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        var perFinger = new Dictionary<int, HashSet<uint>>();
        while (r.BaseStream.Position < r.BaseStream.Length)
        {
            var finger = r.ReadInt32();
            r.ReadInt32();
            int tolerant = r.ReadInt32(), exact = r.ReadInt32();
            if (!perFinger.TryGetValue(finger, out var codes))
            {
                perFinger[finger] = codes = [];
            }

            for (var i = 0; i < tolerant; i++)
            {
                codes.Add(r.ReadUInt32());
            }

            r.BaseStream.Seek(4L * exact, SeekOrigin.Current);
        }

        var result = new Dictionary<uint, int>();
        foreach (var c in perFinger.Values.SelectMany(s => s))
        {
            result[c] = result.GetValueOrDefault(c) + 1;
        }

        Console.WriteLine($"population: {perFinger.Count} fingers, {result.Count} distinct tolerant codes");
        return result;
    }

    private static void Screen(List<FingerTouches> fingers, Dictionary<(int, int), HashSet<uint>?> tolerant, Dictionary<(int, int), uint[]?> exact,
        Dictionary<(int, int), int> minutiae, string order, int max, Dictionary<uint, int> population)
    {
        var genuine = new List<(int Finger, int Held, int Score, int Union, int Minutiae, int Vault)>();
        var impostor = new List<int>();
        var hubs = new List<(int Score, int Finger, int Touch, int Vault)>();
        var popular = order.StartsWith("pop", StringComparison.Ordinal) ? int.Parse(order[3..]) : int.MaxValue;
        foreach (var f in fingers)
        {
            var count = f.Frames.Length;
            for (var held = 0; held < count; held++)
            {
                var enrolled = Enumerable.Range(1, count - 1).Select(s => (held + s) % count)
                    .Where(t => tolerant[(f.Finger, t)] is not null).Take(FingerKeyExtractor.EnrollmentTouches).ToList();
                if (enrolled.Count < Math.Min(FingerKeyExtractor.EnrollmentTouches, EvalReport.DefaultMinEnrollmentTouches))
                {
                    continue;
                }

                var union = enrolled.SelectMany(t => exact[(f.Finger, t)]!).Distinct().ToArray();
                var shown = enrolled.Select(t => tolerant[(f.Finger, t)]!).ToList();
                var vault = union.Where(c => population.GetValueOrDefault(c) < popular)
                    .OrderBy(c => GenuineSelection.SortKey(c, (uint)shown.Count(s => s.Contains(c)), 1))
                    .Take(max).ToHashSet();
                var probe = tolerant[(f.Finger, held)];
                genuine.Add((f.Finger, held, probe is null ? -1 : vault.Count(probe.Contains), probe is null ? -1 : union.Count(probe.Contains),
                    probe is null ? -1 : minutiae[(f.Finger, held)], vault.Count));
                foreach (var g in fingers.Where(g => g.Finger != f.Finger))
                {
                    for (var t = 0; t < g.Frames.Length; t++)
                    {
                        if (tolerant[(g.Finger, t)] is { } codes)
                        {
                            var hits = vault.Count(codes.Contains);
                            impostor.Add(hits);
                            if (hits >= HubScore)
                            {
                                hubs.Add((hits, g.Finger, t, f.Finger));
                            }
                        }
                    }
                }
            }
        }

        if (genuine.Count == 0)
        {
            Console.WriteLine($"  order {order}, genuine at most {max}: no fold enrolled");
            return;
        }

        Console.WriteLine($"  order {order}, genuine at most {max}: median vault {Median(genuine.Select(g => g.Vault))} genuine, largest {genuine.Max(g => g.Vault)}; " +
                          $"{genuine.Count} genuine, {impostor.Count} impostor attempts; highest impostor scores " + string.Join(" ", impostor.OrderDescending().Take(8)));
        Console.WriteLine("    K: genuine below K | impostors reaching K: " +
                          string.Join(", ", Thresholds.Select(k => $"{k}: {genuine.Count(g => g.Score < k)} | {impostor.Count(s => s >= k)}")));
        Console.WriteLine($"    impostor touches reaching {HubScore} (probe finger/touch: attempts, highest, minutiae, codes, whose vaults): " +
                          string.Join(", ", hubs.GroupBy(h => (h.Finger, h.Touch)).OrderByDescending(g => g.Max(h => h.Score)).Take(12)
                              .Select(g => $"{g.Key.Finger}/{g.Key.Touch}: {g.Count()}, {g.Max(h => h.Score)}, {minutiae[g.Key]}, {tolerant[g.Key]!.Count}, " +
                                      "vaults of " + string.Join("+", g.Select(h => h.Vault).Distinct().Order()))) +
                          $"; {hubs.Select(h => (h.Finger, h.Touch)).Distinct().Count()} distinct touches, against {hubs.Select(h => h.Vault).Distinct().Count()} fingers' vaults");
        if (fingers.Count <= 12)
        {
            Console.WriteLine($"    genuine below K = {FuzzyVault.DefaultK} (finger/held: vault hits, hits on every enrollment code, minutiae; -1 not acquired or refused): " +
                              string.Join(", ", genuine.Where(g => g.Score < FuzzyVault.DefaultK).Select(g => $"{g.Finger}/{g.Held}: {g.Score},{g.Union},{g.Minutiae}")));
        }
    }

    // Minutiae of every acquired touch the gate accepts, with each one's distance to the mask's edge.
    private static (MinutiaSet? Set, int[] Edge)[] Analyse(byte[]?[] frames)
    {
        var analysed = new (MinutiaSet?, int[])[frames.Length];
        Parallel.For(0, frames.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => ImageKernelChoice.Analyzer(),
            (i, _, analyzer) =>
            {
                analysed[i] = frames[i] is null ? (null, []) : Minutiae(analyzer, (byte[])frames[i]!.Clone());
                return analyzer;
            },
            _ => { });
        return analysed;
    }

    private static (uint[]? Tolerant, uint[]? Exact, int Minutiae)[] Code((MinutiaSet? Set, int[] Edge)[] analysed, int edge, int cap)
    {
        var coded = new (uint[]?, uint[]?, int)[analysed.Length];
        Parallel.For(0, analysed.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => coded[i] = Encode(analysed[i], edge, cap));
        return coded;
    }

    private static (MinutiaSet?, int[]) Minutiae(CaptureAnalyzer analyzer, byte[] frame)
    {
        try
        {
            if (analyzer.Analyse(frame) != QualityError.None)
            {
                return (null, []);
            }

            var m = analyzer.Work.Minutiae;
            var copy = new MinutiaSet(Math.Max(1, m.Count));
            var edge = new int[m.Count];
            for (var i = 0; i < m.Count; i++)
            {
                copy.Add(m.X[i], m.Y[i], m.Type[i], m.Angle[i], m.Reliability[i]);
                edge[i] = MinutiaStudy.EdgeDistance(analyzer.Work.Foreground, m.X[i], m.Y[i]);
            }

            return (copy, edge);
        }
        finally
        {
            analyzer.Clear();
        }
    }

    // As the card codes a touch (tolerant codes fitting the cap, then exact codes of the same minutiae),
    // from the minutiae at least minEdge pixels inside the finger.
    private static (uint[]?, uint[]?, int) Encode((MinutiaSet? Set, int[] Edge) touch, int minEdge, int cap)
    {
        if (touch.Set is null)
        {
            return (null, null, 0);
        }

        var set = new MinutiaSet(Math.Max(1, touch.Set.Count));
        for (var i = 0; i < touch.Set.Count; i++)
        {
            if (touch.Edge[i] >= minEdge)
            {
                set.Add(touch.Set.X[i], touch.Set.Y[i], touch.Set.Type[i], touch.Set.Angle[i], touch.Set.Reliability[i]);
            }
        }

        var buffer = new CodeBuffer(cap);
        var tolerant = Read(buffer, CodeSet.SortUnique(buffer, TripletEncoder.EncodeFitting(set, true, buffer, new int[6], new float[6])));
        buffer.Wipe();
        var exact = Read(buffer, CodeSet.SortUnique(buffer, TripletEncoder.EncodeFitting(set, false, buffer, new int[6], new float[6])));
        return (tolerant, exact, set.Count);
    }

    private static uint[] Read(CodeBuffer buffer, int count) => Enumerable.Range(0, count).Select(i => buffer[i]).ToArray();

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
