using System.Diagnostics;
using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>The report a person reads: data set, operating point, K sweep, memory and card cost of one touch.</summary>
internal static class EvalReport
{
    private const int SyntheticFingers = 20;
    private const int Touches = 8;

    public static int Run(string dataset, string? detPath, int[] sweep, int enrollmentTouches)
    {
        var synthetic = dataset == "synthetic";
        var watch = Stopwatch.StartNew();
        var fingers = synthetic
            ? Evaluation.Acquire(Enumerable.Range(1, SyntheticFingers).Select(f => (f, (IImageSource)new SyntheticImageSource(f))), Touches)
            : AcquireDataset(dataset);
        var acquired = fingers.Sum(f => f.Frames.Count(x => x is not null));
        Console.WriteLine($"data: {(synthetic ? $"synthetic generator, {SyntheticFingers} fingers" : dataset)}; " +
                          $"{fingers.Count} fingers x {Touches} touches through the FPC1020 driver and emulator; " +
                          $"{acquired} acquired, {fingers.Count * Touches - acquired} not detected by the sensor ({watch.Elapsed.TotalSeconds:F1} s)");
        Console.WriteLine($"protocol: leave one out; for each finger and each held-out touch h, a vault enrolled from the first {enrollmentTouches} touches " +
                          $"after h, taken circularly, that were acquired and pass the quality gate (the card enrolls from {FingerKeyExtractor.EnrollmentTouches}; " +
                          "fewer: failure to enroll); touch h is the genuine attempt, every acquired touch of every other finger an " +
                          "impostor attempt; success = the enrolled key reproduced exactly; " +
                          $"{Environment.ProcessorCount} folds at a time, one extractor each");

        Console.WriteLine($"feature digest (quality, minutiae, exact and tolerant codes of every touch): {Evaluation.FeatureDigest(fingers)}");
        var operating = Evaluation.Run(fingers, FuzzyVault.DefaultK, enrollmentTouches);
        Console.WriteLine();
        Console.WriteLine("operating point (the card's vault):");
        Print(operating);

        var points = new List<OperatingPoint>();
        foreach (var k in sweep)
        {
            points.Add(k == operating.K ? operating : Evaluation.Run(fingers, k, enrollmentTouches));
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
        TouchCost.Print(fingers.SelectMany(f => f.Frames).First(x => x is not null)!);
        return 0;
    }

    private static List<FingerTouches> AcquireDataset(string directory)
    {
        var data = FvcDataset.Open(directory);
        return Evaluation.Acquire(data.Fingers.Select(f => (f, (IImageSource)data.SourceFor(f))), Touches);
    }

    private static int Median(IReadOnlyList<int> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static void Print(OperatingPoint p)
    {
        var far = p.ImpostorAccepted == 0 ? $"0 (95% bound {p.FarUpper95:G2})" : $"{p.Far:P3}";
        Console.WriteLine($"  K={p.K,2}: FRR {p.Frr:P1} ({p.Genuine - p.GenuineAccepted} of {p.Genuine} genuine touches, {p.GenuinePoorCapture} refused for quality; " +
                          $"{p.FrrWithFailuresToEnroll:P1} of the {p.Vaults} folds with failures to enroll counted as rejections); " +
                          $"FAR {far} ({p.ImpostorAccepted} of {p.Impostor} impostor touches); failed to enroll {p.FailedToEnroll} of {p.Vaults} vaults " +
                          $"({p.EnrollmentTouches} touches each, largest tally {p.LargestTally:N0} of {EnrollmentTally.Capacity:N0} codes); " +
                          $"{p.MeanTouchMilliseconds:F1} ms per touch on this machine; median vault {Median(p.GenuinePoints)} genuine of {FuzzyVault.Size} points, " +
                          $"brute force of the helper data about 2^{p.BruteForceBits(FuzzyVault.Size):F0} guesses; " +
                          $"output digest {p.OutputDigest} ({p.Elapsed.TotalSeconds:F0} s)");
    }
}
