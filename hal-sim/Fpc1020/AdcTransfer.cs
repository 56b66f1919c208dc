namespace CardFirmware.HalSim.Fpc1020;

/// <summary>
/// How the emulator's ADC turns skin coupling into grey levels under ADC_SHIFT_GAIN (0xA0: shift
/// 0-31 in the first byte, gain 0-15 in the second; fact sheet §4.2). The register and its ranges
/// are documented; the mapping is not (§6.3: "ADC values are tuning, not protocol"), so this is a
/// model, tagged [I]: in the coupling domain c = 255 - pixel (ridges high), gain multiplies by
/// (gain + 2) and each shift step takes 8 counts off, both relative to the recipe's capture setting,
/// at which a placed image shows unchanged:
/// c' = c · (gain + 2) / (gain₀ + 2) - 8 · (shift - shift₀), clamped to 0-255.
/// The driver's per-finger calibration (drivers/Fpc1020/AdcCalibration.cs) assumes the same shape.
/// </summary>
public readonly struct AdcTransfer
{
    /// <summary>Capture setting of A1/A2 (§6.3 capture table): shift 1, gain 0.</summary>
    public static readonly (int Shift, int Gain) RecipeA12 = (1, 0);

    /// <summary>Capture setting of A3/A4 (§6.3 capture table): shift 10, gain 2.</summary>
    public static readonly (int Shift, int Gain) RecipeA34 = (10, 2);

    private readonly int _numerator;
    private readonly int _denominator;
    private readonly int _offset;

    /// <summary>The transfer at <paramref name="shift"/> and <paramref name="gain"/> for a revision whose recipe is <paramref name="recipe"/>.</summary>
    public AdcTransfer(int shift, int gain, (int Shift, int Gain) recipe)
    {
        _numerator = gain + 2;
        _denominator = recipe.Gain + 2;
        _offset = 8 * (shift - recipe.Shift);
    }

    /// <summary>The grey level a pixel that reads <paramref name="atRecipe"/> at the recipe setting reads at this one.</summary>
    public byte Apply(byte atRecipe)
    {
        var coupling = 255 - atRecipe;
        var scaled = (coupling * _numerator + _denominator / 2) / _denominator - _offset;
        return (byte)(255 - Math.Clamp(scaled, 0, 255));
    }
}
