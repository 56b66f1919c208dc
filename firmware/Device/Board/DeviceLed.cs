using System.Threading;
using CardFirmware.Device.Bus;
using CardFirmware.Hal;

namespace CardFirmware.Device.Board
{
    /// <summary>
    /// <see cref="ILed"/> on one GPIO, blinking from a <see cref="Timer"/> at a 100 ms step: slow
    /// blink 500 ms on / 500 ms off, fast blink 100/100, error three 100 ms flashes then dark.
    /// </summary>
    public sealed class DeviceLed : ILed
    {
        private const int StepMilliseconds = 100;
        private readonly GpioOutputPin _pin;
        private readonly Timer _timer;
        private readonly object _gate = new object();
        private LedPattern _pattern = LedPattern.Off;
        private int _step;

        /// <summary>Drives the LED on <paramref name="pin"/>.</summary>
        public DeviceLed(GpioOutputPin pin)
        {
            _pin = pin;
            _timer = new Timer(OnStep, null, StepMilliseconds, StepMilliseconds);
        }

        /// <inheritdoc/>
        public void Show(LedPattern pattern)
        {
            lock (_gate)
            {
                _pattern = pattern;
                _step = 0;
                _pin.Write(IsLit(pattern, 0));
            }
        }

        private void OnStep(object state)
        {
            lock (_gate)
            {
                _step++;
                _pin.Write(IsLit(_pattern, _step));
            }
        }

        /// <summary>Whether <paramref name="pattern"/> lights the LED at 100 ms step <paramref name="step"/> since it was shown.</summary>
        private static bool IsLit(LedPattern pattern, int step)
        {
            switch (pattern)
            {
                case LedPattern.On:
                    return true;
                case LedPattern.BlinkSlow:
                    return (step / 5) % 2 == 0;
                case LedPattern.BlinkFast:
                    return step % 2 == 0;
                case LedPattern.ErrorFlash:
                    return step < 6 && step % 2 == 0;
                default:
                    return false;
            }
        }
    }
}
