using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Channel.Tests;

/// <summary>
/// The backends every channel vector runs against: an independent reference (BouncyCastle curve,
/// managed hashing), the card's managed backend, and the card's native module (crypto/Native) when
/// libcfnative.so was built; a native case skips, with the reason, when it was not.
/// </summary>
public static class Curves
{
    /// <summary>The backend names.</summary>
    public static readonly string[] Names = ["reference", "card", "native"];

    /// <summary>Theory data: the backend names.</summary>
    public static TheoryData<string> All => new(Names);

    /// <summary>The names whose backend loads here (for loops that cannot skip one case).</summary>
    public static IEnumerable<string> Available =>
        Names.Where(name => name != "native" || ArithmeticBackends.TryGet(ArithmeticBackends.Native, out _) is not null);

    /// <summary>The curve called <paramref name="name"/>; skips the test when it is the native one and the library is missing.</summary>
    internal static IChannelCurve Get(string name) => name switch
    {
        "reference" => new BouncyCastleCurve(),
        "card" => new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance),
        "native" => new Secp256k1ChannelCurve(RequireNative()),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The handshake's hashing backend that goes with the curve called <paramref name="name"/>.</summary>
    internal static IArithmeticBackend Arithmetic(string name) =>
        name == "native" ? RequireNative() : ManagedArithmeticBackend.Instance;

    private static IArithmeticBackend RequireNative()
    {
        var backend = ArithmeticBackends.TryGet(ArithmeticBackends.Native, out var reason);
        Skip.If(backend is null, $"{reason}; native channel cases skipped.");
        return backend!;
    }
}
