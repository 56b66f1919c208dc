using System.Threading;
using CardFirmware.Hal;

namespace CardFirmware.Device.Time
{
    /// <summary><see cref="IWaitSignal"/> on an <see cref="AutoResetEvent"/>: set from GPIO and radio callbacks, waited on by the main loop.</summary>
    public sealed class DeviceWaitSignal : IWaitSignal
    {
        private readonly AutoResetEvent _event = new AutoResetEvent(false);

        /// <inheritdoc/>
        public void Set()
        {
            _event.Set();
        }

        /// <inheritdoc/>
        public bool Wait(int timeoutMilliseconds)
        {
            return _event.WaitOne(timeoutMilliseconds, false);
        }
    }
}
