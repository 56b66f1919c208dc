using System.Diagnostics;
using System.Security.Cryptography;
using CardFirmware.Biometrics;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// The leave-one-out evaluation of <see cref="Evaluation"/> on full-image touches
/// (<see cref="FullImageTouches"/>): the same folds (every touch once the genuine attempt against a vault
/// enrolled from the first acceptable touches after it, taken circularly; fewer than the enrollment count
/// but at least the minimum: a shorter enrollment; else a failure to enroll), the same extractor, vault and
/// operating point, every acquired touch of every other finger an impostor attempt. Only the touch
/// differs: the union of the codes of sensor windows covering the whole image instead of one window
/// placed with the card's jitter. The card's memory limits do not bind here, so the enrollment tally
/// holds <paramref name="tallyCapacity"/> codes (the card's capacity times the image's area in windows).
/// </summary>
internal static class FullImageEvaluation
{
    public static OperatingPoint Run(IReadOnlyList<FullImageFinger> fingers, int k, int enrollmentTouches, int minEnrollmentTouches, int maxTouchCodes,
        int tallyCapacity)
    {
        var watch = Stopwatch.StartNew();
        var folds = fingers.SelectMany(f => Enumerable.Range(0, f.Touches.Length).Select(h => (Enrolled: f, HeldOut: h))).ToArray();
        var results = new Fold[folds.Length];
        Parallel.For(0, folds.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new Dictionary<int, FingerKeyExtractor>(),
            (i, _, extractors) =>
            {
                results[i] = RunFold(fingers, folds[i].Enrolled, folds[i].HeldOut, count =>
                {
                    if (!extractors.TryGetValue(count, out var extractor))
                    {
                        extractors[count] = extractor = ImageKernelChoice.Extractor(k, count, maxTouchCodes);
                        extractor.TallyCapacity = tallyCapacity;
                    }

                    return extractor;
                }, enrollmentTouches, minEnrollmentTouches);
                return extractors;
            },
            _ => { });

        using var outputs = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var perFinger = new SortedDictionary<int, (int Attempts, int Rejected)>();
        var highest = (Score: -1, Enrolled: 0, Probe: 0, Touch: 0);
        int failed = 0, shortEnrollments = 0, genuine = 0, accepted = 0, poor = 0, impostor = 0, impostorAccepted = 0, largestTally = 0;
        var genuinePoints = new List<int>();
        var genuineScores = new List<int>();
        var impostorScores = new List<int>();
        foreach (var r in results)
        {
            outputs.AppendData(r.Digest);
            if (!r.Enrolled)
            {
                failed++;
                continue;
            }

            shortEnrollments += r.EnrollmentTouches < enrollmentTouches ? 1 : 0;
            genuine++;
            accepted += r.Genuine == ReproduceOutcome.Reproduced ? 1 : 0;
            poor += r.Genuine == ReproduceOutcome.PoorCapture ? 1 : 0;
            var finger = perFinger.GetValueOrDefault(r.Finger);
            perFinger[r.Finger] = (finger.Attempts + 1, finger.Rejected + (r.Genuine == ReproduceOutcome.Reproduced ? 0 : 1));
            genuinePoints.Add(r.GenuinePoints);
            genuineScores.Add(r.GenuineScore);
            impostorScores.AddRange(r.ImpostorScores);
            impostor += r.ImpostorScores.Length;
            impostorAccepted += r.ImpostorAccepted;
            largestTally = Math.Max(largestTally, r.TallyCount);
            if (r.Highest.Score > highest.Score)
            {
                highest = (r.Highest.Score, r.Finger, r.Highest.Probe, r.Highest.Touch);
            }
        }

        return new OperatingPoint(k, enrollmentTouches, minEnrollmentTouches, shortEnrollments, folds.Length, failed, genuine, accepted, poor, impostor,
            impostorAccepted, double.NaN, genuinePoints, largestTally, Convert.ToHexString(outputs.GetHashAndReset())[..16], watch.Elapsed,
            impostorScores.ToArray(), genuineScores.ToArray(), perFinger, (highest.Enrolled, highest.Probe, highest.Touch), tallyCapacity);
    }

    private sealed record Fold(int Finger, byte[] Digest, bool Enrolled, int EnrollmentTouches, int GenuinePoints, int TallyCount,
        ReproduceOutcome Genuine, int GenuineScore, int[] ImpostorScores, int ImpostorAccepted, (int Score, int Probe, int Touch) Highest);

    private static Fold RunFold(IReadOnlyList<FullImageFinger> fingers, FullImageFinger enrolled, int heldOut, Func<int, FingerKeyExtractor> extractorFor,
        int enrollmentTouches, int minEnrollmentTouches)
    {
        using var outputs = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var n = enrolled.Touches.Length;
        var after = Enumerable.Range(1, n - 1).Select(step => enrolled.Touches[(heldOut + step) % n]).Where(t => t.Acceptable).ToArray();
        var count = after.Length < minEnrollmentTouches ? enrollmentTouches : Math.Min(enrollmentTouches, after.Length);
        var extractor = extractorFor(count);
        extractor.Clear();
        var key = new byte[FingerKeyExtractor.KeyLength];
        var entropy = new byte[32];
        BitConverter.TryWriteBytes(entropy, enrolled.Finger);
        BitConverter.TryWriteBytes(entropy.AsSpan(sizeof(int)), heldOut);
        byte[] helper;
        try
        {
            foreach (var touch in after.Take(count))
            {
                extractor.AddEnrollmentCodes(Buffer(touch.Tolerant!), touch.Tolerant!.Length, Buffer(touch.Exact!), touch.Exact!.Length);
            }

            helper = extractor.FinishEnrollment(entropy, key);
        }
        catch (BiometricException e)
        {
            extractor.Clear();
            outputs.AppendData([0xFF, (byte)e.Error]);
            return new Fold(enrolled.Finger, outputs.GetHashAndReset(), false, count, 0, 0, ReproduceOutcome.PoorCapture, 0, [], 0, (-1, 0, 0));
        }

        outputs.AppendData(helper);
        var enrolledKey = (byte[])key.Clone();
        var genuine = Attempt(extractor, enrolled.Touches[heldOut], helper, enrolledKey, key, outputs);
        var genuineScore = extractor.LastUnlockedPoints;
        var scores = new List<int>();
        int impostorAccepted = 0;
        var highest = (Score: -1, Probe: 0, Touch: 0);
        foreach (var probe in fingers.Where(f => f.Finger != enrolled.Finger))
        {
            for (var t = 0; t < probe.Touches.Length; t++)
            {
                var touch = probe.Touches[t];
                if (!touch.Acquired)
                {
                    continue;
                }

                // As the crop evaluation scores impostors: the vault points the touch's codes unlock, and the
                // extractor runs only for a touch reaching K (below it the vault refuses before decoding).
                var score = touch.Acceptable ? TouchFeatures.Unlocked(helper, touch.Tolerant!) : 0;
                if (score >= extractor.K)
                {
                    impostorAccepted += Attempt(extractor, touch, helper, enrolledKey, key, outputs) == ReproduceOutcome.Reproduced ? 1 : 0;
                    score = extractor.LastUnlockedPoints;
                }
                else
                {
                    outputs.AppendData([(byte)(touch.Acceptable ? ReproduceOutcome.NotRecognized : ReproduceOutcome.PoorCapture)]);
                }

                scores.Add(score);
                if (score > highest.Score)
                {
                    highest = (score, probe.Finger, t);
                }
            }
        }

        return new Fold(enrolled.Finger, outputs.GetHashAndReset(), true, count, extractor.LastGenuineCount, extractor.LastTallyCount, genuine, genuineScore,
            scores.ToArray(), impostorAccepted, highest);
    }

    private static ReproduceOutcome Attempt(FingerKeyExtractor extractor, FullTouch touch, byte[] helper, byte[] enrolledKey, byte[] key,
        IncrementalHash outputs)
    {
        Array.Clear(key);
        extractor.Clear();
        var outcome = touch.Acceptable
            ? extractor.ReproduceCodes(Buffer(touch.Tolerant!), touch.Tolerant!.Length, helper, key)
            : ReproduceOutcome.PoorCapture;
        outputs.AppendData([(byte)outcome]);
        outputs.AppendData(key);
        if (outcome == ReproduceOutcome.Reproduced && !key.AsSpan().SequenceEqual(enrolledKey))
        {
            throw new InvalidOperationException("the extractor released a key that is not the enrolled one");
        }

        return outcome;
    }

    private static CodeBuffer Buffer(uint[] codes)
    {
        var buffer = new CodeBuffer(Math.Max(1, codes.Length));
        for (var i = 0; i < codes.Length; i++)
        {
            buffer[i] = codes[i];
        }

        return buffer;
    }
}
