using CardFirmware.Card.Protocol;
using CardFirmware.Drivers.Fpc1020;
using CardFirmware.Hal;

namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// One touch on the card's sensor as the user meets it: the LED blinks fast while the card
    /// waits, a finger still resting from the previous touch must be lifted first (so every touch
    /// is a new placement), and the frame is read into the caller's buffer. A sensor that stops
    /// answering is re-initialised on the next touch; its faults reach the phone as
    /// <see cref="WireStatus.SensorFault"/>.
    /// </summary>
    public sealed class FingerSensor
    {
        private const int LiftPollMilliseconds = 50;

        private readonly Fpc1020Sensor _sensor;
        private readonly IClock _clock;
        private readonly ILed _led;

        /// <summary>Wraps the driver of the board's sensor.</summary>
        public FingerSensor(Fpc1020Sensor sensor, IClock clock, ILed led)
        {
            _sensor = sensor;
            _clock = clock;
            _led = led;
        }

        /// <summary>Touches captured so far (for diagnostics and the walkthrough).</summary>
        public int Touches { get; private set; }

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for a new touch and captures it into
        /// <paramref name="frame"/> (the card's frame store: managed, or the native module's resident frame).
        /// Returns false on timeout (frame untouched).
        /// Throws <see cref="CommandException"/>(SensorFault) when the sensor misbehaves.
        /// </summary>
        /// <remarks>Security: the frame is biometric; the caller wipes it.</remarks>
        public bool Capture(int timeoutMilliseconds, IFrameStore frame)
        {
            long deadline = _clock.UptimeMilliseconds + timeoutMilliseconds;
            _led.Show(LedPattern.BlinkFast);
            try
            {
                if (!_sensor.IsInitialized)
                {
                    _sensor.Initialize();
                }

                while (_sensor.IsFingerPresent())
                {
                    if (_clock.UptimeMilliseconds >= deadline)
                    {
                        return false;
                    }

                    _clock.Delay(LiftPollMilliseconds);
                }

                long left = deadline - _clock.UptimeMilliseconds;
                if (left <= 0 || !_sensor.WaitForFinger((int)left))
                {
                    return false;
                }

                _sensor.CaptureImage(frame);
                Touches++;
                return true;
            }
            catch (SensorException)
            {
                throw new CommandException(WireStatus.SensorFault);
            }
            finally
            {
                _led.Show(LedPattern.On);
            }
        }
    }
}
