namespace CardFirmware.HalSim.Images;

/// <summary>
/// How far a touch may wander on the sensor: each touch draws a shift uniformly in
/// [-<see cref="MaxShiftPixels"/>, +<see cref="MaxShiftPixels"/>] per axis (sensor pixels, 50 µm)
/// and a rotation uniformly in [-<see cref="MaxRotationDegrees"/>, +<see cref="MaxRotationDegrees"/>]
/// around the centre of the finger.
/// </summary>
public sealed record PlacementOptions(double MaxShiftPixels, double MaxRotationDegrees)
{
    /// <summary>
    /// A card user's casual touch: up to 32 px (1.6 mm) off centre per axis and 15 degrees of
    /// rotation, so the 9.6 mm window sees a different part of the finger each time.
    /// </summary>
    public static PlacementOptions Default { get; } = new(32, 15);

    /// <summary>Every touch exactly centred and upright (for tests of the pattern itself).</summary>
    public static PlacementOptions Fixed { get; } = new(0, 0);
}

/// <summary>One touch's placement: shift in sensor pixels and rotation in radians (counter-clockwise on screen).</summary>
public readonly record struct Placement(double ShiftX, double ShiftY, double RotationRadians)
{
    /// <summary>
    /// The placement for touch <paramref name="touchSeed"/> of the finger or file identified by
    /// <paramref name="sourceKey"/>: the same pair always gives the same placement.
    /// </summary>
    public static Placement For(ulong sourceKey, int touchSeed, PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new SeededRandom(sourceKey, 0x504C4143UL ^ (uint)touchSeed);
        var shiftX = random.Range(-1, 1) * options.MaxShiftPixels;
        var shiftY = random.Range(-1, 1) * options.MaxShiftPixels;
        var rotation = random.Range(-1, 1) * options.MaxRotationDegrees * Math.PI / 180.0;
        return new Placement(shiftX, shiftY, rotation);
    }
}
