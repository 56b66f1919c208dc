using System.Diagnostics;
using System.Security.Cryptography;
using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>One finger's touches as frames read through the sensor (null: not acquired).</summary>
internal sealed record FingerTouches(int Finger, byte[]?[] Frames);

/// <summary>Counts of one evaluation at one vault size K.</summary>
internal sealed record OperatingPoint(int K, int Fingers, int FailedToEnroll, int Genuine, int GenuineAccepted,
    int GenuinePoorCapture, int Impostor, int ImpostorAccepted, double MeanTouchMilliseconds, IReadOnlyList<int> GenuinePoints,
    string OutputDigest)
{
    /// <summary>
    /// Work of the best generic attack on one vault with the helper data alone: guess K of its points
    /// and test the check value; a guess is right with probability C(g, K) / C(n, K) for g genuine of n
    /// points. Returns log2 of the expected number of guesses for the median vault (chaff assumed
    /// indistinguishable; see firmware/Biometrics/README.md for what lowers it).
    /// </summary>
    public double BruteForceBits(int vaultSize)
    {
        if (GenuinePoints.Count == 0)
        {
            return double.NaN;
        }

        var g = GenuinePoints.Order().ElementAt(GenuinePoints.Count / 2);
        return Enumerable.Range(0, K).Sum(i => Math.Log2((double)(vaultSize - i) / (g - i)));
    }

    /// <summary>Per-touch false rejection rate: genuine touches that gave no key (poor captures included).</summary>
    public double Frr => Genuine == 0 ? double.NaN : 1.0 - (double)GenuineAccepted / Genuine;

    /// <summary>Per-touch false acceptance rate: impostor touches that opened the vault.</summary>
    public double Far => Impostor == 0 ? double.NaN : (double)ImpostorAccepted / Impostor;

    /// <summary>95% upper bound of the FAR (rule of three when no impostor succeeded).</summary>
    public double FarUpper95 => ImpostorAccepted == 0 ? 3.0 / Impostor : Far + 1.96 * Math.Sqrt(Far * (1 - Far) / Impostor);
}

/// <summary>
/// The FVC protocol for a key-releasing template: each finger is enrolled from its first
/// <see cref="FingerKeyExtractor.EnrollmentTouches"/> acquired touches; every later touch of the same
/// finger is a genuine attempt; every touch of every other finger is an impostor attempt against it.
/// An attempt succeeds only if the extractor reproduces the enrolled key exactly.
/// </summary>
internal static class Evaluation
{
    public static OperatingPoint Run(IReadOnlyList<FingerTouches> fingers, int k)
    {
        var extractor = new FingerKeyExtractor(k);
        var failedToEnroll = 0;
        var genuinePoints = new List<int>();
        int genuine = 0, genuineAccepted = 0, poor = 0, impostor = 0, impostorAccepted = 0;
        var touchTime = new Stopwatch();
        var timedTouches = 0;
        var key = new byte[FingerKeyExtractor.KeyLength];
        var entropy = new byte[32];
        // Every output in order (helper data, each attempt's outcome and released key): a change of
        // buffer layout must leave this digest unchanged, not only the FRR/FAR counts.
        using var outputs = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var enrolled in fingers)
        {
            extractor.Clear();
            var used = 0;
            while (used < enrolled.Frames.Length && extractor.EnrollmentTouchesAccepted < FingerKeyExtractor.EnrollmentTouches)
            {
                if (enrolled.Frames[used] is { } frame)
                {
                    extractor.AddEnrollmentTouch((byte[])frame.Clone());
                }

                used++;
            }

            byte[] helper;
            try
            {
                BitConverter.TryWriteBytes(entropy, enrolled.Finger);
                helper = extractor.FinishEnrollment(entropy, key);
            }
            catch (BiometricException e)
            {
                outputs.AppendData([0xFF, (byte)e.Error]);
                failedToEnroll++;
                continue;
            }

            outputs.AppendData(helper);
            genuinePoints.Add(extractor.LastGenuineCount);
            var enrolledKey = (byte[])key.Clone();
            foreach (var probe in fingers)
            {
                var first = probe.Finger == enrolled.Finger ? used : 0;
                for (var t = first; t < probe.Frames.Length; t++)
                {
                    var isGenuine = probe.Finger == enrolled.Finger;
                    var outcome = ReproduceOutcome.PoorCapture;
                    if (probe.Frames[t] is { } frame)
                    {
                        Array.Clear(key);
                        touchTime.Start();
                        outcome = extractor.Reproduce((byte[])frame.Clone(), helper, key);
                        touchTime.Stop();
                        timedTouches++;
                    }

                    var opened = outcome == ReproduceOutcome.Reproduced;
                    outputs.AppendData([(byte)outcome]);
                    outputs.AppendData(key);
                    if (opened && !key.AsSpan().SequenceEqual(enrolledKey))
                    {
                        throw new InvalidOperationException("the extractor released a key that is not the enrolled one");
                    }

                    if (isGenuine)
                    {
                        genuine++;
                        genuineAccepted += opened ? 1 : 0;
                        poor += outcome == ReproduceOutcome.PoorCapture ? 1 : 0;
                    }
                    else
                    {
                        impostor++;
                        impostorAccepted += opened ? 1 : 0;
                    }
                }
            }
        }

        return new OperatingPoint(k, fingers.Count, failedToEnroll, genuine, genuineAccepted, poor, impostor, impostorAccepted,
            timedTouches == 0 ? 0 : touchTime.Elapsed.TotalMilliseconds / timedTouches, genuinePoints,
            Convert.ToHexString(outputs.GetHashAndReset())[..16]);
    }

    /// <summary>
    /// Digest of what the image stages and the encoder make of every acquired touch: quality verdict,
    /// each minutia (position, type, direction and reliability bits) and the exact and tolerant code
    /// sets. Memory-layout changes must leave it unchanged.
    /// </summary>
    public static string FeatureDigest(IReadOnlyList<FingerTouches> fingers)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var analyzer = new CaptureAnalyzer();
        var codes = new CodeBuffer(FingerKeyExtractor.MaxCodes);
        var bins = new int[6];
        var fractions = new float[6];
        foreach (var frame in fingers.SelectMany(f => f.Frames))
        {
            if (frame is null)
            {
                continue;
            }

            var quality = analyzer.Analyse((byte[])frame.Clone());
            hash.AppendData([(byte)quality]);
            var m = analyzer.Work.Minutiae;
            for (var i = 0; i < m.Count; i++)
            {
                hash.AppendData(BitConverter.GetBytes((int)m.X[i]));
                hash.AppendData(BitConverter.GetBytes((int)m.Y[i]));
                hash.AppendData(BitConverter.GetBytes((int)m.Type[i]));
                hash.AppendData(BitConverter.GetBytes(BitConverter.SingleToInt32Bits(m.Angle[i])));
                hash.AppendData(BitConverter.GetBytes(BitConverter.SingleToInt32Bits(m.Reliability[i])));
            }

            if (quality == QualityError.None)
            {
                // As the card encodes (FingerKeyExtractor.Encode): tolerant first, which may drop the least
                // reliable minutiae to fit MaxCodes, then exact on what is left.
                foreach (var tolerant in new[] { true, false })
                {
                    codes.Wipe();
                    var n = CodeSet.SortUnique(codes, TripletEncoder.EncodeFitting(m, tolerant, codes, bins, fractions));
                    hash.AppendData(BitConverter.GetBytes(n));
                    for (var i = 0; i < n; i++)
                    {
                        hash.AppendData(BitConverter.GetBytes(codes[i]));
                    }
                }
            }

            analyzer.Clear();
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16];
    }

    /// <summary>Acquires every touch of every finger through the sensor driver and emulator.</summary>
    public static List<FingerTouches> Acquire(IEnumerable<(int Finger, IImageSource Source)> fingers, int touches)
    {
        var sensor = new SensorCapture();
        return fingers.Select(f => new FingerTouches(f.Finger,
            Enumerable.Range(0, touches).Select(t => sensor.Touch(f.Source, t)).ToArray())).ToList();
    }
}
