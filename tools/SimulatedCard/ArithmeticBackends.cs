using CardFirmware.Card;
using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.SimulatedCard;

/// <summary>
/// The simulator's choice of <see cref="CardConfig.Arithmetic"/> (<c>--backend managed|native</c> in
/// CardSim and cardctl, and the two backends of the card tests): the managed reference, or the
/// native module (crypto/Native) through P/Invoke when libcfnative.so was built next to the program.
/// </summary>
public static class ArithmeticBackends
{
    /// <summary>The managed reference backend's name; the default, since it works on every machine.</summary>
    public const string Managed = "managed";

    /// <summary>The native module's name.</summary>
    public const string Native = "native";

    /// <summary>Both names, managed first.</summary>
    public static readonly string[] Names = [Managed, Native];

    private static readonly Lazy<(IArithmeticBackend? Backend, INativeModule? Module, string Reason)> NativeBackend = new(LoadNative);

    /// <summary>
    /// The backend called <paramref name="name"/>, or null with <paramref name="reason"/> (one line)
    /// when it is not available here (an unknown name, or the native library not built).
    /// </summary>
    public static IArithmeticBackend? TryGet(string name, out string reason)
    {
        switch (name)
        {
            case Managed:
                reason = string.Empty;
                return ManagedArithmeticBackend.Instance;
            case Native:
                (IArithmeticBackend? backend, _, reason) = NativeBackend.Value;
                return backend;
            default:
                reason = $"unknown backend '{name}' (managed or native)";
                return null;
        }
    }

    /// <summary>
    /// The card's fingerprint image kernels and sensor frame on the backend called <paramref name="name"/>
    /// (<see cref="CardConfig.ImageKernels"/>): the native module for native, as the card injects it, else null.
    /// </summary>
    public static INativeModule? ImageKernels(string name) => name == Native ? NativeBackend.Value.Module : null;

    /// <summary>A card configuration on the backend called <paramref name="name"/>, or null with the reason.</summary>
    public static CardConfig? TryConfig(string name, out string reason)
    {
        var backend = TryGet(name, out reason);
        return backend is null ? null : new CardConfig { Arithmetic = backend, ImageKernels = ImageKernels(name) };
    }

    private static (IArithmeticBackend?, INativeModule?, string) LoadNative()
    {
        var module = PInvokeNativeModule.TryCreate(out var reason);
        return module is null
            ? (null, null, $"native backend unavailable: {reason} (crypto/Native/README.md, 'Desktop build')")
            : (new NativeArithmeticBackend(module), module, string.Empty);
    }
}
