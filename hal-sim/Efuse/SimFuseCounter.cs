using CardFirmware.Hal;
using CardFirmware.HalSim.Flash;

namespace CardFirmware.HalSim.Efuse;

/// <summary>
/// The one-way counter as one-time-programmable bits: a burn sets the next bit from 0 to 1 and
/// nothing clears it; the value is the number of bits set. Power loss can be injected at a burn:
/// the bit is then burned or not (<see cref="ArmCutAtBurn"/>), the board loses power
/// (<see cref="PowerLost"/>, which the board wires to its flash), and every later burn throws until
/// <see cref="PowerOn"/>.
/// </summary>
public sealed class SimFuseCounter : IOneWayCounter
{
    private long _burnsUntilCut = -1;
    private bool _burnedAtCut;

    internal SimFuseCounter(int capacity, int value)
    {
        Capacity = capacity;
        Value = value;
    }

    /// <inheritdoc />
    public int Value { get; private set; }

    /// <inheritdoc />
    public int Capacity { get; }

    /// <summary>True after a cut until <see cref="PowerOn"/>.</summary>
    public bool IsPoweredOff { get; private set; }

    /// <summary>Raised when an armed cut takes the board's power.</summary>
    public event Action? PowerLost;

    /// <inheritdoc />
    public bool Increment()
    {
        if (IsPoweredOff)
        {
            throw new PowerLossException("The board has no power: the eFuse burn did not happen.");
        }

        if (Value >= Capacity)
        {
            return false;
        }

        if (_burnsUntilCut == 0)
        {
            _burnsUntilCut = -1;
            if (_burnedAtCut)
            {
                Value++;
            }

            IsPoweredOff = true;
            PowerLost?.Invoke();
            throw new PowerLossException($"Power lost while burning counter bit {Value} ({(_burnedAtCut ? "burned" : "not burned")}).");
        }

        if (_burnsUntilCut > 0)
        {
            _burnsUntilCut--;
        }

        Value++;
        return true;
    }

    /// <summary>
    /// Arms a cut at the burn after <paramref name="burnsBefore"/> more burns: the bit is burned
    /// (<paramref name="burned"/>) or left as it was, and then power fails.
    /// </summary>
    public void ArmCutAtBurn(long burnsBefore, bool burned)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(burnsBefore);
        _burnsUntilCut = burnsBefore;
        _burnedAtCut = burned;
    }

    /// <summary>The board lost power elsewhere (a flash write was cut): burns throw until <see cref="PowerOn"/>.</summary>
    public void LosePower()
    {
        IsPoweredOff = true;
        _burnsUntilCut = -1;
    }

    /// <summary>Power returns: burns work again; no cut is armed.</summary>
    public void PowerOn()
    {
        IsPoweredOff = false;
        _burnsUntilCut = -1;
    }
}
