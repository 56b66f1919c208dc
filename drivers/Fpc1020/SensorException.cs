using System;

namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// A typed sensor failure. <see cref="Detail"/> carries the offending register value (an id,
    /// interrupt flags, a probe mean) for diagnosis; it is never pixel data.
    /// </summary>
    public class SensorException : Exception
    {
        /// <summary>Creates the exception for <paramref name="error"/>.</summary>
        public SensorException(SensorError error, int detail, string message)
            : base(message)
        {
            Error = error;
            Detail = detail;
        }

        /// <summary>Which condition of the fact sheet occurred.</summary>
        public SensorError Error { get; private set; }

        /// <summary>The register value that showed it (or -1 when there is none).</summary>
        public int Detail { get; private set; }

        /// <summary>
        /// True when the sensor's state is unknown and <see cref="Fpc1020Sensor.Initialize"/> must run
        /// before the next capture; false for a rejected frame (<see cref="SensorError.FingerLifted"/>,
        /// <see cref="SensorError.FifoUnderflow"/>: capture again).
        /// </summary>
        public bool RequiresReset
        {
            get { return Error != SensorError.FingerLifted && Error != SensorError.FifoUnderflow; }
        }
    }
}
