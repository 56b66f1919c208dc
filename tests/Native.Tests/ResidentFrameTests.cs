using CardFirmware.Biometrics;
using CardFirmware.Crypto.Native;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The native module's resident sensor frame (cffinger.h cf_finger_frame_*): batches outside the frame
/// are refused and write nothing; the image kernels, the codes and the vault on the resident frame give
/// what they give on a managed copy of it; and every touch leaves it zero, reproduced or not.
/// </summary>
public class ResidentFrameTests
{
    private const int Side = FrameGeometry.Side;

    private static readonly Lazy<INativeModule?> PInvokeModule = new(() => Crypto.Native.Desktop.PInvokeNativeModule.TryCreate(out _));

    private static INativeModule Module()
    {
        Backends.RequireNative();
        var module = PInvokeModule.Value!;
        module.FingerFrameClear();
        return module;
    }

    [SkippableTheory]
    [InlineData(-1, 8)]
    [InlineData(185, 8)]
    [InlineData(0, 0)]
    [InlineData(190, 3)]
    public void Write_RowsOutsideTheFrame_AreRefused_AndNothingIsWritten(int firstRow, int rowCount)
    {
        var module = Module();
        var rows = Enumerable.Repeat((byte)0x5A, Math.Max(rowCount, 1) * Side).ToArray();

        Assert.Equal(-NativeResult.Argument, module.FingerFrameWrite(rows, firstRow, rowCount));

        Assert.Equal(1, module.FingerFrameIsClear());
    }

    [SkippableFact]
    public void Write_ABatchOfAnotherSizeThanItsRows_IsRefused()
    {
        var module = Module();

        Assert.Equal(-NativeResult.Argument, module.FingerFrameWrite(new byte[(8 * Side) - 1], 0, 8));
        Assert.Equal(-NativeResult.Argument, module.FingerFrameWrite(new byte[9 * Side], 0, 8));

        Assert.Equal(1, module.FingerFrameIsClear());
    }

    [SkippableFact]
    public void Clear_ZeroesAFrameWrittenEverywhere()
    {
        var module = Module();
        Write(module, Enumerable.Repeat((byte)0xFF, FrameGeometry.FrameSize).ToArray());
        Assert.Equal(0, module.FingerFrameIsClear());
        var lastRowOnly = new byte[FrameGeometry.FrameSize];
        lastRowOnly[^1] = 1;
        module.FingerFrameClear();
        Write(module, lastRowOnly);
        Assert.Equal(0, module.FingerFrameIsClear());

        module.FingerFrameClear();

        Assert.Equal(1, module.FingerFrameIsClear());
    }

    [SkippableFact]
    public void EachDesktopThread_HasAFrameOfItsOwn()
    {
        var module = Module();
        Write(module, Enumerable.Repeat((byte)0x11, FrameGeometry.FrameSize).ToArray());
        var otherIsClear = 0;

        var other = new Thread(() => otherIsClear = module.FingerFrameIsClear());
        other.Start();
        other.Join();

        Assert.Equal(1, otherIsClear);
        Assert.Equal(0, module.FingerFrameIsClear());
        module.FingerFrameClear();
    }

    [SkippableFact]
    public void WholeAnalysis_OnTheResidentFrame_SameVerdictAndMinutiaeAsOnAManagedCopy()
    {
        var module = Module();
        var inputs = new ImageInputs(41);
        var onCopy = new CaptureAnalyzer(new NativeImageKernels(module));
        var resident = new CaptureAnalyzer(new NativeImageKernels(module));
        var minutiae = 0;
        for (var i = 0; i < 40; i++)
        {
            var frame = inputs.Frame();
            Write(module, frame);

            var verdict = onCopy.Analyse(frame);
            Assert.Equal(verdict, resident.Analyse(ResidentFrame.Handle));

            Assert.Equal(onCopy.Work.Foreground, resident.Work.Foreground);
            Assert.Equal(onCopy.Work.KernelIndex, resident.Work.KernelIndex);
            Assert.Equal(onCopy.Work.Minutiae.Count, resident.Work.Minutiae.Count);
            for (var m = 0; m < onCopy.Work.Minutiae.Count; m++)
            {
                Assert.Equal(onCopy.Work.Minutiae.X[m], resident.Work.Minutiae.X[m]);
                Assert.Equal(onCopy.Work.Minutiae.Y[m], resident.Work.Minutiae.Y[m]);
                Assert.Equal(onCopy.Work.Minutiae.Type[m], resident.Work.Minutiae.Type[m]);
                Assert.Equal(BitConverter.SingleToInt32Bits(onCopy.Work.Minutiae.Angle[m]), BitConverter.SingleToInt32Bits(resident.Work.Minutiae.Angle[m]));
            }

            minutiae += onCopy.Work.Minutiae.Count;
            onCopy.Clear();
            resident.Clear();
            resident.WipeFrame(ResidentFrame.Handle);
            Assert.True(resident.IsClear());
            Assert.Equal(1, module.FingerFrameIsClear());
        }

        Assert.True(minutiae > 40, "too few minutiae found to compare");
    }

    [SkippableFact]
    public void Percentiles_OfTheResidentFrame_AreThoseOfAManagedCopy()
    {
        var module = Module();
        var inputs = new ImageInputs(43);
        int[] ranks = [0, 737, 18_000, 36_126, FrameGeometry.FrameSize - 1];
        for (var i = 0; i < 20; i++)
        {
            var frame = inputs.Frame();
            Write(module, frame);
            var expected = new int[ranks.Length];
            var actual = new int[ranks.Length];

            Assert.Equal(0, module.FingerPercentiles(frame, frame.Length, ranks, expected));
            Assert.Equal(0, module.FingerPercentiles(ResidentFrame.Handle, frame.Length, ranks, actual));

            Assert.Equal(expected, actual);
        }

        Assert.Equal(-NativeResult.Argument, module.FingerPercentiles(ResidentFrame.Handle, FrameGeometry.FrameSize + 1, ranks, new int[ranks.Length]));
        module.FingerFrameClear();
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Reproduce_OnTheResidentFrame_GivesTheManagedCopysOutcomeAndKey_AndLeavesTheFrameZero()
    {
        var module = Module();
        const int owner = 3;
        var extractor = new FingerKeyExtractor(module);
        for (var t = 0; t < 9 && extractor.EnrollmentTouchesAccepted < extractor.RequiredTouches; t++)
        {
            extractor.AddEnrollmentTouch(Capture(owner, t));
        }

        var enrolledKey = new byte[FingerKeyExtractor.KeyLength];
        var helper = extractor.FinishEnrollment(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), enrolledKey);
        var outcomes = new List<ReproduceOutcome>();
        var touches = new[] { (owner, 9), (owner, 10), (owner, 11), (owner + 20, 0), (owner + 21, 1) };
        foreach (var (finger, touch) in touches)
        {
            var keyOnCopy = new byte[FingerKeyExtractor.KeyLength];
            var keyResident = new byte[FingerKeyExtractor.KeyLength];
            var frame = Capture(finger, touch);
            Write(module, frame);

            var onCopy = extractor.Reproduce(frame, helper, keyOnCopy);
            Assert.Equal(0, module.FingerFrameIsClear());
            var resident = extractor.Reproduce(ResidentFrame.Handle, helper, keyResident);

            Assert.Equal(onCopy, resident);
            Assert.Equal(keyOnCopy, keyResident);
            Assert.Equal(1, module.FingerFrameIsClear());
            Assert.True(extractor.IsClear());
            outcomes.Add(resident);
        }

        var blank = Enumerable.Repeat((byte)0xFF, FrameGeometry.FrameSize).ToArray();
        blank[100 * Side] = 0;
        Write(module, blank);
        Assert.Equal(ReproduceOutcome.PoorCapture, extractor.Reproduce(ResidentFrame.Handle, helper, new byte[FingerKeyExtractor.KeyLength]));
        Assert.Equal(1, module.FingerFrameIsClear());
        Assert.Contains(ReproduceOutcome.Reproduced, outcomes);
        Assert.Contains(ReproduceOutcome.NotRecognized, outcomes);
    }

    [SkippableFact]
    public void Enrollment_RefusesTheResidentFrame_SinceTheTallyReadsItsCodes()
    {
        var module = Module();

        var error = Assert.Throws<BiometricException>(() => new FingerKeyExtractor(module).AddEnrollmentTouch(ResidentFrame.Handle));

        Assert.Equal(BiometricError.BadArgument, error.Error);
    }

    [Fact]
    public void ManagedKernels_RefuseTheResidentFrame()
    {
        var extractor = new FingerKeyExtractor(FuzzyVault.DefaultK, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.MaxTouchCodes,
            ManagedImageKernels.Instance, ManagedCodeKernels.Instance);

        var error = Assert.Throws<BiometricException>(() => extractor.Reproduce(ResidentFrame.Handle, new byte[16], new byte[FingerKeyExtractor.KeyLength]));

        Assert.Equal(BiometricError.BadArgument, error.Error);
    }

    // The frame into the resident frame as the driver writes it: 8 rows a call.
    private static void Write(INativeModule module, byte[] frame)
    {
        var rows = new byte[8 * Side];
        for (var row = 0; row < Side; row += 8)
        {
            Array.Copy(frame, row * Side, rows, 0, rows.Length);
            Assert.Equal(0, module.FingerFrameWrite(rows, row, 8));
        }
    }

    private static byte[] Capture(int finger, int touch)
    {
        var frame = new byte[FrameGeometry.FrameSize];
        SyntheticFingerprint.Render(finger, touch, frame, PlacementOptions.Default, SyntheticSensor.Optical);
        return frame;
    }
}
