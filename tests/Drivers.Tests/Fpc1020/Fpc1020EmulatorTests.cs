using CardFirmware.Hal;
using CardFirmware.HalSim.Bus;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Gpio;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Drivers.Tests.Fpc1020;

/// <summary>The emulator's wire behaviour, byte by byte, against the fact sheet (§ cited).</summary>
public class Fpc1020EmulatorTests
{
    private readonly VirtualClock _clock = new();
    private readonly SimInputPin _irq = new();
    private readonly SimOutputPin _reset = new();
    private readonly Fpc1020Emulator _emulator;
    private readonly ISpiDevice _spi;

    public Fpc1020EmulatorTests()
    {
        _emulator = new Fpc1020Emulator(_clock, _irq, _reset);
        var bus = new SimSpiBus();
        bus.Attach(0, _emulator);
        _spi = bus.Device(0);
        _clock.Advance(2);
    }

    private byte[] Frame(params byte[] mosi)
    {
        var miso = new byte[mosi.Length];
        _spi.TransferFullDuplex(mosi, miso);
        return miso;
    }

    [Fact]
    public void AfterReset_IrqIsHighAndFirstClearReadsFFThenZero()
    {
        Assert.True(_irq.Read());
        Assert.Equal(new byte[] { 0x00, 0xFF }, Frame(0x18, 0x00));
        Assert.True(_irq.Read());
        Assert.Equal(new byte[] { 0x00, 0xFF }, Frame(0x1C, 0x00));
        Assert.False(_irq.Read());
        Assert.Equal(new byte[] { 0x00, 0x00 }, Frame(0x1C, 0x00));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x1E }, Frame(0x14, 0x00, 0x00));
    }

    [Fact]
    public void ResetRelease_RaisesIrqOnlyAfterTheResetDelay()
    {
        _reset.Write(false);
        Assert.False(_irq.Read());
        Assert.Equal(Fpc1020Mode.InReset, _emulator.Mode);
        _reset.Write(true);
        Assert.False(_irq.Read());
        _clock.Advance(1);
        Assert.True(_irq.Read());
    }

    [Fact]
    public void HardwareId_IsReadMostSignificantByteFirst()
    {
        Assert.Equal(new byte[] { 0x00, 0x02, 0x0A }, Frame(0xFC, 0x00, 0x00));
        _emulator.HardwareId = 0x021B;
        Assert.Equal(new byte[] { 0x00, 0x02, 0x1B }, Frame(0xFC, 0xAA, 0xBB));
        Assert.Equal(new byte[] { 0x00, 0x02, 0x1B }, Frame(0xFC, 0x00, 0x00));
    }

    [Fact]
    public void ConfigurationRegister_IsAnExchangeRegister()
    {
        // §3: the old value comes out while the new one goes in; a "read" with filler overwrites it.
        Assert.Equal(new byte[] { 0x00, 0x50 }, Frame(0xD8, 0x33));
        Assert.Equal(new byte[] { 0x00, 0x33 }, Frame(0xD8, 0x00));
        Assert.Equal(new byte[] { 0x00, 0x00 }, Frame(0xD8, 0x44));
        Assert.Equal(new byte[] { 0x00, 0x00, 0xFF }, Frame(0xDC, 0x12, 0x34));
        Assert.Equal(new byte[] { 0x12, 0x34 }, _emulator.RegisterBytes(0xDC));
    }

    [Fact]
    public void PartialWrite_IsNotCommitted()
    {
        Frame(0x54, 0x01, 0x02);
        Assert.Equal(new byte[] { 0x00, 0xC0, 0x00, 0xC0 }, _emulator.RegisterBytes(0x54));
    }

    [Fact]
    public void CaptureAndSplitRead_StreamsTheWindowRowMajorWithOneDummyByte()
    {
        var finger = SensorRig.FingerImage();
        _emulator.PlaceFinger(finger);
        Frame(0x1C, 0x00);
        // The placed image is what the sensor shows at the A3 recipe's capture setting (§6.3): shift 10, gain 2.
        Frame(0xA0, 0x0A, 0x02);
        Frame(0x54, 10, 4, 16, 24);
        Frame(0xC0);
        Assert.False(_irq.Read());
        _clock.Advance(_emulator.CaptureMilliseconds);
        Assert.True(_irq.Read());
        Assert.Equal(new byte[] { 0x00, 0x20 }, Frame(0x1C, 0x00));

        var first = new byte[40];
        _spi.WriteThenRead([0xC4, 0x00], 2, first, 0, 40);
        var rest = new byte[56];
        _spi.WriteThenRead([0xC4], 1, rest, 0, 56);

        var pixels = first.Concat(rest).ToArray();
        for (var i = 0; i < 96; i++)
        {
            Assert.Equal(finger[(10 + i / 24) * 192 + 16 + i % 24], pixels[i]);
        }

        Assert.Equal(new byte[] { 0x00, 0x00 }, Frame(0x1C, 0x00));
    }

    [Fact]
    public void ReadingPastTheFifo_SetsUnderflowUntilTheErrorRegisterIsRead()
    {
        Frame(0x1C, 0x00);
        Frame(0x54, 0, 1, 0, 8);
        Frame(0xC0);
        _clock.Advance(_emulator.CaptureMilliseconds);
        Frame(0x1C, 0x00);

        var pixels = new byte[10];
        _spi.WriteThenRead([0xC4, 0x00], 2, pixels, 0, 10);

        Assert.Equal(0, pixels[8]);
        Assert.True(_irq.Read());
        Assert.Equal(new byte[] { 0x00, 0x04 }, Frame(0x1C, 0x00));
        Assert.Equal(new byte[] { 0x00, 0x01 }, Frame(0x38, 0x00));
        Assert.Equal(new byte[] { 0x00, 0x00 }, Frame(0x38, 0x00));
    }

    [Fact]
    public void FingerQuery_ReportsZonesAndFingerBit()
    {
        Frame(0x1C, 0x00);
        Frame(0x20);
        _clock.Advance(_emulator.QueryMilliseconds);
        Assert.Equal(new byte[] { 0x00, 0x80 }, Frame(0x1C, 0x00));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00 }, Frame(0xD4, 0x00, 0x00));

        _emulator.PlaceFinger(SensorRig.FingerImage());
        Frame(0x20);
        _clock.Advance(_emulator.QueryMilliseconds);
        Assert.Equal(new byte[] { 0x00, 0x81 }, Frame(0x1C, 0x00));
        Assert.Equal(new byte[] { 0x00, 0x0F, 0xFF }, Frame(0xD4, 0x00, 0x00));
    }

    [Fact]
    public void ZoneThreshold_ComesFromRegisterD8()
    {
        var grey = Enumerable.Repeat((byte)200, 192 * 192).ToArray();
        _emulator.PlaceFinger(grey);

        // (255 - 200) / 8 = 6 per pixel, 64 pixels, halved: 192 per zone.
        Assert.Equal(0x0FFF, _emulator.CoveredZones());
        Frame(0xD8, 192);
        Assert.Equal(0, _emulator.CoveredZones());
        Frame(0xD8, 191);
        Assert.Equal(0x0FFF, _emulator.CoveredZones());
    }

    [Fact]
    public void WaitForFinger_FiresOnceTheCoveredZonesAreStable()
    {
        Frame(0x1C, 0x00);
        Frame(0x24);
        _clock.Advance(100);
        Assert.False(_irq.Read());
        Assert.Equal(Fpc1020Mode.WaitingForFinger, _emulator.Mode);

        _emulator.PlaceFinger(SensorRig.FingerImage());
        _clock.Advance(2 * _emulator.QueryMilliseconds);
        Assert.True(_irq.Read());
        Assert.Equal(new byte[] { 0x00, 0x81 }, Frame(0x1C, 0x00));
    }

    [Fact]
    public void Idle_CancelsWaitForFingerAndRaises80()
    {
        Frame(0x1C, 0x00);
        Frame(0x24);
        _clock.Advance(10);
        Frame(0x34);
        _clock.Advance(_emulator.IdleMilliseconds);
        Assert.Equal(new byte[] { 0x00, 0x80 }, Frame(0x1C, 0x00));
        _emulator.PlaceFinger(SensorRig.FingerImage());
        _clock.Advance(50);
        Assert.False(_irq.Read());
        Assert.Equal(Fpc1020Mode.Idle, _emulator.Mode);
    }

    [Fact]
    public void Sleep_ClearsStatusModeBitsAndWakesOnCentreZones()
    {
        Frame(0x1C, 0x00);
        Frame(0x28);
        Assert.Equal(0x10, Frame(0x14, 0x00, 0x00)[2]);
        _clock.Advance(5000);
        Assert.False(_irq.Read());

        _emulator.PlaceFinger(SensorRig.FingerImage());
        _clock.Advance(_emulator.SleepCheckMilliseconds);
        Assert.True(_irq.Read());
        Assert.Equal(Fpc1020Mode.Idle, _emulator.Mode);
    }

    [Fact]
    public void CommandDuringCapture_IsCountedAsViolationAndIgnored()
    {
        Frame(0x1C, 0x00);
        Frame(0xC0);
        Frame(0x20);
        Frame(0xD8, 0x10);

        Assert.Equal(2, _emulator.ProtocolViolations);
        Assert.Equal(Fpc1020Mode.Capturing, _emulator.Mode);
    }

    [Fact]
    public void TestPatternMode_AnswersTheRevisionProbe()
    {
        Frame(0x1C, 0x00);
        Frame(0x8C, 0x04);
        Frame(0x54, 0, 5, 0, 192);
        Frame(0xC0);
        _clock.Advance(_emulator.CaptureMilliseconds);
        Frame(0x1C, 0x00);
        var pixels = new byte[960];
        _spi.WriteThenRead([0xC4, 0x00], 2, pixels, 0, 960);

        Assert.Equal(140, pixels[192 + 5]);
        Assert.Equal(165, pixels[192 + 170]);
    }

    [Fact]
    public void UnknownCode_IsIgnored()
    {
        Frame(0x1C, 0x00);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00 }, Frame(0x03, 0x12, 0x34));
        Assert.Equal(Fpc1020Mode.Idle, _emulator.Mode);
        Assert.Equal(0, _emulator.ProtocolViolations);
        Assert.False(_irq.Read());
    }

    [Fact]
    public void LiftFinger_WipesTheStoredImage()
    {
        _emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(_emulator.FingerPresent);
        _emulator.LiftFinger();
        Assert.False(_emulator.FingerPresent);
        Assert.Equal(0, _emulator.CoveredZones());
    }
}
