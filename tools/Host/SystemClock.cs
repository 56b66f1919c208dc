using System.Diagnostics;
using CardFirmware.Hal;

namespace CardFirmware.Host;

/// <summary>Wall-clock time for links that run in real time (the TCP bridge's client).</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long UptimeMilliseconds => _watch.ElapsedMilliseconds;

    /// <inheritdoc />
    public void Delay(int milliseconds) => Thread.Sleep(milliseconds);

    /// <inheritdoc />
    public IWaitSignal CreateSignal() => new Signal();

    private sealed class Signal : IWaitSignal
    {
        private readonly AutoResetEvent _event = new(false);

        public void Set() => _event.Set();

        public bool Wait(int timeoutMilliseconds) => _event.WaitOne(timeoutMilliseconds);
    }
}
