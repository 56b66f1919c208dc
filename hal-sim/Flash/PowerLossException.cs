namespace CardFirmware.HalSim.Flash;

/// <summary>
/// The simulated board lost power in the middle of a flash operation. Thrown by
/// <see cref="SimFlash"/> at an armed cut point and by every later write or erase until
/// <see cref="SimFlash.PowerOn"/>. Firmware code never catches it: it stands for the card
/// stopping dead, so it unwinds the firmware instance that was running.
/// </summary>
public sealed class PowerLossException : Exception
{
    /// <summary>Creates the exception with a message naming the operation that was cut.</summary>
    public PowerLossException(string message)
        : base(message)
    {
    }
}
