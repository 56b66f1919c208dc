using CardFirmware.Biometrics;
using CardFirmware.Crypto.Native;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The native image kernels (crypto/Native cffinger.h) against the managed reference
/// (firmware/Biometrics), kernel by kernel: the same inputs give the same bytes and the same float
/// bits. Inputs are synthetic captures varied at random and random frames, masks, orientation fields,
/// periods and ridge maps (<see cref="ImageInputs"/>); every kernel also sees the real pipeline's
/// intermediate values through <see cref="WholeAnalysis_SameStagesAndMinutiae"/>.
/// </summary>
public class ImageKernelDifferentialTests
{
    private static INativeModule Module()
    {
        Backends.RequireNative();
        return PInvokeModule.Value!;
    }

    private static readonly Lazy<INativeModule?> PInvokeModule = new(() => Crypto.Native.Desktop.PInvokeNativeModule.TryCreate(out _));

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Stretch_SameFrameAndVerdict_10000Inputs() => Stretch(10_000, 1);

    [SkippableFact]
    public void Stretch_SameFrameAndVerdict() => Stretch(200, 2);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Blocks_SameMaskOrientationCoherenceAndKernels_10000Inputs() => Blocks(10_000, 3);

    [SkippableFact]
    public void Blocks_SameMaskOrientationCoherenceAndKernels() => Blocks(100, 4);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void GateSums_Same_10000Inputs() => GateSums(10_000, 5);

    [SkippableFact]
    public void GateSums_Same() => GateSums(100, 6);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Normalise_SameFrame_10000Inputs() => Normalise(10_000, 7);

    [SkippableFact]
    public void Normalise_SameFrame() => Normalise(100, 8);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Period_Same_10000Inputs() => Period(10_000, 9);

    [SkippableFact]
    public void Period_Same() => Period(100, 10);

    // The native banks are a table (crypto/Native src/finger_tables.c) for the card's sigma and every
    // period the estimator returns: each against the managed formula, bit for bit.
    [SkippableFact]
    public void Gabor_SameKernelBits_EveryPeriodTheEstimatorReturns()
    {
        var module = Module();
        var native = new float[GaborBank.BankTaps];
        var periods = EstimatorPeriods();
        Assert.Equal(23, periods.Count);
        foreach (var period in periods)
        {
            var managed = new GaborBank(period, CaptureAnalyzer.GaborSigma);
            Assert.Equal(0, module.FingerGabor(period, CaptureAnalyzer.GaborSigma, native));
            AssertBits(managed.Kernels, native);
        }
    }

    [SkippableFact]
    public void Gabor_RefusesPeriodsAndSigmasOutsideTheTable()
    {
        var module = Module();
        var native = new float[GaborBank.BankTaps];
        var periods = EstimatorPeriods();
        var random = new Random(12);
        for (var i = 0; i < 200; i++)
        {
            var period = (float)(3 + (random.NextDouble() * 17));
            if (!periods.Contains(period))
            {
                Assert.True(module.FingerGabor(period, CaptureAnalyzer.GaborSigma, native) < 0);
            }
        }

        Assert.True(module.FingerGabor(7.25f, CaptureAnalyzer.GaborSigma, native) < 0);
        Assert.True(module.FingerGabor(CaptureAnalyzer.RidgePeriod, 3.5f, native) < 0);
        Assert.True(module.FingerGabor(CaptureAnalyzer.RidgePeriod, float.NaN, native) < 0);
        Assert.True(module.FingerGabor(float.NaN, CaptureAnalyzer.GaborSigma, native) < 0);
    }

    private static HashSet<float> EstimatorPeriods()
    {
        var periods = new HashSet<float> { RidgePeriodEstimator.Fallback };
        for (var bin = 0; bin < RidgePeriodEstimator.Bins; bin++)
        {
            periods.Add(RidgePeriodEstimator.PeriodOfBin(bin));
        }

        return periods;
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Filter_SameRidgeMap_2000Inputs() => Filter(2_000, 13);

    [SkippableFact]
    public void Filter_SameRidgeMap() => Filter(30, 14);

    // The native filter decides most pixels in fixed point and computes the float response only where
    // the fixed-point one is within its error bound of 0: flat and nearly flat frames put almost every
    // response there (a zero-mean kernel on a constant patch), and kernels with taps of 2 or more have
    // no fixed form at all. The ridge map must still be the reference's.
    [SkippableFact]
    public void Filter_SameRidgeMap_ResponsesNearZeroAndUnfixableKernels()
    {
        var module = Module();
        var random = new Random(21);
        var bank = new GaborBank(CaptureAnalyzer.RidgePeriod, CaptureAnalyzer.GaborSigma);
        var w = new Workspace();
        for (var i = 0; i < 12; i++)
        {
            var managed = new byte[FrameGeometry.FrameSize];
            var level = random.Next(256);
            var noise = i % 3;
            for (var p = 0; p < managed.Length; p++)
            {
                managed[p] = (byte)Math.Clamp(level + random.Next(noise + 1), 0, 255);
            }

            for (var b = 0; b < FrameGeometry.BlockCount; b++)
            {
                w.Foreground[b] = 1;
                w.KernelIndex[b] = (byte)random.Next(GaborBank.Orientations);
            }

            bank.Tune(7f + (random.Next(21) * 0.25f));
            if (i % 4 == 3)
            {
                for (var t = 0; t < bank.Kernels.Length; t++)
                {
                    bank.Kernels[t] *= 3f;
                }
            }

            var native = (byte[])managed.Clone();
            var ridges = RidgeEnhancer.Filter(managed, w, bank);
            Assert.Equal(ridges, module.FingerFilter(native, w.Foreground, w.KernelIndex, bank.Kernels));
            Assert.Equal(managed, native);
            bank.Clear();
        }
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Thin_SameSkeleton_5000Inputs() => Thin(5_000, 15);

    [SkippableFact]
    public void Thin_SameSkeleton() => Thin(50, 16);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Minutiae_SameMinutiae_5000Skeletons() => Minutiae(5_000, 19);

    [SkippableFact]
    public void Minutiae_SameMinutiae() => Minutiae(60, 20);

    [SkippableFact]
    public void Filter_RefusesAKernelIndexOutOfRange()
    {
        var module = Module();
        var frame = new byte[FrameGeometry.FrameSize];
        var foreground = new byte[FrameGeometry.BlockCount];
        var kernelIndex = new byte[FrameGeometry.BlockCount];
        kernelIndex[300] = GaborBank.Orientations;

        Assert.True(module.FingerFilter(frame, foreground, kernelIndex, new float[GaborBank.BankTaps]) < 0);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void WholeAnalysis_SameStagesAndMinutiae_500Captures() => WholeAnalysis(500, 17);

    [SkippableFact]
    public void WholeAnalysis_SameStagesAndMinutiae() => WholeAnalysis(20, 18);

    private static void Stretch(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        var histogram = new ushort[256];
        for (var i = 0; i < count; i++)
        {
            var managed = inputs.Frame();
            var native = (byte[])managed.Clone();
            var stretched = ContrastStretch.Run(managed, histogram);
            Assert.Equal(stretched ? 1 : 0, module.FingerStretch(native));
            Assert.Equal(managed, native);
        }
    }

    private static void Blocks(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        for (var i = 0; i < count; i++)
        {
            var frame = inputs.Frame();
            var managed = new Workspace();
            var native = new Workspace();
            BlockAnalysis.Run(frame, managed);
            Assert.Equal(0, module.FingerBlocks(frame, native.Foreground, native.OrientationCos2, native.OrientationSin2, native.Coherence, native.KernelIndex));
            Assert.Equal(managed.Foreground, native.Foreground);
            Assert.Equal(managed.KernelIndex, native.KernelIndex);
            AssertBits(managed.OrientationCos2, native.OrientationCos2);
            AssertBits(managed.OrientationSin2, native.OrientationSin2);
            AssertBits(managed.Coherence, native.Coherence);
        }
    }

    private static void GateSums(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        for (var i = 0; i < count; i++)
        {
            var frame = inputs.Frame();
            var w = Analysed(frame, inputs);
            var managed = new float[2];
            var native = new float[2];
            Assert.Equal(QualityGate.BlockSums(frame, w, managed), module.FingerGateSums(frame, w.Foreground, w.Coherence, native));
            AssertBits(managed, native);
        }
    }

    private static void Normalise(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        for (var i = 0; i < count; i++)
        {
            var managed = inputs.Frame();
            var w = Analysed(managed, inputs);
            var native = (byte[])managed.Clone();
            RidgeEnhancer.Normalise(managed, w);
            Assert.Equal(0, module.FingerNormalise(native, w.Foreground));
            Assert.Equal(managed, native);
        }
    }

    private static void Period(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        var period = new float[1];
        for (var i = 0; i < count; i++)
        {
            var frame = inputs.Frame();
            var w = Analysed(frame, inputs);
            RidgeEnhancer.Normalise(frame, w);
            var managed = RidgePeriodEstimator.Estimate(frame, w);
            Assert.Equal(0, module.FingerPeriod(frame, w.Foreground, w.OrientationCos2, w.OrientationSin2, w.Coherence, period));
            Assert.Equal(BitConverter.SingleToInt32Bits(managed), BitConverter.SingleToInt32Bits(period[0]));
        }
    }

    private static void Filter(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        var bank = new GaborBank(CaptureAnalyzer.RidgePeriod, CaptureAnalyzer.GaborSigma);
        for (var i = 0; i < count; i++)
        {
            var managed = inputs.Frame();
            var w = Analysed(managed, inputs);
            if (inputs.Next(2) == 0)
            {
                RidgeEnhancer.Normalise(managed, w);
            }

            bank.Tune(inputs.Period());
            var native = (byte[])managed.Clone();
            var ridges = RidgeEnhancer.Filter(managed, w, bank);
            Assert.Equal(ridges, module.FingerFilter(native, w.Foreground, w.KernelIndex, bank.Kernels));
            Assert.Equal(managed, native);
        }
    }

    private static void Thin(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        for (var i = 0; i < count; i++)
        {
            var managed = inputs.RidgeMap();
            var native = (byte[])managed.Clone();
            Assert.Equal(Thinning.Run(managed), module.FingerThin(native));
            Assert.Equal(managed, native);
        }
    }

    // Skeletons of random ridge maps with random block arrays (often all finger, so that candidates
    // reach the tracing, the artefact pairs and the reliability cut).
    private static void Minutiae(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var frame = inputs.RidgeMap();
            Thinning.Run(frame);
            var managed = new Workspace();
            managed.Attach(frame);
            inputs.RandomBlocks(managed);
            if (inputs.Next(2) == 0)
            {
                Array.Fill(managed.Foreground, (byte)1);
            }

            var native = new Workspace();
            native.Attach((byte[])frame.Clone());
            Array.Copy(managed.Foreground, native.Foreground, managed.Foreground.Length);
            Array.Copy(managed.OrientationCos2, native.OrientationCos2, managed.OrientationCos2.Length);
            Array.Copy(managed.OrientationSin2, native.OrientationSin2, managed.OrientationSin2.Length);
            Array.Copy(managed.Coherence, native.Coherence, managed.Coherence.Length);
            // Stale minutiae from an earlier capture must be cleared by both.
            native.Minutiae.Add(5, 5, MinutiaSet.Ending, 1f, 1f);
            MinutiaExtractor.Run(managed);
            new NativeImageKernels(module).Minutiae(native);
            Assert.Equal(managed.Minutiae.Count, native.Minutiae.Count);
            Assert.Equal(managed.Minutiae.X, native.Minutiae.X);
            Assert.Equal(managed.Minutiae.Y, native.Minutiae.Y);
            Assert.Equal(managed.Minutiae.Type, native.Minutiae.Type);
            AssertBits(managed.Minutiae.Angle, native.Minutiae.Angle);
            AssertBits(managed.Minutiae.Reliability, native.Minutiae.Reliability);
            kept += managed.Minutiae.Count;
        }

        Assert.True(kept > count, "too few minutiae found to compare");
    }

    // The whole analysis on both backends: every stage's output equal, then the same minutiae.
    private static void WholeAnalysis(int count, int seed)
    {
        var module = Module();
        var inputs = new ImageInputs(seed);
        var managed = new CaptureAnalyzer();
        var native = new CaptureAnalyzer(new NativeImageKernels(module));
        var verdicts = new int[16];
        for (var i = 0; i < count; i++)
        {
            var frameA = inputs.Frame();
            var frameB = (byte[])frameA.Clone();
            var verdict = managed.Analyse(frameA);
            Assert.Equal(verdict, native.Analyse(frameB));
            verdicts[(int)verdict]++;
            Assert.Equal(frameA, frameB);
            Assert.Equal(managed.Work.Foreground, native.Work.Foreground);
            Assert.Equal(managed.Work.KernelIndex, native.Work.KernelIndex);
            AssertBits(managed.Work.OrientationCos2, native.Work.OrientationCos2);
            AssertBits(managed.Work.OrientationSin2, native.Work.OrientationSin2);
            AssertBits(managed.Work.Coherence, native.Work.Coherence);
            Assert.Equal(managed.Work.Minutiae.Count, native.Work.Minutiae.Count);
            for (var m = 0; m < managed.Work.Minutiae.Count; m++)
            {
                Assert.Equal(managed.Work.Minutiae.X[m], native.Work.Minutiae.X[m]);
                Assert.Equal(managed.Work.Minutiae.Y[m], native.Work.Minutiae.Y[m]);
                Assert.Equal(managed.Work.Minutiae.Type[m], native.Work.Minutiae.Type[m]);
                Assert.Equal(BitConverter.SingleToInt32Bits(managed.Work.Minutiae.Angle[m]), BitConverter.SingleToInt32Bits(native.Work.Minutiae.Angle[m]));
                Assert.Equal(BitConverter.SingleToInt32Bits(managed.Work.Minutiae.Reliability[m]), BitConverter.SingleToInt32Bits(native.Work.Minutiae.Reliability[m]));
            }

            managed.Clear();
            native.Clear();
            Assert.True(native.IsClear());
        }

        // The inputs reach the whole pipeline, not only the gate's refusals.
        Assert.True(verdicts[(int)QualityError.None] > count / 4, "too few captures passed the gate to compare the later stages");
    }

    // The block analysis of the frame, or at times random block values in its place.
    private static Workspace Analysed(byte[] frame, ImageInputs inputs)
    {
        var w = new Workspace();
        BlockAnalysis.Run(frame, w);
        inputs.RandomBlocks(w);
        return w;
    }

    private static void AssertBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"float {i}: managed {expected[i]:R}, native {actual[i]:R}");
            }
        }
    }
}
