using System.Threading;
using CardFirmware.Hal;

namespace CardFirmware.Device.Time
{
    /// <summary>
    /// <see cref="IClock"/> on the nanoCLR's millisecond tick (<c>Environment.TickCount64</c>,
    /// nanoFramework.Runtime.Native: milliseconds since boot, monotonic), <see cref="Thread.Sleep(int)"/>
    /// and <see cref="AutoResetEvent"/>.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        /// <inheritdoc/>
        public long UptimeMilliseconds
        {
            get { return System.Environment.TickCount64; }
        }

        /// <inheritdoc/>
        public void Delay(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }

        /// <inheritdoc/>
        public IWaitSignal CreateSignal()
        {
            return new DeviceWaitSignal();
        }
    }
}
