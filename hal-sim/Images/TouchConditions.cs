namespace CardFirmware.HalSim.Images;

/// <summary>How one synthetic touch differs from the next: skin, pressure and sensor state.</summary>
internal readonly record struct TouchConditions(
    double RidgeBias,
    double ContactScale,
    double Dryness,
    double RidgeLevel,
    double ValleyLevel,
    double NoiseSigma)
{
    /// <summary>Draws the conditions of touch <paramref name="touchSeed"/> of a finger; deterministic.</summary>
    public static TouchConditions Draw(ulong fingerKey, int touchSeed)
    {
        var random = new SeededRandom(fingerKey, 0x544F5543UL ^ (uint)touchSeed);
        var pressure = random.NextDouble();

        // Most touches are fairly moist; a few are very dry (squared draw skews towards 0).
        var dryness = random.NextDouble();
        dryness *= dryness;
        return new TouchConditions(
            RidgeBias: (pressure - 0.5) * 0.6,
            ContactScale: 0.9 + 0.2 * pressure,
            Dryness: dryness,
            RidgeLevel: 70 - 50 * pressure + random.Range(-10, 10),
            ValleyLevel: random.Range(180, 240),
            NoiseSigma: random.Range(2, 8));
    }
}
