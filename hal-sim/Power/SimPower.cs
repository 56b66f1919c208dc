using CardFirmware.Hal;
using CardFirmware.HalSim.Time;

namespace CardFirmware.HalSim.Power;

/// <summary>
/// Simulated power management: a settable battery voltage, light sleep that lets virtual time
/// run (and ends early on <see cref="WakeUp"/>, which the board calls on radio and GPIO events),
/// and a counted restart.
/// </summary>
public sealed class SimPower(VirtualClock clock) : IPower
{
    private bool _wakeRequested;

    /// <summary>Battery voltage the firmware reads; 3700 mV (a charged Li-ion cell at rest) by default.</summary>
    public int BatteryMillivolts { get; set; } = 3700;

    /// <summary>Calls to <see cref="Restart"/>.</summary>
    public int Restarts { get; private set; }

    /// <summary>Virtual milliseconds spent in light sleep.</summary>
    public long MillisecondsAsleep { get; private set; }

    /// <summary>Raised when the firmware restarts the board, before <see cref="BoardRestartException"/> is thrown.</summary>
    public event Action? Restarted;

    /// <inheritdoc />
    public void LightSleep(int maxMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMilliseconds);
        var start = clock.UptimeMilliseconds;
        _wakeRequested = false;
        clock.RunUntil(start + maxMilliseconds, () => _wakeRequested);
        _wakeRequested = false;
        MillisecondsAsleep += clock.UptimeMilliseconds - start;
    }

    /// <summary>A wake-up source fired (radio event, pin edge): ends a light sleep in progress.</summary>
    public void WakeUp() => _wakeRequested = true;

    /// <summary>Counts the restart, raises <see cref="Restarted"/> and throws <see cref="BoardRestartException"/>.</summary>
    public void Restart()
    {
        Restarts++;
        Restarted?.Invoke();
        throw new BoardRestartException();
    }
}
