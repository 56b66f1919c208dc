using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>
/// The card's two arithmetic backends (<see cref="CardConfig.Arithmetic"/>): the managed reference and
/// the native module. A native case skips, with the reason, when libcfnative.so was not built here.
/// </summary>
public static class CardBackends
{
    /// <summary>Theory data: managed, native.</summary>
    public static TheoryData<string> All => new(ArithmeticBackends.Names);

    /// <summary><paramref name="config"/> (default: a production config) on the backend called <paramref name="name"/>.</summary>
    public static CardConfig Config(string name, CardConfig? config = null)
    {
        var backend = ArithmeticBackends.TryGet(name, out var reason);
        Skip.If(backend is null, $"{reason}; native card cases skipped.");
        config ??= new CardConfig();
        config.Arithmetic = backend!;
        config.ImageKernels = ArithmeticBackends.ImageKernels(name);
        return config;
    }
}
