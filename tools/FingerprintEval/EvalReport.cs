using System.Diagnostics;
using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>The report a person reads: data set, operating point, K sweep, memory and card cost of one touch.</summary>
internal static class EvalReport
{
    /// <summary>Synthetic fingers evaluated unless <c>--fingers</c> says otherwise.</summary>
    public const int DefaultSyntheticFingers = 20;

    /// <summary>
    /// Fewest touches a fold enrolls from when the finger has fewer acceptable impressions than the
    /// card's count (unless <c>--enroll-min</c> says otherwise): FVC folders have 8 impressions a
    /// finger, so a 7-touch enrollment leaves no spare for one the sensor missed or the gate refused.
    /// </summary>
    public const int DefaultMinEnrollmentTouches = 5;

    private const int SyntheticTouches = 8;

    public static int Run(string dataset, string? detPath, int[] sweep, int enrollmentTouches, int minEnrollmentTouches, int maxTouchCodes, EvalSource source)
    {
        var synthetic = dataset == "synthetic";
        var watch = Stopwatch.StartNew();
        List<FingerTouches> fingers;
        int unreadable;
        try
        {
            fingers = synthetic
                ? Evaluation.Acquire(Enumerable.Range(1, source.SyntheticFingers).Select(f =>
                    (f, (IImageSource)new SyntheticImageSource(f, profile: source.Profile), SyntheticTouches)), out unreadable)
                : AcquireDataset(dataset, source.Dpi, out unreadable);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("cannot read the data set: " + e.Message);
            return 2;
        }

        var touches = fingers.Sum(f => f.Frames.Length);
        var acquired = fingers.Sum(f => f.Frames.Count(x => x is not null));
        Console.WriteLine($"data: {(synthetic ? $"synthetic generator, {source.SyntheticFingers} fingers, {source.Profile} captures" : $"{dataset} at {source.Dpi} dpi")}; " +
                          $"{fingers.Count} fingers, {touches} touches (each a different impression) through the FPC1020 driver and emulator; " +
                          $"{acquired} acquired, {touches - acquired - unreadable} not detected by the sensor, {unreadable} unreadable files " +
                          $"(failures to acquire: {touches - acquired}) ({watch.Elapsed.TotalSeconds:F1} s)");
        if (fingers.Count < 2)
        {
            Console.WriteLine("fewer than two fingers with two impressions or more: no genuine and impostor attempts to evaluate");
            return 0;
        }

        Console.WriteLine($"protocol: leave one out; for each finger and each held-out touch h, a vault enrolled from the first {enrollmentTouches} touches " +
                          $"after h, taken circularly, that were acquired and pass the quality gate (the card enrolls from {FingerKeyExtractor.EnrollmentTouches}; " +
                          $"fewer: from all of them if at least {minEnrollmentTouches}, a weaker vault than the card's, else failure to enroll); touch h is the genuine attempt, every acquired touch of every other finger an " +
                          "impostor attempt; success = the enrolled key reproduced exactly; " +
                          $"{Environment.ProcessorCount} folds at a time, one extractor each");

        Console.WriteLine($"feature digest (quality, minutiae, exact and tolerant codes of every touch): {Evaluation.FeatureDigest(fingers)}");
        var counts = TouchFeatures.Of(fingers, maxTouchCodes).CodeCounts.Order().ToArray();
        Console.WriteLine($"codes one touch presents (tolerant, cap {maxTouchCodes:N0}{(maxTouchCodes == FingerKeyExtractor.MaxTouchCodes ? ", the card's" : "")}): " +
                          (counts.Length == 0 ? "no touch passed the quality gate" :
                              $"median {counts[counts.Length / 2]:N0}, 90th percentile {counts[counts.Length * 9 / 10]:N0}, largest {counts[^1]:N0} " +
                              $"over {counts.Length} touches the gate accepted"));
        var operating = Evaluation.Run(fingers, FuzzyVault.DefaultK, enrollmentTouches, minEnrollmentTouches, maxTouchCodes);
        Console.WriteLine();
        Console.WriteLine("operating point (the card's vault):");
        Print(operating);
        ConfirmationCheck.Print(operating);

        PrintScoreDet(operating);
        if (detPath is not null && sweep.Length == 0)
        {
            DetPlot.WriteScores(detPath, $"DET from scores, {(synthetic ? $"synthetic {source.Profile} fingers" : Path.GetFileName(dataset.TrimEnd('/')))}, " +
                                         $"{enrollmentTouches}-touch enrollment, cap {maxTouchCodes}", operating, ScoreThresholds);
            Console.WriteLine($"DET curve (from the scores) written to {detPath}");
        }

        var points = new List<OperatingPoint>();
        foreach (var k in sweep)
        {
            points.Add(k == operating.K ? operating : Evaluation.Run(fingers, k, enrollmentTouches, minEnrollmentTouches, maxTouchCodes));
        }

        if (points.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("K sweep (DET):");
            points.ForEach(Print);
        }

        if (detPath is not null && points.Count > 0)
        {
            DetPlot.Write(detPath, $"DET, {(synthetic ? "synthetic fingers" : Path.GetFileName(dataset.TrimEnd('/')))}, 192x192 window, " +
                                   $"{enrollmentTouches}-touch enrollment", points, operating.K);
            Console.WriteLine($"DET curve written to {detPath}");
        }

        Console.WriteLine();
        TouchCost.Print(fingers.SelectMany(f => f.Frames).Where(x => x is not null).Select(x => x!));
        return 0;
    }

    // Every impression of every finger once; a finger with a single impression gives no genuine attempt and is left out.
    private static List<FingerTouches> AcquireDataset(string directory, double dpi, out int unreadable)
    {
        var data = FvcDataset.Open(directory, dpi);
        return Evaluation.Acquire(data.Fingers.Where(f => data.ImpressionsOf(f).Count >= 2)
            .Select(f => (f, (IImageSource)data.SourceFor(f), data.ImpressionsOf(f).Count)), out unreadable);
    }

    internal static readonly int[] ScoreThresholds = Enumerable.Range(8, 25).ToArray();

    // The whole DET from one run: a vault of K = t accepts only touches that unlock t points or more, so the
    // impostors reaching t bound its FAR from above and the genuine touches below t its FRR from below (a
    // genuine touch at or above t may still fail to decode when it also unlocked chaff).
    internal static void PrintScoreDet(OperatingPoint p)
    {
        if (p.Genuine == 0)
        {
            return;
        }

        Console.WriteLine("        DET from these scores (t: genuine touches below t, a lower bound of the FRR at K = t | impostor touches reaching t, " +
                          "an upper bound of the FAR, with its 95% bound):");
        foreach (var t in ScoreThresholds)
        {
            var impostors = p.ImpostorsAtOrAbove(t);
            var bound = impostors == 0 ? 3.0 / p.Impostor : Wilson(impostors, p.Impostor);
            Console.WriteLine($"          t={t,2}: FRR >= {1.0 - ((double)p.GenuineAtOrAbove(t) / p.Genuine):P1} ({p.Genuine - p.GenuineAtOrAbove(t)} of {p.Genuine}) | " +
                              $"FAR <= {impostors} of {p.Impostor} (95% bound {bound:G2})");
        }
    }

    // One-sided 95% Wilson upper bound of x successes in n.
    private static double Wilson(int x, int n)
    {
        const double z = 1.645;
        double p = (double)x / n;
        return (p + z * z / (2 * n) + z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))) / (1 + z * z / n);
    }

    private static int Median(IReadOnlyList<int> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    internal static void Print(OperatingPoint p)
    {
        if (p.Genuine == 0)
        {
            Console.WriteLine($"  K={p.K,2}: no fold enrolled: failed to enroll (FTE) {p.FailedToEnroll} of {p.Vaults} vaults; no FRR or FAR to report");
            return;
        }

        var far = p.Impostor == 0 ? "n/a (no impostor attempt)"
            : p.ImpostorAccepted == 0 ? $"0 (95% upper bound {p.FarUpper95:G2}, rule of three)" : $"{p.Far:P3} (95% upper bound {p.FarUpper95:G2})";
        Console.WriteLine($"  K={p.K,2}: FRR {p.Frr:P1} ({p.Genuine - p.GenuineAccepted} of {p.Genuine} genuine touches, failure to acquire (FTA) {p.GenuinePoorCapture} of {p.Genuine} (not detected by the sensor or refused for quality); " +
                          $"{p.FrrWithFailuresToEnroll:P1} of the {p.Vaults} folds with failures to enroll counted as rejections); " +
                          $"FAR {far} ({p.ImpostorAccepted} of {p.Impostor} impostor touches); failed to enroll (FTE) {p.FailedToEnroll} of {p.Vaults} vaults " +
                          $"({p.EnrollmentTouches} touches each, {p.ShortEnrollments} enrolled from {p.MinEnrollmentTouches} to {p.EnrollmentTouches - 1} for want of impressions; largest tally {p.LargestTally:N0} of {p.TallyCapacity:N0} codes); " +
                          (double.IsNaN(p.MeanTouchMilliseconds) ? "time per touch not measured; " : $"{p.MeanTouchMilliseconds:F1} ms per touch on this machine; ") +
                          $"median vault {Median(p.GenuinePoints)} genuine of {FuzzyVault.Size} points, " +
                          $"brute force of the helper data about 2^{p.BruteForceBits(FuzzyVault.Size):F0} guesses; " +
                          $"output digest {p.OutputDigest} ({p.Elapsed.TotalSeconds:F0} s)");
        Console.WriteLine($"        scores (vault points a touch unlocked; below K = {p.K} no touch can open): highest impostor {p.MaxImpostorScore} " +
                          $"(touch {p.HighestImpostor.Touch} of finger {p.HighestImpostor.Probe} against a vault of finger {p.HighestImpostor.Enrolled}) " +
                          $"(margin {p.K - p.MaxImpostorScore} points), impostors at K - 2 or more {p.ImpostorsAtOrAbove(p.K - 2)}, at K - 4 or more {p.ImpostorsAtOrAbove(p.K - 4)} " +
                          $"of {p.Impostor}; genuine touches unlocking K or more {p.GenuineAtOrAbove(p.K)} of {p.Genuine}");
        Console.WriteLine($"        rejected genuine touches per finger: {string.Join(", ", p.PerFinger.Select(f => $"{f.Key}: {f.Value.Rejected}/{f.Value.Attempts}"))}; " +
                          $"owner rejected L times in a row (mean over fingers of each finger's rate^L): " +
                          string.Join(", ", new[] { 5, 8, 10, 12, 15, 20 }.Select(l => $"L={l} {p.RejectedInARow(l):G2}")));
    }
}
