using CardFirmware.Drivers.Fpc1020;
using CardFirmware.HalSim.Fpc1020;

namespace CardFirmware.Drivers.Tests.Fpc1020;

/// <summary>
/// Every error condition of the fact sheet (§9) surfaces as its typed error, and the sensor
/// works again afterwards (reset, wait for finger, capture of the exact image).
/// </summary>
public class Fpc1020ErrorTests
{
    private static SensorException Fails(Action action) => Assert.Throws<SensorException>(action);

    private static byte[] Frame() => new byte[Fpc1020Sensor.ImageSize];

    [Theory]
    [InlineData(0x021B)]
    [InlineData(0x140A)]
    [InlineData(0x0000)]
    [InlineData(0xFFFF)]
    public void Initialize_WrongHardwareId_IsTypedAndRecoverable(int id)
    {
        var rig = new SensorRig();
        rig.Emulator.HardwareId = id;

        var error = Fails(rig.Sensor.Initialize);

        Assert.Equal(SensorError.WrongHardwareId, error.Error);
        Assert.Equal(id, error.Detail);
        Assert.False(rig.Sensor.IsInitialized);
        rig.Emulator.HardwareId = 0x020A;
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Initialize_GarbledHardwareIdRead_IsWrongHardwareId()
    {
        var rig = new SensorRig();
        rig.Faults.GarbleNextReadOf = 0xFC;

        Assert.Equal(SensorError.WrongHardwareId, Fails(rig.Sensor.Initialize).Error);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Initialize_UnrecognisedRevision_IsUnknownRevision()
    {
        var rig = new SensorRig();
        rig.Emulator.Revision = EmulatedRevision.Unrecognised;

        var error = Fails(rig.Sensor.Initialize);

        Assert.Equal(SensorError.UnknownRevision, error.Error);
        Assert.Equal((240 << 8) | 240, error.Detail);
        rig.Emulator.Revision = EmulatedRevision.A3;
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Initialize_NoIrqAfterReset_RetriesOnceThenReportsResetNotAcknowledged()
    {
        var rig = new SensorRig();
        var resetsBefore = rig.Emulator.Resets;
        rig.Faults.SuppressResetIrq = true;

        Assert.Equal(SensorError.ResetNotAcknowledged, Fails(rig.Sensor.Initialize).Error);

        Assert.Equal(2, rig.Emulator.Resets - resetsBefore);
        rig.Faults.SuppressResetIrq = false;
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Initialize_FirstInterruptReadNotFF_IsResetNotAcknowledged()
    {
        var rig = new SensorRig();
        rig.Faults.GarbleNextReadOf = 0x1C;

        var error = Fails(rig.Sensor.Initialize);

        Assert.Equal(SensorError.ResetNotAcknowledged, error.Error);
        Assert.Equal(0xFF ^ 0x5A, error.Detail);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Initialize_NoDeviceOnTheBus_IsResetNotAcknowledged()
    {
        var rig = new SensorRig(attachEmulator: false);
        rig.Faults.NeverRaiseIrq = true;

        Assert.Equal(SensorError.ResetNotAcknowledged, Fails(rig.Sensor.Initialize).Error);
    }

    [Fact]
    public void Initialize_NoDeviceWithIrqFloatingHigh_IsIrqStuck()
    {
        // An empty socket reads 0xFF on MISO; with a floating-high IRQ the first clear read is
        // 0xFF too, and the line never drops: the driver must not get further than the handshake.
        var rig = new SensorRig(attachEmulator: false);
        rig.Irq.Drive(true);

        Assert.Equal(SensorError.IrqStuck, Fails(rig.Sensor.Initialize).Error);
    }

    [Fact]
    public void Capture_IrqNeverRaised_IsIrqTimeoutWithinTheLimit()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.NeverRaiseIrq = true;
        var start = rig.Clock.UptimeMilliseconds;

        var error = Fails(() => rig.Sensor.CaptureImage(Frame()));

        Assert.Equal(SensorError.IrqTimeout, error.Error);
        Assert.Equal((int)Command.CaptureImage, error.Detail);
        Assert.InRange(rig.Clock.UptimeMilliseconds - start, 100, 110);
        Assert.True(error.RequiresReset);
        Assert.False(rig.Sensor.IsInitialized);
        rig.Faults.NeverRaiseIrq = false;
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void WaitForFinger_IrqNeverRaised_ReturnsFalseThenIdleTimesOut()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Faults.NeverRaiseIrq = true;
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());

        // The wait itself ends at its deadline; the idle command that cancels it then gets no IRQ.
        Assert.Equal(SensorError.IrqTimeout, Fails(() => rig.Sensor.WaitForFinger(300)).Error);
        rig.Faults.NeverRaiseIrq = false;
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Capture_IrqStuckHigh_IsIrqStuck()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.IrqStuckHigh = true;
        var frame = Frame();

        Assert.Equal(SensorError.IrqStuck, Fails(() => rig.Sensor.CaptureImage(frame)).Error);

        Assert.Equal(new byte[frame.Length], frame);
        Assert.Equal(SensorError.IrqStuck, Fails(rig.Sensor.Initialize).Error);
        rig.Faults.IrqStuckHigh = false;
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Capture_ChipResetsItself_IsSpontaneousReset()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.SpontaneousResetOnCommand = (byte)Command.CaptureImage;

        Assert.Equal(SensorError.SpontaneousReset, Fails(() => rig.Sensor.CaptureImage(Frame())).Error);

        Assert.False(rig.Sensor.IsInitialized);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void WaitForFinger_ChipResetsItself_IsSpontaneousReset()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Faults.SpontaneousResetOnCommand = (byte)Command.WaitForFinger;
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());

        Assert.Equal(SensorError.SpontaneousReset, Fails(() => rig.Sensor.WaitForFinger(500)).Error);
        rig.AssertUsableAfterReinitialize();
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x24)]
    [InlineData(0x80)]
    [InlineData(0xA0)]
    public void Capture_FlagsOtherThanImageReady_IsCaptureFailed(byte flags)
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.NextCaptureFlags = flags;

        var error = Fails(() => rig.Sensor.CaptureImage(Frame()));

        // 0x00 raises no IRQ at all, so the driver times out instead.
        Assert.Equal(flags == 0 ? SensorError.IrqTimeout : SensorError.CaptureFailed, error.Error);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Capture_GarbledInterruptRead_IsCaptureFailed()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.GarbleNextReadOf = 0x1C;

        var error = Fails(() => rig.Sensor.CaptureImage(Frame()));

        Assert.Equal(SensorError.CaptureFailed, error.Error);
        Assert.Equal(0x20 ^ 0x5A, error.Detail);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Capture_ShortFifo_IsFifoUnderflowAndNextCaptureWorksWithoutReset()
    {
        var rig = new SensorRig();
        var finger = SensorRig.FingerImage();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(finger);
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.TruncateNextCaptureTo = 20000;
        var frame = Frame();

        var error = Fails(() => rig.Sensor.CaptureImage(frame));

        Assert.Equal(SensorError.FifoUnderflow, error.Error);
        Assert.Equal(0x01, error.Detail);
        Assert.False(error.RequiresReset);
        Assert.Equal(new byte[frame.Length], frame);
        Assert.True(rig.Sensor.IsInitialized);
        rig.Sensor.CaptureImage(frame);
        Assert.Equal(finger, frame);
        Assert.Equal(0, rig.Emulator.PendingInterrupts);
    }

    [Fact]
    public void WaitForFinger_WakeWithoutFingerOrDoneFlag_IsWrongWakeReason()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Faults.NextWakeFlags = 0x20;
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());

        var error = Fails(() => rig.Sensor.WaitForFinger(500));

        Assert.Equal(SensorError.WrongWakeReason, error.Error);
        Assert.Equal(0x20, error.Detail);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Capture_FingerLiftedHalfway_IsFingerLiftedAndFrameIsCleared()
    {
        var rig = new SensorRig();
        var finger = SensorRig.FingerImage();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(finger);
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.LiftFingerDuringCaptureOnce = true;
        var frame = Frame();

        var error = Fails(() => rig.Sensor.CaptureImage(frame));

        Assert.Equal(SensorError.FingerLifted, error.Error);
        Assert.False(error.RequiresReset);
        Assert.Equal(new byte[frame.Length], frame);
        Assert.Equal(finger, rig.PlaceAndCapture(finger));
    }

    [Fact]
    public void Sleep_ChipStaysIdle_IsSleepNotEnteredAfterOneRetry()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Faults.IgnoreSleepCommands = true;

        Assert.Equal(SensorError.SleepNotEntered, Fails(rig.Sensor.Sleep).Error);
        rig.Sensor.Initialize();
        Assert.Equal(SensorError.SleepNotEntered, Fails(rig.Sensor.DeepSleep).Error);

        rig.Faults.IgnoreSleepCommands = false;
        rig.AssertUsableAfterReinitialize();
        rig.Sensor.DeepSleep();
        Assert.Equal(Fpc1020Mode.DeepSleep, rig.Emulator.Mode);
    }

    [Fact]
    public void WaitForFingerInSleep_ChipIgnoresSleep_IsSleepNotEntered()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Faults.IgnoreSleepCommands = true;

        Assert.Equal(SensorError.SleepNotEntered, Fails(() => rig.Sensor.WaitForFingerInSleep(1000)).Error);
        rig.Faults.IgnoreSleepCommands = false;
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void WaitForFingerInSleep_WakeWithoutDoneFlag_IsWrongWakeReason()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Faults.NextWakeFlags = 0x01;
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());

        var error = Fails(() => rig.Sensor.WaitForFingerInSleep(3000));

        Assert.Equal(SensorError.WrongWakeReason, error.Error);
        Assert.Equal(0x01, error.Detail);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void QueryFingerZones_GarbledBitmap_IsBadResponse()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        rig.Faults.GarbleNextReadOf = 0xD4;
        rig.Faults.GarbleMask = 0xF0;

        Assert.Equal(SensorError.BadResponse, Fails(() => rig.Sensor.QueryFingerZones()).Error);
        rig.AssertUsableAfterReinitialize();
    }

    [Fact]
    public void Capture_GarbledPixel_IsNotDetectableAtTheDriver()
    {
        // The protocol has no checksum (§3): a bit error in the pixel stream reaches the caller,
        // whose quality checks must cope. This pins that the knob works and the driver passes it on.
        var rig = new SensorRig();
        var finger = SensorRig.FingerImage();
        rig.Sensor.Initialize();
        rig.Faults.GarblePixelIndex = 1000;

        var frame = rig.PlaceAndCapture(finger);

        Assert.Equal(finger[1000] ^ 0x5A, frame[1000]);
        frame[1000] = finger[1000];
        Assert.Equal(finger, frame);
    }
}
