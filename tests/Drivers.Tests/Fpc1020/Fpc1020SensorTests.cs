using CardFirmware.Drivers.Fpc1020;
using CardFirmware.Drivers.Tests.Images;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Drivers.Tests.Fpc1020;

public class Fpc1020SensorTests
{
    [Fact]
    public void Initialize_ReadsIdProbesRevisionAndWritesA3Recipe()
    {
        var rig = new SensorRig();

        rig.Sensor.Initialize();

        Assert.Equal(0x020A, rig.Sensor.HardwareId);
        Assert.Equal(SensorRevision.A3, rig.Sensor.Revision);
        Assert.True(rig.Sensor.IsInitialized);

        // Fact sheet §6.3, column A3, in wire order.
        Assert.Equal(new byte[] { 0x17, 0x17, 0x17, 0x17, 0x23, 0x23, 0x23, 0x23 }, rig.Emulator.RegisterBytes(0x68));
        Assert.Equal(new byte[] { 0x0F }, rig.Emulator.RegisterBytes(0x6C));
        Assert.Equal(new byte[] { 0x18 }, rig.Emulator.RegisterBytes(0x90));
        Assert.Equal(new byte[] { 0x02 }, rig.Emulator.RegisterBytes(0x8C));
        Assert.Equal(new byte[] { 0x0A, 0x02 }, rig.Emulator.RegisterBytes(0xA0));
        Assert.Equal(new byte[] { 0x0F, 0x0A }, rig.Emulator.RegisterBytes(0xA8));
        Assert.Equal(new byte[] { 0x0B }, rig.Emulator.RegisterBytes(0x5C));
        Assert.Equal(new byte[] { 0x50 }, rig.Emulator.RegisterBytes(0xD8));
        Assert.Equal(new byte[] { 0x00, 0xFF }, rig.Emulator.RegisterBytes(0xDC));
        Assert.Equal(new byte[5], rig.Emulator.RegisterBytes(0x9C));
        Assert.Equal(0, rig.Emulator.ProtocolViolations);
    }

    [Theory]
    [InlineData(EmulatedRevision.A1, SensorRevision.A1, 0x33)]
    [InlineData(EmulatedRevision.A2, SensorRevision.A2, 0x0F)]
    [InlineData(EmulatedRevision.A3, SensorRevision.A3, 0x0F)]
    [InlineData(EmulatedRevision.A4, SensorRevision.A4, 0x00)]
    public void Initialize_DetectsEachRevisionAndAppliesItsRecipe(EmulatedRevision emulated, SensorRevision expected, byte pixelResetDelay)
    {
        var rig = new SensorRig();
        rig.Emulator.Revision = emulated;

        rig.Sensor.Initialize();

        Assert.Equal(expected, rig.Sensor.Revision);
        Assert.Equal(new[] { pixelResetDelay }, rig.Emulator.RegisterBytes(0x6C));
        var early = expected is SensorRevision.A1 or SensorRevision.A2;
        Assert.Equal(early ? new byte[] { 0x55, 0x40, 0x00, 0x3F, 0x34 } : new byte[5], rig.Emulator.RegisterBytes(0x9C));
        Assert.Equal(early ? new byte[] { 0x00, 0x08, 0x00, 0x00 } : new byte[4], rig.Emulator.RegisterBytes(0x88));
        var finger = SensorRig.FingerImage();
        Assert.Equal(finger, rig.PlaceAndCapture(finger));
    }

    [Fact]
    public void HappyPath_WaitCaptureSleep_ReadsExactlyTheImageFed()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var finger = SensorRig.FingerImage(fingerId: 3, touch: 5);
        var start = rig.Clock.UptimeMilliseconds;
        rig.Clock.ScheduleAfter(300, () => rig.Emulator.PlaceFinger(finger));

        Assert.True(rig.Sensor.WaitForFinger(2000));
        Assert.InRange(rig.Clock.UptimeMilliseconds - start, 300, 400);
        var frame = new byte[Fpc1020Sensor.ImageSize];
        rig.Sensor.CaptureImage(frame);

        Assert.Equal(finger, frame);
        rig.Sensor.Sleep();
        Assert.Equal(Fpc1020Mode.Sleep, rig.Emulator.Mode);
        Assert.Equal(0, rig.Emulator.ProtocolViolations);
        Assert.Equal(0, rig.Emulator.PendingInterrupts);
    }

    [Fact]
    public void HappyPath_WithDefaultPlacementTouchesFromAnImageSource()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var source = new SyntheticImageSource(21);
        var frame = new byte[Fpc1020Sensor.ImageSize];
        var accepted = 0;
        for (var touch = 0; touch < 8; touch++)
        {
            rig.Emulator.PlaceTouch(source, touch);
            if (rig.Sensor.WaitForFinger(500))
            {
                rig.Sensor.CaptureImage(frame);
                Assert.Equal(source.Capture(touch), frame);
                accepted++;
            }

            rig.Emulator.LiftFinger();
        }

        // Casual placements still cover more than 6 of the 12 zones nearly always.
        Assert.InRange(accepted, 6, 8);
    }

    [Fact]
    public void Capture_UsesCaptureSettingsAndRestoresDetectSettings()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.PlaceAndCapture(SensorRig.FingerImage());

        Assert.Equal(new byte[] { 0x00, 0xC0, 0x00, 0xC0 }, rig.Emulator.RegisterBytes(0x54));
        Assert.Equal(new byte[] { 0x0F, 0x0A }, rig.Emulator.RegisterBytes(0xA8));
    }

    [Fact]
    public void WaitForFinger_TimesOutWithoutFingerAndLeavesSensorIdle()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var start = rig.Clock.UptimeMilliseconds;

        Assert.False(rig.Sensor.WaitForFinger(500));

        Assert.InRange(rig.Clock.UptimeMilliseconds - start, 500, 620);
        Assert.Equal(Fpc1020Mode.Idle, rig.Emulator.Mode);
        Assert.True(rig.Sensor.IsInitialized);
        var finger = SensorRig.FingerImage();
        Assert.Equal(finger, rig.PlaceAndCapture(finger));
        Assert.Equal(0, rig.Emulator.ProtocolViolations);
    }

    [Fact]
    public void WaitForFinger_ReturnsFalseWhenTooFewZonesAreCovered()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var edge = SensorRig.FingerImage();

        // Only the left column of zones (columns 0-40) touched: 3 of 12 zones, below the > 6 policy.
        for (var row = 0; row < 192; row++)
        {
            Array.Fill(edge, (byte)255, row * 192 + 40, 152);
        }

        rig.Emulator.PlaceFinger(edge);

        Assert.False(rig.Sensor.WaitForFinger(200));
        Assert.Equal(3, System.Numerics.BitOperations.PopCount((uint)rig.Sensor.QueryFingerZones()));
    }

    [Fact]
    public void WaitForFingerInSleep_WakesOnFingerWithinOneSleepPeriod()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var finger = SensorRig.FingerImage();
        var start = rig.Clock.UptimeMilliseconds;
        rig.Clock.ScheduleAfter(2500, () =>
        {
            Assert.Equal(Fpc1020Mode.Sleep, rig.Emulator.Mode);
            rig.Emulator.PlaceFinger(finger);
        });

        Assert.True(rig.Sensor.WaitForFingerInSleep(10000));

        Assert.InRange(rig.Clock.UptimeMilliseconds - start, 2500, 2500 + rig.Emulator.SleepCheckMilliseconds + 50);
        var frame = new byte[Fpc1020Sensor.ImageSize];
        rig.Sensor.CaptureImage(frame);
        Assert.Equal(finger, frame);
        Assert.Equal(0, rig.Emulator.ProtocolViolations);
    }

    [Fact]
    public void WaitForFingerInSleep_TimesOutAndLeavesSensorIdle()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();

        Assert.False(rig.Sensor.WaitForFingerInSleep(3000));

        Assert.Equal(Fpc1020Mode.Idle, rig.Emulator.Mode);
        var finger = SensorRig.FingerImage();
        Assert.Equal(finger, rig.PlaceAndCapture(finger));
    }

    [Fact]
    public void QueryFingerZones_ReportsAllZonesForAFullTouchAndNoneWithoutFinger()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();

        Assert.Equal(0, rig.Sensor.QueryFingerZones());
        Assert.False(rig.Sensor.IsFingerPresent());
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.Equal(0x0FFF, rig.Sensor.QueryFingerZones());
        Assert.True(rig.Sensor.IsFingerPresent());
    }

    [Fact]
    public void WakeUp_AfterSleepAndDeepSleep_AllowsCapture()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();

        rig.Sensor.DeepSleep();
        Assert.Equal(Fpc1020Mode.DeepSleep, rig.Emulator.Mode);
        Assert.Throws<InvalidOperationException>(() => rig.Sensor.CaptureImage(new byte[Fpc1020Sensor.ImageSize]));
        rig.Sensor.WakeUp();
        var finger = SensorRig.FingerImage();
        Assert.Equal(finger, rig.PlaceAndCapture(finger));

        rig.Sensor.Sleep();
        rig.Sensor.WakeUp();
        Assert.Equal(Fpc1020Mode.Idle, rig.Emulator.Mode);
        Assert.Equal(0, rig.Emulator.ProtocolViolations);
    }

    [Fact]
    public void Dispose_PutsChipInDeepSleepAndRejectsFurtherUse()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();

        rig.Sensor.Dispose();
        rig.Sensor.Dispose();

        Assert.Equal(Fpc1020Mode.DeepSleep, rig.Emulator.Mode);
        Assert.Throws<ObjectDisposedException>(() => rig.Sensor.Initialize());
        Assert.Throws<ObjectDisposedException>(() => rig.Sensor.WaitForFinger(10));
    }

    [Fact]
    public void Dispose_DoesNotThrowWhenTheChipIgnoresSleep()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Faults.IgnoreSleepCommands = true;

        rig.Sensor.Dispose();

        Assert.Equal(Fpc1020Mode.Idle, rig.Emulator.Mode);
    }

    [Fact]
    public void Operations_BeforeInitialize_AreRejected()
    {
        var rig = new SensorRig();

        Assert.Throws<InvalidOperationException>(() => rig.Sensor.CaptureImage(new byte[Fpc1020Sensor.ImageSize]));
        Assert.Throws<InvalidOperationException>(() => rig.Sensor.WaitForFinger(10));
        Assert.Throws<InvalidOperationException>(() => rig.Sensor.Sleep());
    }

    [Fact]
    public void CaptureImage_RejectsWrongBufferSize()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();

        Assert.Throws<ArgumentNullException>(() => rig.Sensor.CaptureImage((byte[])null!));
        Assert.Throws<ArgumentNullException>(() => rig.Sensor.CaptureImage((IFrameStore)null!));
        Assert.Throws<ArgumentException>(() => rig.Sensor.CaptureImage(new byte[Fpc1020Sensor.ImageSize - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Sensor.WaitForFinger(-1));
    }

    [Fact]
    public void Constructor_RejectsMissingParts()
    {
        var rig = new SensorRig();
        var spi = rig.Bus.Device(0);

        Assert.Throws<ArgumentNullException>(() => new Fpc1020Sensor(null!, rig.Irq, rig.Reset, rig.Clock));
        Assert.Throws<ArgumentNullException>(() => new Fpc1020Sensor(spi, null!, rig.Reset, rig.Clock));
        Assert.Throws<ArgumentNullException>(() => new Fpc1020Sensor(spi, rig.Irq, null!, rig.Clock));
        Assert.Throws<ArgumentNullException>(() => new Fpc1020Sensor(spi, rig.Irq, rig.Reset, null!));
    }

    [Fact]
    public void CaptureImage_ReadsOutInOneFrameIntoTheCallersBuffer()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        var before = rig.Bus.BytesClocked;

        rig.Sensor.CaptureImage(new byte[Fpc1020Sensor.ImageSize]);

        // One C4 frame (2 + 36864 bytes) plus a few short register and command frames.
        Assert.InRange(rig.Bus.BytesClocked - before, 36866, 36866 + 64);
    }
}
