using System.Device.Gpio;
using CardFirmware.Device.Ble;
using CardFirmware.Device.Bus;
using CardFirmware.Device.Native;
using CardFirmware.Device.Time;
using CardFirmware.Hal;
using nanoFramework.Hardware.Esp32;

namespace CardFirmware.Device.Board
{
    /// <summary>
    /// The card's <see cref="IBoard"/> on an ESP32-S3 with an FPC1020 on SPI, one LED and an
    /// ATECC608B (README.md, "Wiring"; pins in <see cref="BoardPins"/>). Built once at boot; the
    /// firmware sees only the HAL.
    /// </summary>
    public sealed class DeviceBoard : IBoard
    {
        /// <summary>ATECC608B counter that charges finger touches (counter 1 is kept for firmware versions).</summary>
        public const int TouchCounterId = 0;

        private readonly ISpiDevice _sensorSpi;
        private readonly IInputPin _sensorIrq;
        private readonly IOutputPin _sensorReset;
        private readonly IBlePeripheral _ble;
        private readonly IFlash _flash;
        private readonly IHmacPeripheral _hmac;
        private readonly IOneWayCounter _counter;
        private readonly IEntropySource _entropy;
        private readonly IClock _clock;
        private readonly ILed _led;
        private readonly IPower _power;

        /// <summary>Routes the SPI pins, opens every peripheral and finds the data partition.</summary>
        public DeviceBoard()
        {
            // FSPI's IO_MUX pins, routed for nanoFramework's bus 1 (nanoFramework.Hardware.Esp32).
            Configuration.SetPinFunction(BoardPins.SensorClock, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(BoardPins.SensorMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(BoardPins.SensorMiso, DeviceFunction.SPI1_MISO);
            GpioController gpio = new GpioController();
            GpioOutputPin chipSelect = new GpioOutputPin(gpio, BoardPins.SensorChipSelect, true);
            _sensorSpi = new SensorSpi(BoardPins.SensorSpiBus, BoardPins.SensorClockHz, chipSelect);
            _sensorIrq = new GpioInputPin(gpio, BoardPins.SensorIrq);
            // RST low holds the sensor in reset until the driver releases it (FPC1020 §2, reset timing).
            _sensorReset = new GpioOutputPin(gpio, BoardPins.SensorReset, false);
            _led = new DeviceLed(new GpioOutputPin(gpio, BoardPins.Led, false));
            _ble = new GattPeripheral();
            _flash = new DataPartitionFlash();
            _hmac = new EfuseHmac();
            _counter = new SecureElementCounter(TouchCounterId);
            _entropy = new HardwareRandom();
            _clock = new DeviceClock();
            _power = new DevicePower();
        }

        /// <inheritdoc/>
        public ISpiDevice SensorSpi
        {
            get { return _sensorSpi; }
        }

        /// <inheritdoc/>
        public IInputPin SensorIrq
        {
            get { return _sensorIrq; }
        }

        /// <inheritdoc/>
        public IOutputPin SensorReset
        {
            get { return _sensorReset; }
        }

        /// <inheritdoc/>
        public IBlePeripheral Ble
        {
            get { return _ble; }
        }

        /// <inheritdoc/>
        public IFlash Flash
        {
            get { return _flash; }
        }

        /// <inheritdoc/>
        public IHmacPeripheral Hmac
        {
            get { return _hmac; }
        }

        /// <inheritdoc/>
        public IOneWayCounter OneWayCounter
        {
            get { return _counter; }
        }

        /// <inheritdoc/>
        public IEntropySource Entropy
        {
            get { return _entropy; }
        }

        /// <inheritdoc/>
        public IClock Clock
        {
            get { return _clock; }
        }

        /// <inheritdoc/>
        public ILed Led
        {
            get { return _led; }
        }

        /// <inheritdoc/>
        public IPower Power
        {
            get { return _power; }
        }
    }
}
