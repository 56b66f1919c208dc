namespace CardFirmware.Biometrics.Tests;

/// <summary>
/// The card's heap budget for one verification (design target: a session peak under 64 KB): the
/// extractor's working buffers, the frame and what a touch allocates. Allocation counts are
/// deterministic, so these are exact checks, not timings.
/// </summary>
public class MemoryBudgetTests
{
    private const int Owner = 3;

    [Fact]
    [Trait("Category", "Slow")]
    public void Reproduce_AllocatesNothing_WhateverTheOutcome()
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
        var outcomes = new HashSet<ReproduceOutcome>();
        foreach (var frame in frames)
        {
            var streamed = (byte[])frame.Clone();
            var whole = (byte[])frame.Clone();

            var before = GC.GetAllocatedBytesForCurrentThread();
            var outcome = extractor.Reproduce(streamed, source, key);
            var streamedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            extractor.Reproduce(whole, helper, key);
            var wholeBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            outcomes.Add(outcome);
            Assert.Equal(0, streamedBytes);
            Assert.Equal(0, wholeBytes);
        }

        Assert.Equal(3, outcomes.Count);
    }

    [Fact]
    public void OneVerification_FitsTheCardsHeapBudget()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var extractor = new FingerKeyExtractor();
        var working = GC.GetAllocatedBytesForCurrentThread() - before;

        // Working buffers (allocated once at boot) + the frame; a touch adds nothing (above) and the
        // helper data stays on flash (streamed through a 112-byte window).
        var peak = working + FrameGeometry.FrameSize;
        Assert.True(peak < 64 * 1000, $"one verification needs {peak:N0} bytes");
        Assert.True(working <= 24_576, $"the extractor's working buffers grew to {working:N0} bytes");
        GC.KeepAlive(extractor);
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
