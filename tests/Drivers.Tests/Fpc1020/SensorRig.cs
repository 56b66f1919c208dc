using CardFirmware.Drivers.Fpc1020;
using CardFirmware.HalSim.Bus;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Gpio;
using CardFirmware.HalSim.Images;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Drivers.Tests.Fpc1020;

/// <summary>
/// The smallest board that holds the sensor: a virtual clock, an SPI bus with the emulator on
/// chip select 0, the IRQ and RST lines, and the driver on top (no SimBoard).
/// </summary>
internal sealed class SensorRig
{
    public SensorRig(bool attachEmulator = true)
    {
        Emulator = new Fpc1020Emulator(Clock, Irq, Reset);
        if (attachEmulator)
        {
            Bus.Attach(0, Emulator);
        }

        Sensor = new Fpc1020Sensor(Bus.Device(0), Irq, Reset, Clock);
    }

    public VirtualClock Clock { get; } = new();

    public SimSpiBus Bus { get; } = new();

    public SimInputPin Irq { get; } = new();

    public SimOutputPin Reset { get; } = new();

    public Fpc1020Emulator Emulator { get; }

    public Fpc1020Sensor Sensor { get; }

    public Fpc1020Faults Faults => Emulator.Faults;

    /// <summary>A synthetic finger image that covers the sensor (all 12 detect zones).</summary>
    public static byte[] FingerImage(int fingerId = 7, int touch = 0)
    {
        var image = new byte[SensorFrame.Size];
        SyntheticFingerprint.Render(fingerId, touch, image, PlacementOptions.Fixed);
        return image;
    }

    /// <summary>Initialises, puts a finger on, captures, and returns the frame.</summary>
    public byte[] InitializeAndCapture(byte[] finger)
    {
        Sensor.Initialize();
        return PlaceAndCapture(finger);
    }

    /// <summary>Puts a finger on (if none), waits for it, captures, and returns the frame.</summary>
    public byte[] PlaceAndCapture(byte[] finger)
    {
        Emulator.PlaceFinger(finger);
        Assert.True(Sensor.WaitForFinger(1000));
        var frame = new byte[Fpc1020Sensor.ImageSize];
        Sensor.CaptureImage(frame);
        return frame;
    }

    /// <summary>Asserts that the sensor works end to end again: reset, wait, capture, exact frame.</summary>
    public void AssertUsableAfterReinitialize()
    {
        var finger = FingerImage(fingerId: 11);
        Emulator.LiftFinger();
        Assert.Equal(finger, InitializeAndCapture(finger));
    }
}
