using CardFirmware.Hal;

namespace CardFirmware.HalSim.Led;

/// <summary>One change of the LED: what it showed from when (card uptime, ms).</summary>
/// <param name="AtMilliseconds">Uptime of the change.</param>
/// <param name="Pattern">The pattern shown from then on.</param>
public readonly record struct LedChange(long AtMilliseconds, LedPattern Pattern);

/// <summary>The simulated status LED: remembers every pattern the firmware showed, with its time.</summary>
public sealed class SimLed(IClock clock) : ILed
{
    private readonly List<LedChange> _history = [];

    /// <summary>The pattern shown now (<see cref="LedPattern.Off"/> at power-on).</summary>
    public LedPattern Current { get; private set; } = LedPattern.Off;

    /// <summary>Every call to <see cref="Show"/>, oldest first (repeats of the same pattern included).</summary>
    public IReadOnlyList<LedChange> History => _history;

    /// <summary>Raised on every call to <see cref="Show"/>.</summary>
    public event Action<LedChange>? Changed;

    /// <inheritdoc />
    public void Show(LedPattern pattern)
    {
        var change = new LedChange(clock.UptimeMilliseconds, pattern);
        Current = pattern;
        _history.Add(change);
        Changed?.Invoke(change);
    }
}
