using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// One impression seen whole: the sorted, distinct union of its windows' tolerant codes (what a
/// verification presents) and exact codes (what an enrollment tallies), or null sets when no window
/// passed the quality gate.
/// </summary>
internal sealed record FullTouch(bool Acquired, uint[]? Tolerant, uint[]? Exact, int Windows, int WindowsUsed)
{
    /// <summary>True when at least one window passed the quality gate (an enrollment would count the touch).</summary>
    public bool Acceptable => Tolerant is not null;
}

/// <summary>One finger's impressions seen whole.</summary>
internal sealed record FullImageFinger(int Finger, FullTouch[] Touches);

/// <summary>
/// The full-image touches of an FVC folder: every window of every impression (<see cref="FullImageWindows"/>)
/// goes through the FPC1020 driver and emulator and the card's image stages and encoder (the code cap
/// applied per window, as on the card); a window the sensor does not detect or the gate refuses adds no
/// code. A touch with no detected window is a failure to acquire; with no window past the gate, a poor capture.
/// </summary>
internal static class FullImageTouches
{
    public static List<FullImageFinger> Acquire(FvcDataset data, int windowCodeCap)
    {
        var fingers = data.Fingers.Where(f => data.ImpressionsOf(f).Count >= 2).Select(f => new FullImageWindows(data, f)).ToArray();
        var jobs = fingers.SelectMany(f => Enumerable.Range(0, f.Impressions).Select(i => (Source: f, Impression: i))).ToArray();
        var touches = new FullTouch[jobs.Length];
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new WindowEncoder(windowCodeCap),
            (i, _, encoder) =>
            {
                touches[i] = encoder.Touch(jobs[i].Source, jobs[i].Impression);
                return encoder;
            },
            _ => { });
        var at = 0;
        return fingers.Select(f =>
        {
            var finger = new FullImageFinger(f.Finger, touches[at..(at + f.Impressions)]);
            at += f.Impressions;
            return finger;
        }).ToList();
    }

    // One thread's sensor, analyzer and code buffer.
    private sealed class WindowEncoder(int windowCodeCap)
    {
        private readonly SensorCapture _sensor = new();
        private readonly CaptureAnalyzer _analyzer = ImageKernelChoice.Analyzer();
        private readonly ICodeKernels _codeKernels = ImageKernelChoice.CodeKernels;
        private readonly CodeBuffer _codes = new(windowCodeCap);
        private readonly int[] _bins = new int[6];
        private readonly float[] _fractions = new float[6];

        public FullTouch Touch(FullImageWindows source, int impression)
        {
            var tolerant = new HashSet<uint>();
            var exact = new HashSet<uint>();
            int detected = 0, used = 0;
            for (var w = 0; w < source.Count; w++)
            {
                byte[]? frame;
                try
                {
                    frame = _sensor.Touch(source, (impression * source.Count) + w);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
                {
                    frame = null;
                }

                if (frame is null)
                {
                    continue;
                }

                detected++;
                try
                {
                    if (_analyzer.Analyse(frame) != QualityError.None)
                    {
                        continue;
                    }

                    used++;
                    // As the card encodes a capture: tolerant first (which may drop the least reliable minutiae to
                    // fit the cap), then exact on what is left.
                    Collect(true, tolerant);
                    Collect(false, exact);
                }
                finally
                {
                    _analyzer.Clear();
                    Array.Clear(frame);
                }
            }

            return used == 0
                ? new FullTouch(detected > 0, null, null, source.Count, 0)
                : new FullTouch(true, tolerant.Order().ToArray(), exact.Order().ToArray(), source.Count, used);
        }

        private void Collect(bool tolerant, HashSet<uint> into)
        {
            _codes.Wipe();
            var n = _codeKernels.Codes(_analyzer.Work.Minutiae, tolerant, _codes, _bins, _fractions);
            for (var i = 0; i < n; i++)
            {
                into.Add(_codes[i]);
            }
        }
    }
}
