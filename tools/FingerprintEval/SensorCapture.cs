using CardFirmware.Drivers.Fpc1020;
using CardFirmware.HalSim.Bus;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Gpio;
using CardFirmware.HalSim.Images;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Every touch of the evaluation goes the card's way: the image is placed on the register-level
/// FPC1020 emulator, the card's driver waits for the finger-down interrupt and reads the frame over
/// the simulated SPI bus. A touch the sensor's zone test does not detect is a failure to acquire.
/// </summary>
internal sealed class SensorCapture
{
    private readonly VirtualClock _clock = new();
    private readonly SimInputPin _irq = new();
    private readonly SimOutputPin _reset = new();
    private readonly Fpc1020Emulator _emulator;
    private readonly Fpc1020Sensor _sensor;

    public SensorCapture()
    {
        var bus = new SimSpiBus();
        _emulator = new Fpc1020Emulator(_clock, _irq, _reset);
        bus.Attach(0, _emulator);
        _sensor = new Fpc1020Sensor(bus.Device(0), _irq, _reset, _clock);
        _sensor.Initialize();
    }

    /// <summary>Touch <paramref name="touch"/> of <paramref name="source"/> read through the driver, or null if the sensor saw no finger.</summary>
    public byte[]? Touch(IImageSource source, int touch)
    {
        _emulator.PlaceTouch(source, touch);
        try
        {
            if (!_sensor.WaitForFinger(500))
            {
                return null;
            }

            var frame = new byte[Fpc1020Sensor.ImageSize];
            _sensor.CaptureImage(frame);
            return frame;
        }
        finally
        {
            _emulator.LiftFinger();
        }
    }
}
