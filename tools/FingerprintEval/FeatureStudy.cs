using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

internal static class FeatureStudy
{
    /// <summary>
    /// Enrols touches 1..<paramref name="enrollCount"/> of every finger (codes confirmed by at least
    /// <paramref name="minCount"/> enrolment touches, most confirmed first, at most
    /// <paramref name="maxGenuine"/>) and counts the hits of the later touches (genuine) and of every
    /// touch of the other fingers (impostor). <paramref name="rounds"/> repeats the whole study with
    /// fresh placements (touch seeds offset by 8 per round) to get more attempts out of the 80 images.
    /// With <paramref name="rotate"/>, each impression instead is the genuine attempt once, against the
    /// <paramref name="enrollCount"/> impressions after it, and every vault meets every other finger's touches.
    /// </summary>
    public static void Run(string datasetDir, int enrollCount, int minCount, int maxGenuine, int rounds, bool rotate)
    {
        var gen = new List<int>();
        var imp = new List<int>();
        for (var round = 0; round < rounds; round++)
        {
            RunRound(datasetDir, enrollCount, minCount, maxGenuine, round, rotate, gen, imp);
        }

        Summarise(gen, imp);
    }

    private static void RunRound(string datasetDir, int enrollCount, int minCount, int maxGenuine, int round, bool rotate, List<int> gen, List<int> imp)
    {
        var synthetic = datasetDir == "synthetic";
        var dataset = synthetic ? null : FvcDataset.Open(datasetDir);
        var fingers = synthetic ? Enumerable.Range(1, 10).ToArray() : dataset!.Fingers.ToArray();
        var exact = new Dictionary<(int, int), HashSet<uint>>();
        var tolerant = new Dictionary<(int, int), HashSet<uint>>();
        // The card keeps at most 8192 codes per capture (FingerKeyExtractor.MaxCodes); EncodeFitting drops the least reliable minutiae until the codes fit.
        var codes = new CodeBuffer(8192);
        var bins = new int[6];
        var fr = new float[6];
        foreach (var f in fingers)
        {
            foreach (var i in synthetic ? Enumerable.Range(1, 8) : dataset!.ImpressionsOf(f))
            {
                var frame = new byte[SensorFrame.Size];
                if (synthetic) SyntheticFingerprint.Render(f, i + 8 * round, frame, PlacementOptions.Default);
                else DatasetImageSource.Render(dataset!.PathOf(f, i), dataset.Dpi, i - 1 + 8 * round, PlacementOptions.Default, frame);
                var a = new CaptureAnalyzer();
                var q = a.Analyse(frame);
                // As the card does: tolerant first (it may drop the least reliable minutiae to fit), then exact.
                var n = TripletEncoder.EncodeFitting(a.Work.Minutiae, true, codes, bins, fr);
                tolerant[(f, i)] = Enumerable.Range(0, n).Select(c => codes[c]).ToHashSet();
                n = TripletEncoder.Encode(a.Work.Minutiae, false, codes, bins, fr);
                exact[(f, i)] = Enumerable.Range(0, n).Select(c => codes[c]).ToHashSet();
                Console.Write($"{f}_{i}:{q},{a.Work.Minutiae.Count},{exact[(f, i)].Count}/{tolerant[(f, i)].Count} ");
            }
            Console.WriteLine();
        }

        if (rotate)
        {
            // Every impression in turn is the genuine attempt against a vault of the enrollCount
            // impressions after it (circularly), as the evaluation's rotation protocol does.
            foreach (var f in fingers)
            {
                for (var held = 1; held <= 8; held++)
                {
                    var enrol = Enumerable.Range(1, enrollCount).Select(d => ((held - 1 + d) % 8) + 1).ToArray();
                    var enrolled = Enrol(exact, tolerant, f, enrol, minCount, maxGenuine);
                    gen.Add(enrolled.Count(tolerant[(f, held)].Contains));
                    imp.AddRange(ImpostorHits(tolerant, fingers, f, enrolled));
                }
            }

            return;
        }

        foreach (var f in fingers)
        {
            var enrolled = Enrol(exact, tolerant, f, Enumerable.Range(1, enrollCount).ToArray(), minCount, maxGenuine);
            var line = $"finger {f}: enrolled {enrolled.Count} genuine hits:";
            for (var i = enrollCount + 1; i <= 8; i++) { var h = enrolled.Count(tolerant[(f, i)].Contains); gen.Add(h); line += " " + h; }
            var hits = ImpostorHits(tolerant, fingers, f, enrolled);
            imp.AddRange(hits);
            Console.WriteLine(line + " | impostor max: " + hits.Max());
        }
    }

    // The vault's genuine codes: exact codes of the enrolment impressions that at least minCount of
    // them show (tolerantly), at most maxGenuine, in GenuineSelection's order (no tally here: a study
    // may keep more codes than EnrollmentTally holds).
    private static HashSet<uint> Enrol(Dictionary<(int, int), HashSet<uint>> exact, Dictionary<(int, int), HashSet<uint>> tolerant,
        int finger, int[] impressions, int minCount, int maxGenuine)
    {
        var counts = new Dictionary<uint, int>();
        foreach (var c in impressions.SelectMany(i => exact[(finger, i)]))
        {
            if (!counts.ContainsKey(c))
            {
                counts[c] = impressions.Count(j => tolerant[(finger, j)].Contains(c));
            }
        }

        return counts.Select(kv => (Code: kv.Key, Key: GenuineSelection.SortKey(kv.Key, (uint)kv.Value, minCount)))
            .Where(c => !GenuineSelection.IsExcluded(c.Key)).OrderBy(c => c.Key).Take(maxGenuine).Select(c => c.Code).ToHashSet();
    }

    private static List<int> ImpostorHits(Dictionary<(int, int), HashSet<uint>> tolerant, int[] fingers, int finger, HashSet<uint> enrolled) =>
        fingers.Where(g => g != finger).SelectMany(g => Enumerable.Range(1, 8).Select(i => enrolled.Count(tolerant[(g, i)].Contains))).ToList();

    private static void Summarise(List<int> gen, List<int> imp)
    {
        gen.Sort(); imp.Sort();
        Console.WriteLine("genuine sorted: " + string.Join(",", gen));
        Console.WriteLine("impostor top: " + string.Join(",", imp.TakeLast(20)));

        // The vault opens iff hits >= k; the smallest k that no impostor attempt reaches gives
        // FAR 0 on this set, and the genuine attempts below it are the FRR at that operating point.
        var k = imp.Count == 0 ? 1 : imp[^1] + 1;
        var accepted = gen.Count(h => h >= k);
        Console.WriteLine($"k={k} (impostor max {k - 1} over {imp.Count} attempts): genuine accepted {accepted}/{gen.Count}, FRR {100.0 * (gen.Count - accepted) / gen.Count:F1}%");
        // A vault needs k at least its polynomial's coefficient count, so show fixed k too.
        var line2 = "at fixed k:";
        foreach (var fixedK in new[] { 8, 10, 12, 14, 16, 20, 24 })
        {
            line2 += $" k={fixedK} FRR {100.0 * gen.Count(h => h < fixedK) / gen.Count:F1}% FAR {imp.Count(h => h >= fixedK)}/{imp.Count};";
        }
        Console.WriteLine(line2);
    }
}
