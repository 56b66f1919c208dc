using System.Device.Gpio;
using CardFirmware.Hal;

namespace CardFirmware.Device.Bus
{
    /// <summary><see cref="IInputPin"/> on a nanoFramework <see cref="GpioPin"/> in input mode with edge events.</summary>
    public sealed class GpioInputPin : IInputPin
    {
        private readonly GpioPin _pin;
        private PinEdgeHandler _edge;

        /// <summary>Opens <paramref name="pinNumber"/> as an input with a pull-down (an unconnected IRQ reads low).</summary>
        public GpioInputPin(GpioController controller, int pinNumber)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.InputPullDown);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <inheritdoc/>
        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        /// <inheritdoc/>
        /// <remarks>Explicit accessors: a field-like event compiles to a generic
        /// Interlocked.CompareExchange that nanoFramework 1.x lacks.</remarks>
        public event PinEdgeHandler Edge
        {
            add { _edge = (PinEdgeHandler)System.Delegate.Combine(_edge, value); }
            remove { _edge = (PinEdgeHandler)System.Delegate.Remove(_edge, value); }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            PinEdgeHandler handler = _edge;
            if (handler != null)
            {
                handler(e.ChangeType == PinEventTypes.Rising);
            }
        }
    }
}
