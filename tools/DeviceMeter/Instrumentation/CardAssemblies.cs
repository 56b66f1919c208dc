namespace CardFirmware.DeviceMeter.Instrumentation;

/// <summary>
/// The assemblies that run on the card (crypto/, drivers/, firmware/; the projects that set
/// CardPortable), in the fixed order the instrumenter numbers them. The simulator, the tools and
/// the phone side are not instrumented.
/// </summary>
public static class CardAssemblies
{
    /// <summary>Assembly names, dependencies first.</summary>
    public static readonly string[] Names =
    [
        "CardFirmware.Crypto",
        "CardFirmware.Crypto.Secp256k1",
        "CardFirmware.Crypto.Threshold",
        "CardFirmware.Crypto.Native",
        "CardFirmware.Hal",
        "CardFirmware.Drivers",
        "CardFirmware.Storage",
        "CardFirmware.Channel",
        "CardFirmware.Biometrics",
        "CardFirmware.Card",
    ];

    /// <summary>True for a card assembly's name.</summary>
    public static bool Contains(string name) => Array.IndexOf(Names, name) >= 0;
}
