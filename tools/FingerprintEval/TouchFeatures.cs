using CardFirmware.Biometrics;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Each acquired touch's tolerant code set as the card's extractor computes it for a verification
/// (quality gate, minutiae, <see cref="TripletEncoder.EncodeFitting"/> under the extractor's code cap,
/// sorted and distinct), computed once per evaluation so that the impostor attempts, by far the most
/// numerous, cost a set intersection each instead of a run of the image pipeline.
/// </summary>
internal sealed class TouchFeatures
{
    private readonly Dictionary<(int Finger, int Touch), uint[]?> _codes;

    private TouchFeatures(Dictionary<(int, int), uint[]?> codes) => _codes = codes;

    /// <summary>The code sets of every acquired touch of <paramref name="fingers"/> at the cap <paramref name="maxTouchCodes"/>.</summary>
    public static TouchFeatures Of(IReadOnlyList<FingerTouches> fingers, int maxTouchCodes)
    {
        var touches = fingers.SelectMany(f => f.Frames.Select((frame, t) => (f.Finger, Touch: t, Frame: frame)))
            .Where(x => x.Frame is not null).ToArray();
        var results = new uint[]?[touches.Length];
        Parallel.For(0, touches.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => (Analyzer: ImageKernelChoice.Analyzer(), Codes: new CodeBuffer(maxTouchCodes)),
            (i, _, w) =>
            {
                results[i] = Encode(w.Analyzer, w.Codes, (byte[])touches[i].Frame!.Clone());
                return w;
            },
            _ => { });
        var map = new Dictionary<(int, int), uint[]?>();
        for (var i = 0; i < touches.Length; i++)
        {
            map[(touches[i].Finger, touches[i].Touch)] = results[i];
        }

        return new TouchFeatures(map);
    }

    /// <summary>The touch's sorted tolerant codes, or null when the quality gate refuses it.</summary>
    public uint[]? Codes(int finger, int touch) => _codes[(finger, touch)];

    /// <summary>True when the touch was acquired and the quality gate accepted it (an enrollment would count it).</summary>
    public bool Acceptable(int finger, int touch) => _codes.TryGetValue((finger, touch), out var codes) && codes is not null;

    /// <summary>Tolerant code counts of the touches the gate accepted.</summary>
    public IEnumerable<int> CodeCounts => _codes.Values.Where(c => c is not null).Select(c => c!.Length);

    /// <summary>
    /// Vault points of <paramref name="helper"/> (serialized helper data, points sorted by x) whose x is
    /// one of <paramref name="codes"/>, at most <see cref="FuzzyVault.MaxUnlocked"/>: what
    /// <see cref="FuzzyVault.Unlock"/> counts.
    /// </summary>
    public static int Unlocked(byte[] helper, uint[] codes)
    {
        var count = (helper[2] << 8) | helper[3];
        int unlocked = 0, c = 0;
        for (var i = 0; i < count && unlocked < FuzzyVault.MaxUnlocked && c < codes.Length; i++)
        {
            var at = HelperData.HeaderLength + (i * HelperData.PointLength);
            var x = ((uint)helper[at] << 16) | ((uint)helper[at + 1] << 8) | helper[at + 2];
            while (c < codes.Length && codes[c] < x)
            {
                c++;
            }

            if (c < codes.Length && codes[c] == x)
            {
                unlocked++;
            }
        }

        return unlocked;
    }

    private static uint[]? Encode(CaptureAnalyzer analyzer, CodeBuffer codes, byte[] frame)
    {
        try
        {
            if (analyzer.Analyse(frame) != QualityError.None)
            {
                return null;
            }

            codes.Wipe();
            var n = ImageKernelChoice.CodeKernels.Codes(analyzer.Work.Minutiae, true, codes, new int[6], new float[6]);
            var result = new uint[n];
            for (var i = 0; i < n; i++)
            {
                result[i] = codes[i];
            }

            return result;
        }
        finally
        {
            analyzer.Clear();
        }
    }
}
