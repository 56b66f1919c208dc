using CardFirmware.Biometrics;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// What one verification costs the card: the working memory the extractor holds (allocated once at
/// boot) plus the frame, the bytes one touch allocates on top, and the pipeline's operation counts.
/// </summary>
internal static class TouchCost
{
    public static void Print(byte[] frame)
    {
        var enrolled = new FingerKeyExtractor();
        for (var i = 0; i < FingerKeyExtractor.EnrollmentTouches; i++)
        {
            enrolled.AddEnrollmentTouch((byte[])frame.Clone());
        }

        var enrollFrame = (byte[])frame.Clone();
        var enrollment = new FingerKeyExtractor();
        var enrollBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < FingerKeyExtractor.EnrollmentTouches; i++)
        {
            Array.Copy(frame, enrollFrame, frame.Length);
            enrollment.AddEnrollmentTouch(enrollFrame);
        }

        enrollment.FinishEnrollment(new byte[32], new byte[32]);
        var enrollAllocated = GC.GetAllocatedBytesForCurrentThread() - enrollBefore;

        var helper = enrolled.FinishEnrollment(new byte[32], new byte[32]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var extractor = new FingerKeyExtractor();
        var working = GC.GetAllocatedBytesForCurrentThread() - before;

        var probe = (byte[])frame.Clone();
        var key = new byte[FingerKeyExtractor.KeyLength];
        PipelineCounters.Reset();
        PipelineCounters.Enabled = true;
        before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = extractor.Reproduce(probe, helper, key);
        var perTouch = GC.GetAllocatedBytesForCurrentThread() - before;
        PipelineCounters.Enabled = false;

        Console.WriteLine("one verification (for the ESP32 budget):");
        Console.WriteLine($"  extractor working buffers (allocated once at boot): {working:N0} bytes; frame: {frame.Length:N0} bytes; " +
                          $"helper data read from flash: {helper.Length:N0} bytes");
        Console.WriteLine($"  allocated during the touch itself: {perTouch:N0} bytes (outcome {outcome})");
        Console.WriteLine($"  peak: {working + frame.Length + helper.Length + perTouch:N0} bytes");
        Console.WriteLine($"  working buffers by owner: {Breakdown()}");
        Console.WriteLine($"one enrollment ({FingerKeyExtractor.EnrollmentTouches} touches and the lock) allocates {enrollAllocated:N0} bytes on top of the " +
                          $"working buffers and the frame (tally, genuine codes, vault tables, helper data returned, HMAC objects): " +
                          $"at most {working + frame.Length + enrollAllocated:N0} bytes live");
        Console.WriteLine($"  operations: {PipelineCounters.PixelReads:N0} pixel reads, {PipelineCounters.FilterTaps:N0} Gabor taps, " +
                          $"{PipelineCounters.ThinningVisits:N0} thinning visits, {PipelineCounters.FeaturesEncoded:N0} triangles encoded, " +
                          $"{PipelineCounters.FieldMultiplications:N0} GF(2^31-1) multiplications");
    }

    // What each part of the extractor allocates, measured by building the parts alone.
    private static string Breakdown()
    {
        var parts = new (string Name, Func<object> Make)[]
        {
            ("workspace (block arrays, filter rows, minutiae)", () => new Workspace()),
            ("Gabor kernels", () => new GaborBank(CaptureAnalyzer.RidgePeriod, CaptureAnalyzer.GaborSigma)),
            ("vault and decoder", () => new FuzzyVault(FuzzyVault.DefaultK)),
            ("helper data header", () => new HelperData()),
            ("whole extractor", () => new FingerKeyExtractor()),
        };
        return string.Join("; ", parts.Select(p =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(p.Make());
            return $"{p.Name} {GC.GetAllocatedBytesForCurrentThread() - before:N0}";
        }));
    }
}
