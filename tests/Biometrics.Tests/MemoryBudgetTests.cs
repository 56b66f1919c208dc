namespace CardFirmware.Biometrics.Tests;

/// <summary>
/// The card's heap budget for one verification (design target: a session peak under 64 KB): the
/// extractor's working buffers, the frame and what a touch allocates. Allocation counts are
/// deterministic, so these are exact checks, not timings.
/// </summary>
public class MemoryBudgetTests
{
    private const int Owner = 3;

    // The extractor the card keeps from boot: kernels, parameters, the code buffer's view (no storage), the score.
    private const int KeptBytes = 1_024;

    // A touch's working buffers: the capture analysis (workspace, Gabor bank), the vault's decoding state, the helper data's window.
    private const int TouchBytes = 24_576;

    [Fact]
    [Trait("Category", "Slow")]
    public void Reproduce_AllocatesOnlyItsWorkingBuffers_TheSameWhateverTheOutcome()
    {
        var (helper, _) = FingerKeyExtractorTests.Enroll(Owner);
        var extractor = new FingerKeyExtractor();
        var source = new ArraySource(helper);
        var key = new byte[FingerKeyExtractor.KeyLength];
        var blank = Enumerable.Repeat((byte)255, FrameGeometry.FrameSize).ToArray();
        var frames = new List<byte[]> { blank };
        for (var touch = 10; touch < 14; touch++)
        {
            frames.Add(FingerKeyExtractorTests.Touch(Owner, touch));
        }

        for (var finger = 1; finger <= 4; finger++)
        {
            if (finger != Owner)
            {
                frames.Add(FingerKeyExtractorTests.Touch(finger, 0));
            }
        }

        // Warm up: type initialisers (the vault's label strings) allocate once per process.
        extractor.Reproduce((byte[])frames[1].Clone(), source, key);
        var first = TouchAllocation(extractor, (byte[])frames[0].Clone(), source, key).Bytes;
        var outcomes = new HashSet<ReproduceOutcome>();
        foreach (var frame in frames)
        {
            var streamed = TouchAllocation(extractor, (byte[])frame.Clone(), source, key);
            var whole = (byte[])frame.Clone();
            var before = GC.GetAllocatedBytesForCurrentThread();
            extractor.Reproduce(whole, helper, key);
            var wholeBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            outcomes.Add(streamed.Outcome);
            Assert.Equal(first, streamed.Bytes);
            Assert.True(wholeBytes <= first, $"a touch on helper data in one array allocated {wholeBytes:N0} bytes, streamed {first:N0}");
            Assert.True(extractor.IsClear());
        }

        Assert.Equal(3, outcomes.Count);
        Assert.InRange(first, 1, TouchBytes);
    }

    [Fact]
    public void OneVerification_FitsTheCardsHeapBudget()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var extractor = new FingerKeyExtractor();
        var kept = GC.GetAllocatedBytesForCurrentThread() - before;
        var frame = new byte[FrameGeometry.FrameSize];
        var touch = TouchAllocation(extractor, frame, new ArraySource(new byte[3]), new byte[FingerKeyExtractor.KeyLength], expectRefusal: true).Bytes;

        // What the extractor keeps between touches + a touch's working buffers + the frame; the helper data
        // stays on flash (streamed through a 448-byte window). Here the helper data is refused before any
        // biometric work, after the touch's buffers were made.
        var peak = kept + touch + FrameGeometry.FrameSize;
        Assert.True(peak < 64 * 1000, $"one verification needs {peak:N0} bytes");
        Assert.True(kept <= KeptBytes, $"the extractor kept between touches grew to {kept:N0} bytes");
        Assert.InRange(touch, 1, TouchBytes);
        Assert.True(extractor.IsClear());
    }

    private static (long Bytes, ReproduceOutcome Outcome) TouchAllocation(FingerKeyExtractor extractor, byte[] frame, IHelperDataSource source, byte[] key, bool expectRefusal = false)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = ReproduceOutcome.NotRecognized;
        if (expectRefusal)
        {
            Assert.Throws<BiometricException>(() => extractor.Reproduce(frame, source, key));
        }
        else
        {
            outcome = extractor.Reproduce(frame, source, key);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before, outcome);
    }

    [Fact]
    public void Reproduce_WipesTheFrame_ItWorkedIn()
    {
        var (helper, _) = FingerKeyExtractorTests.Enroll(Owner);
        var extractor = new FingerKeyExtractor();
        foreach (var frame in new[] { FingerKeyExtractorTests.Touch(Owner, 10), FingerKeyExtractorTests.Touch(Owner + 1, 0) })
        {
            extractor.Reproduce(frame, helper, new byte[FingerKeyExtractor.KeyLength]);

            Assert.All(frame, b => Assert.Equal(0, b));
            Assert.True(extractor.IsClear());
        }
    }

    [Fact]
    public void MalformedHelperData_StillWipesTheFrame()
    {
        var extractor = new FingerKeyExtractor();
        var frame = FingerKeyExtractorTests.Touch(Owner, 10);

        Assert.Throws<BiometricException>(() => extractor.Reproduce(frame, new byte[3], new byte[FingerKeyExtractor.KeyLength]));

        Assert.All(frame, b => Assert.Equal(0, b));
        Assert.True(extractor.IsClear());
    }

    [Fact]
    public void EnrollmentTouch_WipesTheFrame_AndFinishingDropsTheEnrollmentBuffers()
    {
        var extractor = new FingerKeyExtractor();
        for (var touch = 0; extractor.EnrollmentTouchesAccepted < FingerKeyExtractor.EnrollmentTouches; touch++)
        {
            var frame = FingerKeyExtractorTests.Touch(Owner, touch);
            extractor.AddEnrollmentTouch(frame);
            Assert.All(frame, b => Assert.Equal(0, b));
        }

        Assert.False(extractor.IsClear());
        extractor.FinishEnrollment(Enumerable.Repeat((byte)7, 32).ToArray(), new byte[FingerKeyExtractor.KeyLength]);
        Assert.True(extractor.IsClear());
    }

    private sealed class ArraySource(byte[] value) : IHelperDataSource
    {
        public int Length => value.Length;

        public void Read(int offset, byte[] buffer, int bufferOffset, int count) => Array.Copy(value, offset, buffer, bufferOffset, count);
    }
}
