namespace CardFirmware.HalSim.Images;

/// <summary>Which kind of sensor the synthetic generator draws touches for.</summary>
public enum SyntheticSensor
{
    /// <summary>
    /// High-contrast frames like an optical scanner's (FVC2002 DB1): ridge centres 10 - 80, valleys
    /// 180 - 240, bare sensor 255; the generator's original model.
    /// </summary>
    Optical,

    /// <summary>
    /// An FPC1020-class capacitive sensor at its recipe ADC setting (fact sheet §6.3): ridges only
    /// 15 - 70 grey levels below valleys that sit close to the bare level (raw block contrast about a
    /// quarter of an optical frame's), dry fingers (faint, broken ridges), wet fingers (ridges spread
    /// into the valleys, blotches) and partial contact (part of the window not touched).
    /// </summary>
    Capacitive,
}
