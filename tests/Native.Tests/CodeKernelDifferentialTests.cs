using CardFirmware.Biometrics;
using CardFirmware.Crypto.Native;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The native code kernels (crypto/Native cffinger.h, the stages after the skeleton) against the managed
/// reference (<see cref="ManagedCodeKernels"/>), kernel by kernel on random inputs, and whole enrollments
/// and verifications of synthetic fingers on both down to the helper data and the key.
/// </summary>
public class CodeKernelDifferentialTests
{
    private static readonly Lazy<INativeModule?> PInvokeModule = new(() => Crypto.Native.Desktop.PInvokeNativeModule.TryCreate(out _));

    private static NativeCodeKernels Native()
    {
        Backends.RequireNative();
        return new NativeCodeKernels(PInvokeModule.Value!);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Codes_SameCodesAndMinutiae_5000Sets() => Codes(5_000, 1);

    [SkippableFact]
    public void Codes_SameCodesAndMinutiae() => Codes(150, 2);

    /// <summary>
    /// Minutiae on a lattice: many triangles with two sides of exactly the same length, whose vertex roles
    /// follow the minutiae's order, while the fitting loop drops minutiae and moves the last one into the
    /// dropped one's place (the native fit caches each triangle's code count by its minutiae).
    /// </summary>
    [SkippableFact]
    public void Codes_SameCodesAndMinutiae_LatticeSetsWithTiedSides()
    {
        var native = Native();
        var random = new Random(14);
        var fitted = 0;
        var tied = 0;
        const int sets = 150;
        for (var i = 0; i < sets; i++)
        {
            var a = LatticeMinutiae(random);
            var b = Copy(a);
            var tolerant = random.Next(4) != 0;
            var capacity = TripletEncoder.MaxVariants + random.Next(1500);
            var codesA = new CodeBuffer(capacity);
            var codesB = new CodeBuffer(capacity);
            var bins = new int[6];
            var fractions = new float[6];
            var before = a.Count;
            tied += HasTiedTriangle(a) ? 1 : 0;
            var na = ManagedCodeKernels.Instance.Codes(a, tolerant, codesA, bins, fractions);
            var nb = native.Codes(b, tolerant, codesB, bins, fractions);
            Assert.Equal(na, nb);
            Assert.Equal(codesA.Storage, codesB.Storage);
            AssertSame(a, b);
            fitted += a.Count < before ? 1 : 0;
        }

        Assert.True(fitted > sets / 4, $"the fitting loop ran on only {fitted} of {sets} sets");
        Assert.True(tied > sets / 2, $"only {tied} of {sets} sets had a triangle in range with two equal sides");
    }

    /// <summary>
    /// Several threads encoding at once (the evaluation's parallel folds, the simulator's cards): the
    /// native fit's table of triangle code counts is per thread on the desktop, so no call sees another's.
    /// </summary>
    [SkippableFact]
    public void Codes_SameCodesAndMinutiae_FromFourThreadsAtOnce()
    {
        Native();
        var failures = new int[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var native = new NativeCodeKernels(PInvokeModule.Value!);
            var random = new Random(20 + t);
            for (var i = 0; i < 60; i++)
            {
                var a = random.Next(2) == 0 ? LatticeMinutiae(random) : RandomMinutiae(random);
                var b = Copy(a);
                var capacity = TripletEncoder.MaxVariants + random.Next(1500);
                var codesA = new CodeBuffer(capacity);
                var codesB = new CodeBuffer(capacity);
                var na = ManagedCodeKernels.Instance.Codes(a, true, codesA, new int[6], new float[6]);
                var nb = native.Codes(b, true, codesB, new int[6], new float[6]);
                if (na != nb || !codesA.Storage.SequenceEqual(codesB.Storage) || a.Count != b.Count)
                {
                    failures[t]++;
                }
            }
        });
        Assert.Equal(new int[4], failures);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Match_SameUnlockedPoints_10000Windows() => Match(10_000, 3);

    [SkippableFact]
    public void Match_SameUnlockedPoints() => Match(300, 4);

    [SkippableFact]
    public void CheckPoints_SameVerdictAndLastX_5000Windows() => CheckPoints(5_000, 13);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Chaff_SamePointsAndTries_3000Blocks() => Chaff(3_000, 5);

    [SkippableFact]
    public void Chaff_SamePointsAndTries() => Chaff(100, 6);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Decode_SameOutcomeAndCoefficients_5000Inputs() => Decode(5_000, 11);

    [SkippableFact]
    public void Decode_SameOutcomeAndCoefficients() => Decode(300, 12);

    [SkippableFact]
    public void Decode_ErrorCountEdges_SameOnBothBackends()
    {
        var native = Native();
        var random = new Random(13);
        foreach (var k in new[] { HelperData.MinK, FuzzyVault.DefaultK, HelperData.MaxK })
        {
            var n = k + (2 * FuzzyVault.MaxErrors);
            var capacity = (n - k) / 2;
            foreach (var errors in new[] { 0, capacity, capacity + 1, n })
            {
                for (var trial = 0; trial < 20; trial++)
                {
                    var polynomial = Enumerable.Range(0, k).Select(_ => (uint)random.Next(int.MaxValue)).ToArray();
                    var x = DistinctCodes(random, n, withZero: trial % 2 == 0);
                    var y = new uint[n];
                    ManagedCodeKernels.Instance.Evaluate(polynomial, k, x, y, n);
                    foreach (var j in Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(errors))
                    {
                        y[j] = PrimeFieldAdd(y[j], 1 + (uint)random.Next(int.MaxValue - 1));
                    }

                    var coefficientsA = new uint[k];
                    var coefficientsB = new uint[k];
                    var a = ManagedCodeKernels.Instance.Decode(new ReedSolomonDecoder(n), x, y, n, k, coefficientsA);
                    var b = native.Decode(new ReedSolomonDecoder(n), x, y, n, k, coefficientsB);
                    Assert.Equal(errors <= capacity, a);
                    Assert.Equal(a, b);
                    Assert.Equal(coefficientsA, coefficientsB);
                    Assert.Equal(a ? polynomial : new uint[k], coefficientsA);
                }
            }
        }
    }

    [SkippableFact]
    public void SortPoints_SameOrder_1000Inputs() => SortPoints(1_000, 7);

    [SkippableFact]
    public void Evaluate_SameValues_1000Inputs() => Evaluate(1_000, 8);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void WholeEnrollmentAndVerification_SameHelperDataAndKeys_6Fingers() => Whole(6, 9);

    [SkippableFact]
    public void WholeEnrollmentAndVerification_SameHelperDataAndKeys() => Whole(1, 10);

    [SkippableFact]
    public void Codes_RefusesACodeSpaceOf2To24()
    {
        Native();
        var set = new MinutiaSet(8);
        var codes = new CodeBuffer(TripletEncoder.MaxVariants);
        var parameters = (int[])TripletEncoder.Parameters.Clone();
        parameters[3] = 256;
        Assert.Equal(-4, PInvokeModule.Value!.FingerCodes(set.X, set.Y, set.Type, set.Angle, set.Reliability, new int[1], 1, parameters,
            TripletEncoder.Tolerances, codes.Storage, codes.Length));
    }

    private static void Codes(int count, int seed)
    {
        var native = Native();
        var random = new Random(seed);
        var fitted = 0;
        for (var i = 0; i < count; i++)
        {
            var a = RandomMinutiae(random);
            var b = Copy(a);
            var tolerant = random.Next(2) == 0;
            // Caps from a few triangles' worth to the whole buffer, so the fitting loop runs often.
            var capacity = random.Next(3) == 0 ? FingerKeyExtractor.MaxCodes : TripletEncoder.MaxVariants + random.Next(1500);
            var codesA = new CodeBuffer(capacity);
            var codesB = new CodeBuffer(capacity);
            int[] bins = new int[6];
            float[] fractions = new float[6];
            var before = a.Count;
            var na = ManagedCodeKernels.Instance.Codes(a, tolerant, codesA, bins, fractions);
            var nb = native.Codes(b, tolerant, codesB, bins, fractions);
            Assert.Equal(na, nb);
            Assert.Equal(codesA.Storage, codesB.Storage);
            AssertSame(a, b);
            fitted += a.Count < before ? 1 : 0;
        }

        Assert.True(fitted > count / 20, $"the fitting loop ran on only {fitted} of {count} sets");
    }

    private static void Match(int count, int seed)
    {
        var native = Native();
        var random = new Random(seed);
        var hits = 0;
        for (var i = 0; i < count; i++)
        {
            var queryCount = random.Next(4097);
            var query = new CodeBuffer(4096);
            var sorted = Enumerable.Range(0, queryCount).Select(_ => (uint)random.Next(1 << 24)).Distinct().Order().ToArray();
            for (var j = 0; j < sorted.Length; j++)
            {
                query[j] = sorted[j];
            }

            var points = new byte[HelperData.WindowPoints * HelperData.PointLength];
            random.NextBytes(points);
            var pointCount = random.Next(HelperData.WindowPoints + 1);
            for (var j = 0; j < pointCount && sorted.Length > 0; j++)
            {
                if (random.Next(2) == 0)
                {
                    var x = sorted[random.Next(sorted.Length)];
                    points[j * 7] = (byte)(x >> 16);
                    points[(j * 7) + 1] = (byte)(x >> 8);
                    points[(j * 7) + 2] = (byte)x;
                }
            }

            var first = random.Next(1700);
            var unlockedA = new ushort[FuzzyVault.MaxUnlocked];
            var unlockedB = new ushort[FuzzyVault.MaxUnlocked];
            var already = random.Next(4) == 0 ? FuzzyVault.MaxUnlocked - random.Next(4) : random.Next(FuzzyVault.MaxUnlocked);
            var na = ManagedCodeKernels.Instance.Match(query, sorted.Length, points, pointCount, first, unlockedA, already);
            var nb = native.Match(query, sorted.Length, points, pointCount, first, unlockedB, already);
            Assert.Equal(na, nb);
            Assert.Equal(unlockedA, unlockedB);
            hits += na - already;
        }

        Assert.True(hits > count, "too few points matched to compare");
    }

    // Helper-data windows as flash could hold them: well-formed (x increasing, y below p) and then, half the
    // time, one field broken: a y of p or above, an x not above the one before or the previous window's last.
    private static void CheckPoints(int count, int seed)
    {
        var native = Native();
        var random = new Random(seed);
        var verdicts = new int[2];
        for (var i = 0; i < count; i++)
        {
            var pointCount = random.Next(HelperData.WindowPoints + 1);
            var points = new byte[HelperData.WindowPoints * HelperData.PointLength];
            random.NextBytes(points);
            var x = random.Next(1 << 20);
            for (var j = 0; j < pointCount; j++)
            {
                x += 1 + random.Next(1 << 12);
                var y = (uint)random.Next(int.MaxValue);
                Write(points, j, (uint)Math.Min(x, (1 << 24) - 1), y);
            }

            var last = random.Next(3) == 0 ? -1 : random.Next(1 << 21);
            if (random.Next(2) == 0 && pointCount > 0)
            {
                var j = random.Next(pointCount);
                var at = j * HelperData.PointLength;
                switch (random.Next(3))
                {
                    case 0:
                        Write(points, j, (uint)((points[at] << 16) | (points[at + 1] << 8) | points[at + 2]), PrimeField.P + (uint)random.Next(2) * (uint)random.Next(int.MaxValue));
                        break;
                    case 1 when j > 0:
                        var before = (points[at - 7] << 16) | (points[at - 6] << 8) | points[at - 5];
                        Write(points, j, (uint)(before - random.Next(Math.Min(before, 3) + 1)), (uint)random.Next(int.MaxValue));
                        break;
                    default:
                        last = (points[0] << 16) | (points[1] << 8) | points[2];
                        last += random.Next(3);
                        break;
                }
            }

            var lastA = new[] { last };
            var lastB = new[] { last };
            var a = ManagedCodeKernels.Instance.CheckPoints(points, pointCount, lastA);
            var b = native.CheckPoints(points, pointCount, lastB);
            Assert.Equal(a, b);
            Assert.Equal(lastA[0], lastB[0]);
            verdicts[a ? 1 : 0]++;
        }

        Assert.True(verdicts[0] > count / 8 && verdicts[1] > count / 8, $"{verdicts[0]} refused, {verdicts[1]} accepted");
    }

    private static void Write(byte[] points, int j, uint x, uint y)
    {
        var at = j * HelperData.PointLength;
        points[at] = (byte)(x >> 16);
        points[at + 1] = (byte)(x >> 8);
        points[at + 2] = (byte)x;
        points[at + 3] = (byte)(y >> 24);
        points[at + 4] = (byte)(y >> 16);
        points[at + 5] = (byte)(y >> 8);
        points[at + 6] = (byte)y;
    }

    private static void Chaff(int count, int seed)
    {
        var native = Native();
        var random = new Random(seed);
        var added = 0;
        for (var i = 0; i < count; i++)
        {
            var block = new byte[random.Next(3) == 0 ? random.Next(200) : VaultChaff.BlockBytes];
            random.NextBytes(block);
            var size = FuzzyVault.Size;
            var start = random.Next(size);
            var xsA = new uint[size];
            var ysA = new uint[size];
            for (var j = 0; j < start; j++)
            {
                xsA[j] = (uint)random.Next(TripletEncoder.CodeSpace);
                ysA[j] = (uint)random.Next(int.MaxValue);
            }

            // Some vaults already hold codes a block's triangles will draw again (dense low codes).
            if (random.Next(2) == 0)
            {
                for (var j = 0; j < start; j++)
                {
                    xsA[j] = (uint)random.Next(1 << 16);
                }
            }

            var xsB = (uint[])xsA.Clone();
            var ysB = (uint[])ysA.Clone();
            var triesA = new[] { random.Next(100) };
            var triesB = new[] { triesA[0] };
            var maxTries = random.Next(4) == 0 ? triesA[0] + random.Next(20) : 64 * size;
            var target = random.Next(4) == 0 ? start + random.Next(4) : size;
            var na = ManagedCodeKernels.Instance.Chaff(block, xsA, ysA, start, target, triesA, maxTries);
            var nb = native.Chaff(block, xsB, ysB, start, target, triesB, maxTries);
            Assert.Equal(na, nb);
            Assert.Equal(triesA[0], triesB[0]);
            Assert.Equal(xsA, xsB);
            Assert.Equal(ysA, ysB);
            Assert.All(ysA.Skip(start).Take(na - start), y => Assert.True(y < PrimeField.P));
            added += na - start;
        }

        Assert.True(added > count, "too few chaff points drawn to compare");
    }

    // Points of a random polynomial with up to twice the correctable errors, as an attempt of the vault
    // takes them (K to K + 2 MaxErrors points, distinct x).
    private static void Decode(int count, int seed)
    {
        var native = Native();
        var random = new Random(seed);
        var outcomes = new int[2];
        for (var i = 0; i < count; i++)
        {
            var k = random.Next(3) == 0 ? HelperData.MinK + random.Next(HelperData.MaxK - HelperData.MinK + 1) : FuzzyVault.DefaultK;
            var maxPoints = k + (2 * FuzzyVault.MaxErrors);
            var n = k + random.Next(maxPoints - k + 1);
            var polynomial = Enumerable.Range(0, k).Select(_ => (uint)random.Next(int.MaxValue)).ToArray();
            var xs = new HashSet<uint>();
            while (xs.Count < n)
            {
                xs.Add((uint)random.Next(1 << 24));
            }

            var x = xs.ToArray();
            var y = new uint[n];
            ManagedCodeKernels.Instance.Evaluate(polynomial, k, x, y, n);
            var errors = random.Next(Math.Max(1, n - k + 1));
            for (var j = 0; j < errors; j++)
            {
                y[random.Next(n)] = (uint)random.Next(int.MaxValue);
            }

            var coefficientsA = Enumerable.Range(0, k).Select(_ => (uint)random.Next()).ToArray();
            var coefficientsB = (uint[])coefficientsA.Clone();
            var decoderA = new ReedSolomonDecoder(maxPoints);
            var decoderB = new ReedSolomonDecoder(maxPoints);
            var a = ManagedCodeKernels.Instance.Decode(decoderA, x, y, n, k, coefficientsA);
            var b = native.Decode(decoderB, x, y, n, k, coefficientsB);
            Assert.Equal(a, b);
            Assert.Equal(coefficientsA, coefficientsB);
            Assert.All(decoderA.Work, v => Assert.Equal(0u, v));
            Assert.All(decoderB.Work, v => Assert.Equal(0u, v));
            var wrong = Enumerable.Range(0, n).Count(j => Horner(polynomial, x[j]) != y[j]);
            Assert.Equal(wrong <= (n - k) / 2, a);
            Assert.Equal(a ? polynomial : new uint[k], coefficientsA);
            outcomes[a ? 1 : 0]++;
        }

        Assert.True(outcomes[0] > count / 10 && outcomes[1] > count / 10, $"decoded {outcomes[1]}, refused {outcomes[0]}: both must be compared");
    }

    private static uint Horner(uint[] polynomial, uint x)
    {
        var y = 0UL;
        for (var c = polynomial.Length - 1; c >= 0; c--)
        {
            y = ((y * x) + polynomial[c]) % 0x7FFFFFFF;
        }

        return (uint)y;
    }

    // n distinct 24-bit codes; with withZero the code 0 among them (a point the decoder's x + 1 shift must handle).
    private static uint[] DistinctCodes(Random random, int n, bool withZero)
    {
        var xs = new HashSet<uint>();
        if (withZero)
        {
            xs.Add(0);
        }

        while (xs.Count < n)
        {
            xs.Add((uint)random.Next(1 << 24));
        }

        return xs.OrderBy(_ => random.Next()).ToArray();
    }

    private static uint PrimeFieldAdd(uint a, uint b) => (uint)(((ulong)a + b) % 0x7FFFFFFF);

    private static void SortPoints(int count, int seed)
    {
        var native = Native();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var n = random.Next(FuzzyVault.Size + 1);
            var xsA = Enumerable.Range(0, n).Select(_ => (uint)random.Next(1 << 24)).ToArray();
            var ysA = Enumerable.Range(0, n).Select(_ => (uint)random.Next(int.MaxValue)).ToArray();
            var xsB = (uint[])xsA.Clone();
            var ysB = (uint[])ysA.Clone();
            ManagedCodeKernels.Instance.SortPoints(xsA, ysA, n);
            native.SortPoints(xsB, ysB, n);
            Assert.Equal(xsA, xsB);
            Assert.Equal(ysA, ysB);
        }
    }

    private static void Evaluate(int count, int seed)
    {
        var native = Native();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var k = HelperData.MinK + random.Next(HelperData.MaxK - HelperData.MinK + 1);
            // Field elements, with the extremes (0, p - 1) often.
            uint Element() => random.Next(5) switch { 0 => 0u, 1 => PrimeField.P - 1, _ => (uint)random.Next(int.MaxValue) };
            var coefficients = Enumerable.Range(0, k).Select(_ => Element()).ToArray();
            var n = random.Next(FingerKeyExtractor.MaxGenuine + 1);
            var xs = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? Element() : (uint)random.Next(1 << 24)).ToArray();
            var ysA = new uint[n];
            var ysB = new uint[n];
            ManagedCodeKernels.Instance.Evaluate(coefficients, k, xs, ysA, n);
            native.Evaluate(coefficients, k, xs, ysB, n);
            Assert.Equal(ysA, ysB);
        }
    }

    // Enrollment and verification of synthetic fingers (optical and capacitive) with every stage on one
    // backend, then on the other: the same helper data, the same keys, the same outcomes.
    private static void Whole(int fingers, int seed)
    {
        var module = PInvokeModule.Value;
        Native();
        var reproduced = 0;
        for (var f = 0; f < fingers; f++)
        {
            var finger = seed + f;
            var sensor = f % 2 == 0 ? SyntheticSensor.Optical : SyntheticSensor.Capacitive;
            var managed = new FingerKeyExtractor(FuzzyVault.DefaultK, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.MaxTouchCodes,
                ManagedImageKernels.Instance, ManagedCodeKernels.Instance);
            var native = new FingerKeyExtractor(module);
            var entropy = Enumerable.Range(0, 32).Select(i => (byte)(i * finger)).ToArray();
            var (helperA, keyA) = Enroll(managed, finger, sensor, entropy);
            var (helperB, keyB) = Enroll(native, finger, sensor, entropy);
            Assert.Equal(helperA, helperB);
            Assert.Equal(keyA, keyB);
            for (var t = 8; t < 12; t++)
            {
                var outA = new byte[32];
                var outB = new byte[32];
                var a = managed.Reproduce(Capture(finger, t, sensor), helperA, outA);
                var b = native.Reproduce(Capture(finger, t, sensor), helperB, outB);
                Assert.Equal(a, b);
                Assert.Equal(managed.LastUnlockedPoints, native.LastUnlockedPoints);
                Assert.Equal(outA, outB);
                reproduced += a == ReproduceOutcome.Reproduced ? 1 : 0;
            }

            Assert.True(native.IsClear());
        }

        Assert.True(reproduced > 0, "no touch reproduced a key: the keys were not compared");
    }

    private static (byte[] Helper, byte[] Key) Enroll(FingerKeyExtractor extractor, int finger, SyntheticSensor sensor, byte[] entropy)
    {
        for (var t = 0; t < 8 && extractor.EnrollmentTouchesAccepted < extractor.RequiredTouches; t++)
        {
            extractor.AddEnrollmentTouch(Capture(finger, t, sensor));
        }

        var key = new byte[FingerKeyExtractor.KeyLength];
        return (extractor.FinishEnrollment(entropy, key), key);
    }

    private static byte[] Capture(int finger, int touch, SyntheticSensor sensor)
    {
        var frame = new byte[FrameGeometry.FrameSize];
        SyntheticFingerprint.Render(finger, touch, frame, PlacementOptions.Default, sensor);
        return frame;
    }

    private static MinutiaSet RandomMinutiae(Random random)
    {
        var set = new MinutiaSet(128);
        var n = random.Next(3) == 0 ? random.Next(3, 40) : random.Next(8, 25);
        // Clustered sets give many triangles in range; spread ones many out of range.
        var spread = 40 + random.Next(152);
        var ox = random.Next(192 - spread + 1);
        var oy = random.Next(192 - spread + 1);
        for (var i = 0; i < n; i++)
        {
            // Angles anywhere, including the edges of [0, 2π) and slightly outside (the reference wraps).
            var angle = random.Next(10) == 0 ? (float)(random.Next(2) * 2 * Math.PI) : (float)(random.NextDouble() * 2 * Math.PI);
            var reliability = random.Next(8) == 0 ? 0.5f : (float)random.NextDouble();
            set.Add(ox + random.Next(spread), oy + random.Next(spread), random.Next(2) == 0 ? MinutiaSet.Ending : MinutiaSet.Bifurcation, angle, reliability);
        }

        return set;
    }

    /// <summary>12 to 24 distinct points of a 7 x 7 lattice of step 12 pixels, reliabilities often equal.</summary>
    private static MinutiaSet LatticeMinutiae(Random random)
    {
        var set = new MinutiaSet(128);
        var n = random.Next(12, 25);
        var ox = random.Next(192 - 73);
        var oy = random.Next(192 - 73);
        foreach (var cell in Enumerable.Range(0, 49).OrderBy(_ => random.Next()).Take(n))
        {
            var reliability = random.Next(3) == 0 ? 0.5f : (float)random.NextDouble();
            set.Add(ox + (12 * (cell % 7)), oy + (12 * (cell / 7)), MinutiaSet.Ending, (float)(random.NextDouble() * 2 * Math.PI), reliability);
        }

        return set;
    }

    /// <summary>Whether some triangle with every side in range has two sides of equal length (squared lengths are exact integers).</summary>
    private static bool HasTiedTriangle(MinutiaSet m)
    {
        int Squared(int a, int b) => ((m.X[a] - m.X[b]) * (m.X[a] - m.X[b])) + ((m.Y[a] - m.Y[b]) * (m.Y[a] - m.Y[b]));
        bool InRange(int d2) => d2 >= TripletEncoder.MinSide * TripletEncoder.MinSide && d2 < TripletEncoder.MaxSide * TripletEncoder.MaxSide;
        for (var i = 0; i < m.Count; i++)
        {
            for (var j = i + 1; j < m.Count; j++)
            {
                for (var k = j + 1; k < m.Count; k++)
                {
                    int ij = Squared(i, j), ik = Squared(i, k), jk = Squared(j, k);
                    if (InRange(ij) && InRange(ik) && InRange(jk) && (ij == ik || ij == jk || ik == jk))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static MinutiaSet Copy(MinutiaSet a)
    {
        var b = new MinutiaSet(a.Capacity);
        for (var i = 0; i < a.Count; i++)
        {
            b.Add(a.X[i], a.Y[i], a.Type[i], a.Angle[i], a.Reliability[i]);
        }

        return b;
    }

    private static void AssertSame(MinutiaSet a, MinutiaSet b)
    {
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Y, b.Y);
        Assert.Equal(a.Type, b.Type);
        Assert.Equal(a.Angle.Select(BitConverter.SingleToInt32Bits), b.Angle.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(a.Reliability.Select(BitConverter.SingleToInt32Bits), b.Reliability.Select(BitConverter.SingleToInt32Bits));
    }
}
