using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// The arithmetic backends every protocol test runs on: the managed reference and the native module
/// (crypto/Native, P/Invoke). A test takes the backend's name from <see cref="Names"/> and calls
/// <see cref="Get"/>, which skips (never passes) with the reason when libcfnative.so was not built.
/// </summary>
public static class TestBackends
{
    public const string Managed = "managed";
    public const string Native = "native";

    private static readonly Lazy<(IArithmeticBackend? Backend, string Reason)> NativeBackend = new(Load);

    /// <summary>MemberData: one row per backend.</summary>
    public static TheoryData<string> Names => new() { Managed, Native };

    public static IArithmeticBackend Get(string name)
    {
        if (name == Managed)
        {
            return ManagedArithmeticBackend.Instance;
        }

        var (backend, reason) = NativeBackend.Value;
        Skip.If(backend is null, $"native backend unavailable: {reason}; this test ran on the managed backend only.");
        return backend!;
    }

    private static (IArithmeticBackend?, string) Load()
    {
        var module = PInvokeNativeModule.TryCreate(out var reason);
        return module is null ? (null, reason) : (new NativeArithmeticBackend(module), string.Empty);
    }
}
