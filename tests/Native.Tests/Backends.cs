using CardFirmware.Crypto;
using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The two backends under comparison. The native one exists only when libcfnative.so was built
/// beside the tests; every test calls <see cref="RequireNative"/>, which skips (never passes) with
/// the reason otherwise.
/// </summary>
public static class Backends
{
    private static readonly Lazy<(IArithmeticBackend? Backend, string Reason)> NativeBackend = new(Load);

    public static IArithmeticBackend Managed => ManagedArithmeticBackend.Instance;

    public static IArithmeticBackend RequireNative()
    {
        var (backend, reason) = NativeBackend.Value;
        Skip.If(backend is null, $"native backend unavailable: {reason}; native differential tests skipped.");
        return backend!;
    }

    private static (IArithmeticBackend?, string) Load()
    {
        var module = PInvokeNativeModule.TryCreate(out var reason);
        return module is null ? (null, reason) : (new NativeArithmeticBackend(module), string.Empty);
    }
}

/// <summary>The result of one call: its output bytes or the error it threw.</summary>
public readonly record struct Outcome(byte[]? Bytes, CryptoError? Error)
{
    public static Outcome Of(Func<byte[]> call)
    {
        try
        {
            return new Outcome(call(), null);
        }
        catch (CryptoException e)
        {
            return new Outcome(null, e.Error);
        }
    }

    public override string ToString() => Bytes is null ? $"error {Error}" : Convert.ToHexString(Bytes);
}
