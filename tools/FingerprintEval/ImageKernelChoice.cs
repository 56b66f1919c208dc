using CardFirmware.Biometrics;
using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Which image kernels the evaluation's extractors and analyzers run on (<c>--kernels managed|native</c>):
/// the managed reference by default, or the native module over P/Invoke. Both give the same outputs,
/// so the digests the report prints must not change with it.
/// </summary>
internal static class ImageKernelChoice
{
    private static INativeModule? module;

    /// <summary>"managed" or "native" (then the library must load, else the evaluation stops with the reason).</summary>
    public static void Select(string name)
    {
        switch (name)
        {
            case "managed":
                module = null;
                return;
            case "native":
                module = PInvokeNativeModule.TryCreate(out var reason)
                    ?? throw new InvalidOperationException($"--kernels native: {reason}");
                return;
            default:
                throw new ArgumentException("--kernels takes managed or native");
        }
    }

    /// <summary>The chosen kernels.</summary>
    public static IImageKernels Kernels => module is null ? ManagedImageKernels.Instance : new NativeImageKernels(module);

    /// <summary>The chosen code kernels (the stages after the skeleton).</summary>
    public static ICodeKernels CodeKernels => module is null ? ManagedCodeKernels.Instance : new NativeCodeKernels(module);

    /// <summary>An extractor on the chosen kernels.</summary>
    public static FingerKeyExtractor Extractor(int k, int enrollmentTouches, int maxTouchCodes) => new(k, enrollmentTouches, maxTouchCodes, Kernels, CodeKernels);

    /// <summary>The native module when the kernels are native (the card's resident sensor frame lives there), else null.</summary>
    public static INativeModule? Module => module;

    /// <summary>An analyzer on the chosen kernels.</summary>
    public static CaptureAnalyzer Analyzer() => new(Kernels);
}
