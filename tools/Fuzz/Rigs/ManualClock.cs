using CardFirmware.Hal;

namespace CardFirmware.Fuzz.Rigs;

/// <summary>A clock that moves only when told: cheap to create once per input.</summary>
internal sealed class ManualClock : IClock
{
    public long UptimeMilliseconds { get; private set; }

    public void Advance(long milliseconds) => UptimeMilliseconds += milliseconds;

    public void Delay(int milliseconds) => UptimeMilliseconds += milliseconds;

    public IWaitSignal CreateSignal() => new Signal(this);

    private sealed class Signal(ManualClock clock) : IWaitSignal
    {
        private bool _set;

        public void Set() => _set = true;

        public bool Wait(int timeoutMilliseconds)
        {
            if (_set)
            {
                _set = false;
                return true;
            }

            clock.Advance(timeoutMilliseconds);
            return false;
        }
    }
}
