using CardFirmware.Card.Finger;
using CardFirmware.Crypto.Native;
using CardFirmware.Drivers.Fpc1020;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The sensor driver's frame percentiles in the native module (cffinger.h cf_finger_percentiles, through
/// <see cref="NativeGreyLevelPercentiles"/>) against the driver's reference <see cref="ManagedGreyLevelPercentiles"/>.
/// </summary>
public class GreyLevelPercentilesDifferentialTests
{
    private static readonly Lazy<INativeModule?> PInvokeModule = new(() => Crypto.Native.Desktop.PInvokeNativeModule.TryCreate(out _));

    private static NativeGreyLevelPercentiles Native()
    {
        Backends.RequireNative();
        return new NativeGreyLevelPercentiles(PInvokeModule.Value!);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Levels_SameAsReference_3000Frames() => Levels(3_000, 21, 100);

    [SkippableFact]
    public void Levels_SameAsReference() => Levels(150, 22, 40);

    private static void Levels(int frames, int seed, int minimumDistinct)
    {
        var native = Native();
        var managed = new ManagedGreyLevelPercentiles();
        var random = new Random(seed);
        var frame = new byte[Fpc1020Sensor.ImageSize];
        var distinct = new HashSet<int>();
        for (var i = 0; i < frames; i++)
        {
            // Compressed frames (a dry finger: a narrow band of levels anywhere), full-range noise and constant frames.
            var kind = random.Next(3);
            var low = random.Next(256);
            var width = kind == 0 ? 1 + random.Next(256 - low) : kind == 1 ? 256 - low : 1;
            for (var p = 0; p < frame.Length; p++)
            {
                frame[p] = (byte)(low + random.Next(width));
            }

            var count = random.Next(4) == 0 ? random.Next(frame.Length + 1) : frame.Length;
            var ranks = new int[1 + random.Next(16)];
            for (var r = 0; r < ranks.Length; r++)
            {
                // In range mostly, and past either end (the reference's 0 and 255 answers).
                ranks[r] = random.Next(10) == 0 ? random.Next(-3, 3) + (random.Next(2) == 0 ? 0 : count) : random.Next(Math.Max(count, 1));
            }

            if (ranks.Length >= 2 && random.Next(2) == 0)
            {
                var tail = count * AdcCalibration.TailPercent / 100;
                ranks[0] = tail;
                ranks[1] = count - 1 - tail;
            }

            var expected = new int[ranks.Length];
            var actual = new int[ranks.Length];
            managed.Levels(frame, count, ranks, expected);
            native.Levels(frame, count, ranks, actual);
            Assert.Equal(expected, actual);
            distinct.Add(expected[0]);
        }

        Assert.True(distinct.Count > minimumDistinct, $"only {distinct.Count} distinct levels compared");
    }

    [SkippableFact]
    public void Levels_RefusesRangesOutsideTheFrame()
    {
        var native = Native();
        var frame = new byte[100];
        Assert.Throws<ArgumentOutOfRangeException>(() => native.Levels(frame, 101, new int[2], new int[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => native.Levels(frame, -1, new int[2], new int[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => native.Levels(frame, 100, new int[17], new int[17]));
        Assert.Throws<ArgumentOutOfRangeException>(() => native.Levels(frame, 100, new int[2], new int[1]));
    }
}
