using System.Device.Gpio;
using CardFirmware.Hal;

namespace CardFirmware.Device.Bus
{
    /// <summary><see cref="IOutputPin"/> on a nanoFramework <see cref="GpioPin"/> in output mode.</summary>
    public sealed class GpioOutputPin : IOutputPin
    {
        private readonly GpioPin _pin;

        /// <summary>Opens <paramref name="pinNumber"/> as a push-pull output driven to <paramref name="initialHigh"/>.</summary>
        public GpioOutputPin(GpioController controller, int pinNumber, bool initialHigh)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            Write(initialHigh);
        }

        /// <inheritdoc/>
        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
