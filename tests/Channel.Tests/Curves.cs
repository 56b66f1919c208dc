using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Host;

namespace CardFirmware.Channel.Tests;

/// <summary>The curve backends every channel vector runs against: the card's own (managed secp256k1) and an independent reference (BouncyCastle).</summary>
public static class Curves
{
    /// <summary>The backend names.</summary>
    public static readonly string[] Names = ["reference", "card"];

    /// <summary>Theory data: the backend names.</summary>
    public static TheoryData<string> All => new(Names);

    /// <summary>The backend called <paramref name="name"/>.</summary>
    internal static IChannelCurve Get(string name) => name switch
    {
        "reference" => new BouncyCastleCurve(),
        "card" => new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
