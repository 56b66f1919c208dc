namespace CardFirmware.HalSim.Images;

/// <summary>How one synthetic touch differs from the next: skin, pressure and sensor state.</summary>
internal readonly record struct TouchConditions(
    double RidgeBias,
    double ContactScale,
    double Dryness,
    double RidgeLevel,
    double ValleyLevel,
    double NoiseSigma,
    double BlotchFloor = 0.8,
    double BlotchDepth = 0.2,
    double CutAngle = 0,
    double CutOffset = double.PositiveInfinity)
{
    /// <summary>
    /// True where a touch with partial contact has skin on the sensor: the contact ends at a straight
    /// edge at <see cref="CutAngle"/>, <see cref="CutOffset"/> pixels from the window's centre
    /// (infinite offset: full contact).
    /// </summary>
    public bool Touches(double dx, double dy) => dx * Math.Cos(CutAngle) + dy * Math.Sin(CutAngle) < CutOffset;

    /// <summary>Draws touch <paramref name="touchSeed"/> of a finger for <paramref name="sensor"/>; deterministic.</summary>
    public static TouchConditions Draw(ulong fingerKey, int touchSeed, SyntheticSensor sensor) =>
        sensor == SyntheticSensor.Capacitive ? DrawCapacitive(fingerKey, touchSeed) : Draw(fingerKey, touchSeed);

    // A capacitive frame at the recipe's ADC setting: valleys near the bare level, little ridge depth.
    // Skin state: a quarter dry (faint, fragmented ridges), a quarter wet (ridges spread, valleys
    // partly filled, blotches), the rest normal; a quarter of the touches only partly in contact
    // (a straight contact edge leaving 60 - 90 % of the window covered).
    private static TouchConditions DrawCapacitive(ulong fingerKey, int touchSeed)
    {
        var random = new SeededRandom(fingerKey, 0x43415043UL ^ (uint)touchSeed);
        var pressure = random.NextDouble();
        var skin = random.NextDouble();
        var dry = skin < 0.25;
        var wet = skin >= 0.75;
        var valley = random.Range(208, 238);
        var depth = dry ? random.Range(15, 35) : wet ? random.Range(20, 45) : random.Range(30, 70);
        var partial = random.NextDouble() < 0.25;
        return new TouchConditions(
            RidgeBias: (pressure - 0.5) * 0.6 + (wet ? random.Range(0.2, 0.45) : 0),
            ContactScale: 0.9 + 0.2 * pressure,
            Dryness: dry ? random.Range(0.6, 1.0) : random.NextDouble() * 0.3,
            RidgeLevel: valley - depth,
            ValleyLevel: valley,
            NoiseSigma: random.Range(1.5, 4),
            BlotchFloor: wet ? 0.4 : 0.8,
            BlotchDepth: wet ? 0.6 : 0.2,
            CutAngle: random.Range(0, 2 * Math.PI),
            CutOffset: partial ? random.Range(10, 60) : double.PositiveInfinity);
    }

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
