using CardFirmware.Biometrics;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// What one verification costs the card: what the extractor keeps from boot plus the frame, the bytes one
/// touch allocates on top (its working buffers, dropped at its end), and the pipeline's operation counts.
/// </summary>
internal static class TouchCost
{
    /// <summary>
    /// Measures on the first of <paramref name="frames"/> that the quality gate accepts and that
    /// enrolls (its copies stand for the enrollment touches); prints that nothing was measured if none does.
    /// </summary>
    public static void Print(IEnumerable<byte[]> frames)
    {
        foreach (var frame in frames)
        {
            if (Enrolls(frame))
            {
                Print(frame);
                return;
            }
        }

        Console.WriteLine("one verification: not measured, no acquired capture passes the quality gate and enrolls");
    }

    private static bool Enrolls(byte[] frame)
    {
        var extractor = ImageKernelChoice.Extractor(FuzzyVault.DefaultK, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.MaxTouchCodes);
        for (var i = 0; i < extractor.RequiredTouches; i++)
        {
            if (extractor.AddEnrollmentTouch((byte[])frame.Clone()) != QualityError.None)
            {
                return false;
            }
        }

        try
        {
            extractor.FinishEnrollment(new byte[32], new byte[32]);
            return true;
        }
        catch (BiometricException)
        {
            return false;
        }
        finally
        {
            extractor.Clear();
        }
    }

    private static void Print(byte[] frame)
    {
        var enrolled = ImageKernelChoice.Extractor(FuzzyVault.DefaultK, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.MaxTouchCodes);
        for (var i = 0; i < enrolled.RequiredTouches; i++)
        {
            enrolled.AddEnrollmentTouch((byte[])frame.Clone());
        }

        var enrollFrame = (byte[])frame.Clone();
        var enrollment = ImageKernelChoice.Extractor(FuzzyVault.DefaultK, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.MaxTouchCodes);
        var enrollBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < enrollment.RequiredTouches; i++)
        {
            Array.Copy(frame, enrollFrame, frame.Length);
            enrollment.AddEnrollmentTouch(enrollFrame);
        }

        enrollment.FinishEnrollment(new byte[32], new byte[32]);
        var enrollAllocated = GC.GetAllocatedBytesForCurrentThread() - enrollBefore;

        var helper = enrolled.FinishEnrollment(new byte[32], new byte[32]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var extractor = ImageKernelChoice.Extractor(FuzzyVault.DefaultK, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.MaxTouchCodes);
        var working = GC.GetAllocatedBytesForCurrentThread() - before;

        var probe = (byte[])frame.Clone();
        var key = new byte[FingerKeyExtractor.KeyLength];
        PipelineCounters.Reset();
        PipelineCounters.Enabled = true;
        before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = extractor.Reproduce(probe, helper, key);
        var perTouch = GC.GetAllocatedBytesForCurrentThread() - before;
        PipelineCounters.Enabled = false;

        // The card's path: the helper data streamed from its flash record, never whole in RAM.
        var flash = new FlashRecord(helper);
        probe = (byte[])frame.Clone();
        before = GC.GetAllocatedBytesForCurrentThread();
        var streamedOutcome = extractor.Reproduce(probe, flash, key);
        var perTouchStreamed = GC.GetAllocatedBytesForCurrentThread() - before;

        var resident = ResidentTouch(extractor, frame, helper);

        Console.WriteLine("one verification (for the ESP32 budget):");
        Console.WriteLine($"  extractor kept from boot: {working:N0} bytes; frame: {frame.Length:N0} bytes; " +
                          $"helper data: {helper.Length:N0} bytes on flash, streamed {HelperData.WindowPoints} points at a time");
        Console.WriteLine($"  allocated during the touch itself (its working buffers, dropped at its end): {perTouchStreamed:N0} bytes (outcome {streamedOutcome}); " +
                          $"helper data read from flash: {flash.BytesRead:N0} bytes in {flash.Reads:N0} reads");
        Console.WriteLine($"  peak: {working + frame.Length + perTouchStreamed:N0} bytes (extractor + frame + the touch's allocations); " +
                          $"with the helper data passed as one array instead: {working + frame.Length + helper.Length + perTouch:N0} bytes " +
                          $"({perTouch:N0} allocated during that touch, outcome {outcome})");
        if (resident is { } r)
        {
            Console.WriteLine($"  the card's native path, the frame in the module's static RAM (cf_finger_frame, {frame.Length:N0} bytes) " +
                              $"written {RowsPerBatch} rows a call from a {RowsPerBatch * FrameGeometry.Side:N0}-byte batch: managed peak " +
                              $"{working + (RowsPerBatch * FrameGeometry.Side) + r.Allocated:N0} bytes (extractor + batch + {r.Allocated:N0} allocated " +
                              $"during the touch, outcome {r.Outcome}); frame zero afterwards: {r.FrameClear}");
        }

        Console.WriteLine($"  working buffers by owner: {Breakdown()}");
        Console.WriteLine($"  operations: {PipelineCounters.PixelReads:N0} pixel reads, {PipelineCounters.FilterTaps:N0} Gabor taps, " +
                          $"{PipelineCounters.ThinningVisits:N0} thinning visits, {PipelineCounters.FeaturesEncoded:N0} triangles encoded, " +
                          $"{PipelineCounters.FieldMultiplications:N0} GF(2^31-1) multiplications");
        Console.WriteLine($"one enrollment ({enrollment.RequiredTouches} touches and the lock) allocates {enrollAllocated:N0} bytes on top of the " +
                          $"extractor and the frame (touch working buffers, tally, genuine codes, vault tables, the helper data it returns, HMAC objects): " +
                          $"at most {working + frame.Length + enrollAllocated:N0} bytes live");
    }

    // The driver's read-out batch (drivers/Fpc1020 Fpc1020Sensor.RowsPerTransfer).
    private const int RowsPerBatch = 8;

    // The same touch on the card's native path: the frame written into the module's resident frame a batch
    // at a time (as NativeFrameStore does), the helper data streamed; null with the managed kernels.
    private static (long Allocated, ReproduceOutcome Outcome, bool FrameClear)? ResidentTouch(FingerKeyExtractor extractor, byte[] frame, byte[] helper)
    {
        var module = ImageKernelChoice.Module;
        if (module is null)
        {
            return null;
        }

        var batch = new byte[RowsPerBatch * FrameGeometry.Side];
        var flash = new FlashRecord(helper);
        var key = new byte[FingerKeyExtractor.KeyLength];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var row = 0; row < FrameGeometry.Side; row += RowsPerBatch)
        {
            Array.Copy(frame, row * FrameGeometry.Side, batch, 0, batch.Length);
            module.FingerFrameWrite(batch, row, RowsPerBatch);
        }

        var outcome = extractor.Reproduce(CardFirmware.Crypto.Native.ResidentFrame.Handle, flash, key);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.Clear(batch);
        return (allocated, outcome, module.FingerFrameIsClear() == 1);
    }

    // Helper data on "flash": read through the extractor's streaming interface.
    private sealed class FlashRecord(byte[] value) : IHelperDataSource
    {
        public int Length => value.Length;

        public long BytesRead { get; private set; }

        public int Reads { get; private set; }

        public void Read(int offset, byte[] buffer, int bufferOffset, int count)
        {
            Array.Copy(value, offset, buffer, bufferOffset, count);
            BytesRead += count;
            Reads++;
        }
    }

    // What each part of the extractor allocates, measured by building the parts alone.
    private static string Breakdown()
    {
        var parts = new (string Name, Func<object> Make)[]
        {
            ("workspace (block arrays, filter rows, minutiae)", () => new Workspace()),
            ("Gabor kernels", () => new GaborBank(CaptureAnalyzer.GaborSigma)),
            ("vault and decoder", () => new FuzzyVault(FuzzyVault.DefaultK)),
            ("helper data header", () => new HelperData()),
            ("extractor kept between touches", () => ImageKernelChoice.Extractor(FuzzyVault.DefaultK, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.MaxTouchCodes)),
        };
        return string.Join("; ", parts.Select(p =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(p.Make());
            return $"{p.Name} {GC.GetAllocatedBytesForCurrentThread() - before:N0}";
        }));
    }
}
