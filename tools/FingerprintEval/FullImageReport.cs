using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// <c>eval &lt;folder&gt; --image full</c>: the card's operating point on whole images instead of the
/// 192 x 192 window, to tell the window's cost from the algorithm's.
/// </summary>
/// <remarks>
/// What scales and why: the card's per-touch code cap (<see cref="FingerKeyExtractor.MaxTouchCodes"/>)
/// bounds what one sensor window's worth of finger may present to a vault, and an impostor's score grows
/// with the codes presented; a whole image is a few windows in area, so it may present the cap times its
/// area in windows (about 16,600 codes for FVC2002 DB1). The encoder can only cap one window, and the
/// overlapping windows each add codes of their own (edge minutiae), so the cap is set per window at
/// <see cref="DefaultWindowCap"/>, where every full touch on FVC2002 DB1_B stays under the area-scaled
/// cap (the report prints the largest against it; <c>--cap</c> overrides). The enrollment tally is a card
/// memory limit, raised by the image's area in windows. K, the vault, the encoder and the image stages
/// are the card's.
/// </remarks>
internal static class FullImageReport
{
    /// <summary>
    /// Codes one window may present in a full-image touch: a quarter of the card's cap. Measured on
    /// FVC2002 DB1_B: at 4,096 per window a full touch presents median 18,716 and up to 50,205 codes,
    /// beyond the area-scaled 16,600, and impostors reach 35 points (1 of 5,616 opened a vault); at 1,024
    /// the largest is 13,266.
    /// </summary>
    public const int DefaultWindowCap = FingerKeyExtractor.MaxTouchCodes / 4;

    public static int Run(string dataset, string? detPath, int enrollmentTouches, int minEnrollmentTouches, int maxTouchCodes, double dpi)
    {
        List<FullImageFinger> fingers;
        FvcDataset data;
        try
        {
            data = FvcDataset.Open(dataset, dpi);
            fingers = FullImageTouches.Acquire(data, maxTouchCodes);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("cannot read the data set: " + e.Message);
            return 2;
        }

        var touches = fingers.Sum(f => f.Touches.Length);
        var acquired = fingers.Sum(f => f.Touches.Count(t => t.Acquired));
        var accepted = fingers.SelectMany(f => f.Touches).Where(t => t.Acceptable).ToArray();
        var windows = fingers.Count == 0 ? 0 : fingers[0].Touches[0].Windows;
        var area = AreaInWindows(data, fingers);
        var tallyCapacity = EnrollmentTally.Capacity * Math.Max(1, (int)Math.Ceiling(area));
        var areaCap = (int)(FingerKeyExtractor.MaxTouchCodes * Math.Max(1, area));
        Console.WriteLine($"data: {dataset} at {dpi} dpi, full images; {fingers.Count} fingers, {touches} touches (each a different impression), " +
                          $"each seen as {windows} upright sensor windows (192 x 192 at 508 dpi, at most {FullImageWindows.MaxStride} px apart, no placement jitter) " +
                          $"through the FPC1020 driver and emulator; {acquired} acquired (some window detected), {accepted.Length} with some window past the quality gate " +
                          $"(failures to acquire: {touches - accepted.Length})");
        if (fingers.Count < 2)
        {
            Console.WriteLine("fewer than two fingers with two impressions or more: no genuine and impostor attempts to evaluate");
            return 0;
        }

        if (accepted.Length > 0)
        {
            var counts = accepted.Select(t => t.Tolerant!.Length).Order().ToArray();
            var used = accepted.Select(t => t.WindowsUsed).Order().ToArray();
            Console.WriteLine($"codes one full-image touch presents (union of its windows' tolerant codes, cap {maxTouchCodes:N0} per window): " +
                              $"median {counts[counts.Length / 2]:N0}, 90th percentile {counts[counts.Length * 9 / 10]:N0}, largest {counts[^1]:N0} " +
                              $"(the card's cap scaled by the image's area, {area:F2} windows: {areaCap:N0}; {counts.Count(c => c > areaCap)} touches above it); " +
                              $"windows past the gate per touch: median {used[used.Length / 2]} of {windows}; enrollment tally capacity {tallyCapacity:N0} codes " +
                              $"(the card's {EnrollmentTally.Capacity:N0} times the image's area in windows, rounded up)");
        }

        var point = FullImageEvaluation.Run(fingers, FuzzyVault.DefaultK, enrollmentTouches, minEnrollmentTouches, maxTouchCodes, tallyCapacity);
        Console.WriteLine();
        Console.WriteLine("operating point on full images (the card's vault, K, encoder and image stages):");
        EvalReport.Print(point);
        ConfirmationCheck.Print(point);
        EvalReport.PrintScoreDet(point);
        if (detPath is not null)
        {
            DetPlot.WriteScores(detPath, $"DET from scores, {Path.GetFileName(dataset.TrimEnd('/'))}, full images, {enrollmentTouches}-touch enrollment, " +
                                         $"cap {maxTouchCodes} per window", point, EvalReport.ScoreThresholds);
            Console.WriteLine($"DET curve (from the scores) written to {detPath}");
        }

        return 0;
    }

    // The first finger's image area at the sensor's resolution, in sensor windows.
    private static double AreaInWindows(FvcDataset data, List<FullImageFinger> fingers)
    {
        foreach (var finger in fingers)
        {
            foreach (var impression in data.ImpressionsOf(finger.Finger))
            {
                try
                {
                    var image = data.Load(finger.Finger, impression);
                    var scale = data.Dpi / SensorFrame.Dpi;
                    return image.Width / scale * (image.Height / scale) / SensorFrame.Size;
                }
                catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
                {
                }
            }
        }

        return 1;
    }
}
