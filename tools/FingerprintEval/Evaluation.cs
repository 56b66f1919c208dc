using System.Diagnostics;
using System.Security.Cryptography;
using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>One finger's touches as frames read through the sensor (null: not acquired).</summary>
internal sealed record FingerTouches(int Finger, byte[]?[] Frames);

/// <summary>Counts of one evaluation at one vault size K and one enrollment count.</summary>
internal sealed record OperatingPoint(int K, int EnrollmentTouches, int MinEnrollmentTouches, int ShortEnrollments, int Vaults, int FailedToEnroll,
    int Genuine, int GenuineAccepted,
    int GenuinePoorCapture, int Impostor, int ImpostorAccepted, double MeanTouchMilliseconds, IReadOnlyList<int> GenuinePoints,
    int LargestTally, string OutputDigest, TimeSpan Elapsed, int[] ImpostorScores, int[] GenuineScores,
    IReadOnlyDictionary<int, (int Attempts, int Rejected)> PerFinger, (int Enrolled, int Probe, int Touch) HighestImpostor,
    int TallyCapacity = EnrollmentTally.Capacity)
{
    /// <summary>
    /// Probability that a genuine owner is rejected <paramref name="touches"/> times in a row, averaged over
    /// the fingers with each finger's own rejection rate (touches of one finger are not independent of the
    /// finger: a finger that is often rejected is the one whose owner locks the card).
    /// </summary>
    public double RejectedInARow(int touches) =>
        PerFinger.Count == 0 ? double.NaN : PerFinger.Values.Average(f => Math.Pow((double)f.Rejected / f.Attempts, touches));

    /// <summary>
    /// Highest score (vault points unlocked) of any impostor touch. A touch that unlocks fewer than K
    /// points cannot open the vault whatever the decoder does, so K - this is the margin the operating
    /// point keeps over the impostors seen, in points.
    /// </summary>
    public int MaxImpostorScore => ImpostorScores.Length == 0 ? 0 : ImpostorScores.Max();

    /// <summary>Impostor touches that unlocked at least <paramref name="points"/> points.</summary>
    public int ImpostorsAtOrAbove(int points) => ImpostorScores.Count(s => s >= points);

    /// <summary>Genuine touches that unlocked at least <paramref name="points"/> points (an upper bound on the acceptances at K = points).</summary>
    public int GenuineAtOrAbove(int points) => GenuineScores.Count(s => s >= points);

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

    /// <summary>
    /// Rejections per fold with a failure to enroll counted as one: enrollment counts that leave
    /// different folds unenrolled (few acceptable touches) are compared on the same folds.
    /// </summary>
    public double FrrWithFailuresToEnroll => Vaults == 0 ? double.NaN : (double)(Genuine - GenuineAccepted + FailedToEnroll) / Vaults;

    /// <summary>Per-touch false acceptance rate: impostor touches that opened the vault.</summary>
    public double Far => Impostor == 0 ? double.NaN : (double)ImpostorAccepted / Impostor;

    /// <summary>
    /// One-sided 95% upper bound of the FAR: the rule of three (3 / N, exact for 0 of N) when no impostor
    /// succeeded, else the Wilson score bound (z = 1.645), which unlike p + z·σ stays honest for a few of N.
    /// </summary>
    public double FarUpper95
    {
        get
        {
            if (ImpostorAccepted == 0)
            {
                return 3.0 / Impostor;
            }

            const double z = 1.645;
            double n = Impostor, p = Far;
            return (p + z * z / (2 * n) + z * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n);
        }
    }
}

/// <summary>
/// The leave-one-out ("rotation") protocol for a key-releasing template. Each finger has T touches;
/// for every finger and every held-out touch h one vault is enrolled from the E touches that follow h
/// circularly (h + 1, h + 2, ... mod T; E is the extractor's <see cref="FingerKeyExtractor.RequiredTouches"/>),
/// skipping touches the sensor did not acquire or the quality gate refused; a fold with fewer than E
/// acceptable touches is a failure to enroll. Touch h is the vault's genuine attempt (a touch the
/// sensor did not acquire counts as a rejection); every acquired touch of every other finger is an
/// impostor attempt against it. An attempt succeeds only if the extractor reproduces the enrolled key
/// exactly.
/// </summary>
/// <remarks>
/// Why rotation: enrolling from the first E touches would leave T - E genuine attempts per finger,
/// always the same late impressions, and a different set for every E (one per finger at E = 7 of 8).
/// Rotation makes every touch a genuine attempt once, never against a vault it helped enroll, so
/// enrollment counts are compared on the same genuine touches.
/// The folds run in parallel, each worker with its own extractor (the card code, unchanged); every
/// fold hashes its own outputs and the digests are combined in fold order, so the output digest does
/// not depend on the scheduling.
/// </remarks>
internal static class Evaluation
{
    public static OperatingPoint Run(IReadOnlyList<FingerTouches> fingers, int k, int enrollmentTouches, int minEnrollmentTouches, int maxTouchCodes)
    {
        var watch = Stopwatch.StartNew();
        var features = TouchFeatures.Of(fingers, maxTouchCodes);
        var folds = fingers.SelectMany(f => Enumerable.Range(0, f.Frames.Length).Select(h => (Enrolled: f, HeldOut: h))).ToArray();
        var results = new FoldResult[folds.Length];
        Parallel.For(0, folds.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new Worker(touches => ImageKernelChoice.Extractor(k, touches, maxTouchCodes), enrollmentTouches, minEnrollmentTouches, features),
            (i, _, worker) =>
            {
                results[i] = worker.Fold(fingers, folds[i].Enrolled, folds[i].HeldOut);
                return worker;
            },
            _ => { });

        // Every output in fold order (helper data, each attempt's outcome and released key): a change of
        // buffer layout must leave this digest unchanged, not only the FRR/FAR counts.
        using var outputs = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var genuinePoints = new List<int>();
        var impostorScores = new List<int>();
        var genuineScores = new List<int>();
        var perFinger = new SortedDictionary<int, (int Attempts, int Rejected)>();
        var highest = (Score: -1, Enrolled: 0, Probe: 0, Touch: 0);
        int failedToEnroll = 0, shortEnrollments = 0, genuine = 0, genuineAccepted = 0, poor = 0, impostor = 0, impostorAccepted = 0, largestTally = 0;
        long touchTicks = 0, timedTouches = 0;
        foreach (var r in results)
        {
            outputs.AppendData(r.Digest);
            touchTicks += r.TouchTicks;
            timedTouches += r.TimedTouches;
            if (!r.Enrolled)
            {
                failedToEnroll++;
                continue;
            }

            shortEnrollments += r.EnrollmentTouches < enrollmentTouches ? 1 : 0;
            genuinePoints.Add(r.GenuinePoints);
            impostorScores.AddRange(r.ImpostorScores);
            if (r.HighestImpostor.Score > highest.Score)
            {
                highest = (r.HighestImpostor.Score, r.Finger, r.HighestImpostor.Probe, r.HighestImpostor.Touch);
            }

            genuineScores.Add(r.GenuineScore);
            largestTally = Math.Max(largestTally, r.TallyCount);
            genuine++;
            genuineAccepted += r.Genuine == ReproduceOutcome.Reproduced ? 1 : 0;
            var finger = perFinger.GetValueOrDefault(r.Finger);
            perFinger[r.Finger] = (finger.Attempts + 1, finger.Rejected + (r.Genuine == ReproduceOutcome.Reproduced ? 0 : 1));
            poor += r.Genuine == ReproduceOutcome.PoorCapture ? 1 : 0;
            impostor += r.Impostor;
            impostorAccepted += r.ImpostorAccepted;
        }

        return new OperatingPoint(k, enrollmentTouches, minEnrollmentTouches, shortEnrollments, folds.Length, failedToEnroll, genuine, genuineAccepted, poor, impostor,
            impostorAccepted, timedTouches == 0 ? 0 : touchTicks * 1000.0 / Stopwatch.Frequency / timedTouches,
            genuinePoints, largestTally, Convert.ToHexString(outputs.GetHashAndReset())[..16], watch.Elapsed,
            impostorScores.ToArray(), genuineScores.ToArray(), perFinger, (highest.Enrolled, highest.Probe, highest.Touch));
    }

    /// <summary>What one fold gave: its outputs' digest, the genuine attempt's outcome and the impostor counts.</summary>
    private sealed record FoldResult(int Finger, byte[] Digest, bool Enrolled, int EnrollmentTouches, int GenuinePoints, int TallyCount, ReproduceOutcome Genuine,
        int GenuineScore, int Impostor, int ImpostorAccepted, int[] ImpostorScores, long TouchTicks, int TimedTouches,
        (int Score, int Probe, int Touch) HighestImpostor);

    /// <summary>
    /// One thread's extractors (one per enrollment count it met) and frame buffer, reused fold after fold.
    /// A fold enrolls from the first <c>enrollmentTouches</c> acceptable touches after the held-out one;
    /// when the finger has fewer (the data set has a few impressions per finger, some not acquired or
    /// refused), from all it has if that is at least <c>minEnrollmentTouches</c>: the card would have
    /// asked for more touches, so such a fold measures a weaker vault than the card's, never a stronger.
    /// </summary>
    private sealed class Worker(Func<int, FingerKeyExtractor> extractorFor, int enrollmentTouches, int minEnrollmentTouches, TouchFeatures features)
    {
        private readonly Dictionary<int, FingerKeyExtractor> _extractors = [];
        private FingerKeyExtractor _extractor = null!;
        private readonly byte[] _frame = new byte[FrameGeometry.FrameSize];
        private readonly byte[] _key = new byte[FingerKeyExtractor.KeyLength];
        private long _touchTicks;
        private int _timedTouches;

        public FoldResult Fold(IReadOnlyList<FingerTouches> fingers, FingerTouches enrolled, int heldOut)
        {
            _touchTicks = 0;
            _timedTouches = 0;
            using var outputs = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var touches = enrolled.Frames.Length;
            var acceptable = Enumerable.Range(1, touches - 1).Count(step => features.Acceptable(enrolled.Finger, (heldOut + step) % touches));
            var count = acceptable < minEnrollmentTouches ? enrollmentTouches : Math.Min(enrollmentTouches, acceptable);
            if (!_extractors.TryGetValue(count, out var chosen))
            {
                chosen = extractorFor(count);
                _extractors[count] = chosen;
            }

            _extractor = chosen;
            _extractor.Clear();
            for (var step = 1; step < touches && _extractor.EnrollmentTouchesAccepted < _extractor.RequiredTouches; step++)
            {
                if (enrolled.Frames[(heldOut + step) % touches] is { } frame)
                {
                    Array.Copy(frame, _frame, frame.Length);
                    _extractor.AddEnrollmentTouch(_frame);
                }
            }

            byte[] helper;
            var entropy = new byte[32];
            BitConverter.TryWriteBytes(entropy, enrolled.Finger);
            BitConverter.TryWriteBytes(entropy.AsSpan(sizeof(int)), heldOut);
            try
            {
                helper = _extractor.FinishEnrollment(entropy, _key);
            }
            catch (BiometricException e)
            {
                outputs.AppendData([0xFF, (byte)e.Error]);
                return new FoldResult(enrolled.Finger, outputs.GetHashAndReset(), false, count, 0, 0, ReproduceOutcome.PoorCapture, 0, 0, 0, [], 0, 0, (-1, 0, 0));
            }

            outputs.AppendData(helper);
            var enrolledKey = (byte[])_key.Clone();
            var genuine = Attempt(enrolled.Frames[heldOut], helper, enrolledKey, outputs);
            var genuineScore = _extractor.LastUnlockedPoints;
            var impostorScores = new List<int>();
            int impostor = 0, impostorAccepted = 0;
            var highest = (Score: -1, Probe: 0, Touch: 0);
            foreach (var probe in fingers)
            {
                if (probe.Finger == enrolled.Finger)
                {
                    continue;
                }

                for (var t = 0; t < probe.Frames.Length; t++)
                {
                    if (probe.Frames[t] is { } frame)
                    {
                        impostor++;
                        impostorAccepted += ImpostorAttempt(frame, features.Codes(probe.Finger, t), helper, enrolledKey, outputs, out var score)
                            == ReproduceOutcome.Reproduced ? 1 : 0;
                        impostorScores.Add(score);
                        if (score > highest.Score)
                        {
                            highest = (score, probe.Finger, t);
                        }
                    }
                }
            }

            return new FoldResult(enrolled.Finger, outputs.GetHashAndReset(), true, count, _extractor.LastGenuineCount, _extractor.LastTallyCount, genuine,
                genuineScore, impostor, impostorAccepted, impostorScores.ToArray(), _touchTicks, _timedTouches, highest);
        }

        // An impostor touch against the fold's vault, from the touch's code set computed once: the vault
        // points its codes unlock are its score (as FuzzyVault.Unlock counts them, at most MaxUnlocked);
        // below K the _extractor would refuse it before decoding, with the key untouched, so only a touch
        // reaching K runs through the _extractor. Outcomes, keys and scores are those of running every
        // touch through the _extractor (the output digest is the same), at a fraction of the time.
        private ReproduceOutcome ImpostorAttempt(byte[] frame, uint[]? codes, byte[] helper, byte[] enrolledKey, IncrementalHash outputs,
            out int score)
        {
            if (codes is null)
            {
                score = 0;
                outputs.AppendData([(byte)ReproduceOutcome.PoorCapture]);
                outputs.AppendData(new byte[FingerKeyExtractor.KeyLength]);
                return ReproduceOutcome.PoorCapture;
            }

            score = TouchFeatures.Unlocked(helper, codes);
            if (score < _extractor.K)
            {
                outputs.AppendData([(byte)ReproduceOutcome.NotRecognized]);
                outputs.AppendData(new byte[FingerKeyExtractor.KeyLength]);
                return ReproduceOutcome.NotRecognized;
            }

            var outcome = Attempt(frame, helper, enrolledKey, outputs);
            score = _extractor.LastUnlockedPoints;
            return outcome;
        }

        // One touch against the fold's vault (a touch the sensor did not acquire is a poor capture).
        private ReproduceOutcome Attempt(byte[]? frame, byte[] helper, byte[] enrolledKey, IncrementalHash outputs)
        {
            Array.Clear(_key);
            _extractor.Clear();
            var outcome = ReproduceOutcome.PoorCapture;
            if (frame is not null)
            {
                Array.Copy(frame, _frame, frame.Length);
                var start = Stopwatch.GetTimestamp();
                outcome = _extractor.Reproduce(_frame, helper, _key);
                _touchTicks += Stopwatch.GetTimestamp() - start;
                _timedTouches++;
            }

            outputs.AppendData([(byte)outcome]);
            outputs.AppendData(_key);
            if (outcome == ReproduceOutcome.Reproduced && !_key.AsSpan().SequenceEqual(enrolledKey))
            {
                throw new InvalidOperationException("the _extractor released a key that is not the enrolled one");
            }

            return outcome;
        }
    }

    /// <summary>
    /// Digest of what the image stages and the encoder make of every acquired touch: quality verdict,
    /// each minutia (position, type, direction and reliability bits) and the exact and tolerant code
    /// sets. Memory-layout changes must leave it unchanged.
    /// </summary>
    public static string FeatureDigest(IReadOnlyList<FingerTouches> fingers)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var analyzer = ImageKernelChoice.Analyzer();
        var codeKernels = ImageKernelChoice.CodeKernels;
        // At the full code buffer, not the card's per-touch cap: the digest pins the image stages and the encoder, so it
        // stays comparable across changes of the cap (1B8579DBD4506549 on FVC2002 DB1_B).
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
                    var n = codeKernels.Codes(m, tolerant, codes, bins, fractions);
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

    /// <summary>
    /// Acquires every touch of every finger through the sensor driver and emulator (finger f gives
    /// <c>Touches</c> touches, each a different impression). A file that cannot be decoded is a
    /// failure to acquire, counted in <paramref name="unreadable"/>, not an abort.
    /// </summary>
    public static List<FingerTouches> Acquire(IEnumerable<(int Finger, IImageSource Source, int Touches)> fingers, out int unreadable)
    {
        var sensor = new SensorCapture();
        var failed = 0;
        var result = fingers.Select(f => new FingerTouches(f.Finger, Enumerable.Range(0, f.Touches).Select(t =>
        {
            try
            {
                return sensor.Touch(f.Source, t);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                failed++;
                return null;
            }
        }).ToArray())).ToList();
        unreadable = failed;
        return result;
    }
}
