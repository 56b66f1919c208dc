using CardFirmware.Hal;

namespace CardFirmware.HalSim.Gpio;

/// <summary>An input pin driven by a device model; edges are delivered to the firmware's handlers at once.</summary>
public sealed class SimInputPin : IInputPin
{
    private bool _level;

    /// <inheritdoc />
    public event PinEdgeHandler? Edge;

    /// <inheritdoc />
    public bool Read() => _level;

    /// <summary>Called by the device model that drives this line; raises an edge if the level changes.</summary>
    public void Drive(bool high)
    {
        if (high == _level)
        {
            return;
        }

        _level = high;
        Edge?.Invoke(high);
    }
}

/// <summary>An output pin written by the firmware; a device model listens to its changes.</summary>
public sealed class SimOutputPin : IOutputPin
{
    /// <summary>The level last written (pins start high: reset lines are active low).</summary>
    public bool Level { get; private set; } = true;

    /// <summary>Raised when the firmware changes the level.</summary>
    public event Action<bool>? Changed;

    /// <inheritdoc />
    public void Write(bool high)
    {
        if (high == Level)
        {
            return;
        }

        Level = high;
        Changed?.Invoke(high);
    }
}
