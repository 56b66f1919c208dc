namespace CardFirmware.HalSim.Fpc1020;

/// <summary>
/// Which FPC1020A revision the emulator pretends to be, i.e. where its test-pattern frame puts
/// the revision probe of fact sheet §6.2 (means of columns 0-31 and 160-191).
/// </summary>
public enum EmulatedRevision
{
    /// <summary>Probe means 200 / 140.</summary>
    A1,

    /// <summary>Probe means 200 / 200.</summary>
    A2,

    /// <summary>Probe means 140 / 165 (the hobby modules, §6.2).</summary>
    A3,

    /// <summary>Probe means 50 / 50.</summary>
    A4,

    /// <summary>Probe means 240 / 240: matches no band, so a driver must refuse it.</summary>
    Unrecognised,
}
