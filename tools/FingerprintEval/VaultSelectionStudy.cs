using CardFirmware.Biometrics;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Which enrollment codes a vault should hold, compared on match counts alone (no vault is built):
/// under the evaluation's leave-one-out protocol, each fold's genuine codes are chosen from the exact
/// codes of its enrollment touches, and a touch's score is how many of them its tolerant codes (at the
/// card's per-touch cap) contain. "unionN" keeps at most N codes in <see cref="GenuineSelection"/>'s
/// order with a code's confirmations counted over every enrollment touch (the card's tally counts
/// only later touches); "unionAll" keeps every code. Prints, per choice and threshold K, the genuine
/// touches scoring below K (a lower bound of the FRR: poor captures included, chaff ignored) and the
/// impostor touches reaching K (an upper bound of the FAR), and the highest impostor scores.
/// </summary>
internal static class VaultSelectionStudy
{
    private static readonly (int Touches, string Choice, int Max)[] Choices =
        [(5, "union400", 400), (7, "union400", 400), (7, "union800", 800), (7, "union1200", 1200), (5, "unionAll", int.MaxValue), (7, "unionAll", int.MaxValue)];

    private static readonly int[] Thresholds = [18, 20, 22, 24, 26, 28, 30, 34, 38];

    public static void Run(List<FingerTouches> fingers, int cap)
    {
        var tolerant = new Dictionary<(int, int), HashSet<uint>?>();
        var exact = new Dictionary<(int, int), uint[]?>();
        var touches = fingers.SelectMany(f => f.Frames.Select((frame, t) => (f.Finger, Touch: t, Frame: frame))).ToArray();
        var codes = new (HashSet<uint>? Tolerant, uint[]? Exact)[touches.Length];
        Parallel.For(0, touches.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => codes[i] = touches[i].Frame is null ? (null, null) : Encode((byte[])touches[i].Frame!.Clone(), cap));
        for (var i = 0; i < touches.Length; i++)
        {
            tolerant[(touches[i].Finger, touches[i].Touch)] = codes[i].Tolerant;
            exact[(touches[i].Finger, touches[i].Touch)] = codes[i].Exact;
        }

        foreach (var (enroll, choice, max) in Choices)
        {
            var genuine = new List<int>();
            var impostor = new List<int>();
            foreach (var f in fingers)
            {
                var count = f.Frames.Length;
                for (var held = 0; held < count; held++)
                {
                    var enrolled = Enumerable.Range(1, count - 1).Select(s => (held + s) % count)
                        .Where(t => tolerant[(f.Finger, t)] is not null).Take(enroll).ToList();
                    if (enrolled.Count < Math.Min(enroll, EvalReport.DefaultMinEnrollmentTouches))
                    {
                        continue;
                    }

                    var vault = Select(enrolled.Select(t => exact[(f.Finger, t)]!), enrolled.Select(t => tolerant[(f.Finger, t)]!).ToList(), max);
                    genuine.Add(tolerant[(f.Finger, held)] is { } probe ? vault.Count(probe.Contains) : -1);
                    impostor.AddRange(fingers.Where(g => g.Finger != f.Finger)
                        .SelectMany(g => Enumerable.Range(0, g.Frames.Length).Select(t => tolerant[(g.Finger, t)]))
                        .Where(p => p is not null).Select(p => vault.Count(p!.Contains)));
                }
            }

            Console.WriteLine($"{enroll} touches, {choice}: {genuine.Count} genuine, {impostor.Count} impostor attempts; highest impostor scores " +
                              string.Join(" ", impostor.OrderDescending().Take(5)));
            Console.WriteLine("    K: genuine below K | impostors reaching K: " +
                              string.Join(", ", Thresholds.Select(k => $"{k}: {genuine.Count(s => s < k)} | {impostor.Count(s => s >= k)}")));
        }
    }

    // Codes at least two enrollment touches show first, then the rest, each group in hash order (GenuineSelection.SortKey).
    private static HashSet<uint> Select(IEnumerable<uint[]> exact, List<HashSet<uint>> tolerant, int max) =>
        exact.SelectMany(x => x).Distinct()
            .OrderBy(c => GenuineSelection.SortKey(c, (uint)tolerant.Count(s => s.Contains(c)), 1))
            .Take(max).ToHashSet();

    // As the card encodes an enrollment touch: tolerant codes first (fitting the cap), then exact codes of the same minutiae.
    private static (HashSet<uint>?, uint[]?) Encode(byte[] frame, int cap)
    {
        var analyzer = ImageKernelChoice.Analyzer();
        if (analyzer.Analyse(frame) != QualityError.None)
        {
            return (null, null);
        }

        var buffer = new CodeBuffer(cap);
        var tolerant = Read(buffer, CodeSet.SortUnique(buffer, TripletEncoder.EncodeFitting(analyzer.Work.Minutiae, true, buffer, new int[6], new float[6])));
        buffer.Wipe();
        var exact = Read(buffer, CodeSet.SortUnique(buffer, TripletEncoder.EncodeFitting(analyzer.Work.Minutiae, false, buffer, new int[6], new float[6])));
        return (tolerant.ToHashSet(), exact);
    }

    private static uint[] Read(CodeBuffer buffer, int count) => Enumerable.Range(0, count).Select(i => buffer[i]).ToArray();
}
