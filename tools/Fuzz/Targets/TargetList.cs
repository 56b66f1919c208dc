namespace CardFirmware.Fuzz.Targets;

/// <summary>Every fuzz target, by name.</summary>
internal static class TargetList
{
    /// <summary>Fresh instances of every target (some keep per-process fixtures).</summary>
    public static IReadOnlyList<FuzzTarget> All() =>
    [
        new FramesTarget(),
        new NoiseTarget(),
        new CommandsTarget(),
        new ThresholdTarget(),
        new HelperDataTarget(),
        new FlashTarget(),
        new BootTarget(),
        new PairingTarget(),
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All().FirstOrDefault(t => t.Name == name);
}
