using CardFirmware.Hal;

namespace CardFirmware.HalSim.Time;

/// <summary>
/// Discrete-event time for the simulated board. Nothing happens between events, so a test that
/// waits 30 s of card time costs microseconds. Device models schedule what the hardware would do
/// later (a capture finishing, a radio packet arriving); the firmware's <see cref="IClock"/> waits
/// run those events in time order on the waiting thread until the awaited signal is set or the
/// deadline passes.
///
/// Invariants: <see cref="UptimeMilliseconds"/> never decreases; events due at the same
/// millisecond run in the order they were scheduled; an event never runs before its time.
/// Other threads (a TCP bridge) may hand work in through <see cref="Post"/>; it runs at the next
/// wait of the simulation thread, at the then current time.
/// </summary>
public sealed class VirtualClock : IClock
{
    private readonly PriorityQueue<Action, (long At, long Sequence)> _events = new();
    private readonly Queue<Action> _posted = new();
    private readonly object _postedLock = new();
    private readonly AutoResetEvent _postedArrived = new(false);
    private long _sequence;
    private long _now;

    /// <summary>
    /// When true, a wait with nothing scheduled blocks in wall-clock time for work posted from
    /// another thread instead of jumping straight to its deadline (used when a real process
    /// talks to the simulated card over TCP).
    /// </summary>
    public bool WaitForPostedWork { get; set; }

    /// <inheritdoc />
    public long UptimeMilliseconds => _now;

    /// <summary>Runs <paramref name="action"/> at absolute time <paramref name="atMilliseconds"/> (or now, if that has passed).</summary>
    public void ScheduleAt(long atMilliseconds, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _events.Enqueue(action, (Math.Max(atMilliseconds, _now), _sequence++));
    }

    /// <summary>Runs <paramref name="action"/> <paramref name="delayMilliseconds"/> from now.</summary>
    public void ScheduleAfter(long delayMilliseconds, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayMilliseconds);
        ScheduleAt(_now + delayMilliseconds, action);
    }

    /// <summary>Hands <paramref name="action"/> in from any thread; it runs at the simulation thread's next wait.</summary>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_postedLock)
        {
            _posted.Enqueue(action);
        }

        _postedArrived.Set();
    }

    /// <summary>
    /// Blocks the calling thread for up to <paramref name="wallMilliseconds"/> of wall-clock time, returning
    /// early when work is posted (it runs at the next wait). Time does not move. Used to pace the
    /// simulation to real time (<c>LinkBridgeServer</c>).
    /// </summary>
    public void WaitForPost(int wallMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wallMilliseconds);
        lock (_postedLock)
        {
            if (_posted.Count > 0)
            {
                return;
            }
        }

        _postedArrived.WaitOne(wallMilliseconds);
    }

    /// <summary>Number of events scheduled and not yet run.</summary>
    public int PendingEvents => _events.Count;

    /// <inheritdoc />
    public void Delay(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        RunUntil(_now + milliseconds, static () => false);
    }

    /// <summary>Runs every event due up to <paramref name="deadline"/> and leaves the clock there.</summary>
    public void AdvanceTo(long deadline) => RunUntil(deadline, static () => false);

    /// <summary>Advances by <paramref name="milliseconds"/>, running the events due on the way.</summary>
    public void Advance(long milliseconds) => AdvanceTo(_now + milliseconds);

    /// <summary>
    /// Runs events in time order until <paramref name="done"/> is true (returns true) or the next
    /// event lies beyond <paramref name="deadline"/> (time moves to the deadline; returns false).
    /// </summary>
    public bool RunUntil(long deadline, Func<bool> done)
    {
        while (true)
        {
            RunPosted();
            if (done())
            {
                return true;
            }

            if (_events.TryPeek(out _, out var next) && next.At <= deadline)
            {
                var action = _events.Dequeue();
                _now = Math.Max(_now, next.At);
                action();
                continue;
            }

            if (WaitForPostedWork && _events.Count == 0 && WaitForPostedInRealTime(deadline))
            {
                continue;
            }

            _now = Math.Max(_now, deadline);
            return done();
        }
    }

    /// <inheritdoc />
    public IWaitSignal CreateSignal() => new VirtualSignal(this);

    private bool WaitForPostedInRealTime(long deadline)
    {
        var wallMilliseconds = (int)Math.Min(int.MaxValue, Math.Max(0, deadline - _now));
        var started = Environment.TickCount64;
        var arrived = _postedArrived.WaitOne(wallMilliseconds);
        _now = Math.Min(deadline, _now + (Environment.TickCount64 - started));
        return arrived;
    }

    private void RunPosted()
    {
        while (true)
        {
            Action? action;
            lock (_postedLock)
            {
                if (!_posted.TryDequeue(out action))
                {
                    return;
                }
            }

            action();
        }
    }

    private sealed class VirtualSignal(VirtualClock clock) : IWaitSignal
    {
        private bool _set;

        public void Set() => _set = true;

        public bool Wait(int timeoutMilliseconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(timeoutMilliseconds);
            var signalled = clock.RunUntil(clock._now + timeoutMilliseconds, () => _set);
            _set = false;
            return signalled;
        }
    }
}
