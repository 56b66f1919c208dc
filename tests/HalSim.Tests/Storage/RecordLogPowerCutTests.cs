using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;
using Xunit.Abstractions;
using static CardFirmware.HalSim.Tests.Storage.LogFixture;

namespace CardFirmware.HalSim.Tests.Storage;

/// <summary>
/// Exhaustive power-cut sweeps: every byte programmed and every erase of an operation is a cut
/// point. After each cut the board reboots (a new <see cref="RecordLog"/> is mounted over the same
/// flash), must see either the old or the new state of the key and nothing torn, and must go on
/// working (one more update, one more remount).
/// </summary>
public sealed class RecordLogPowerCutTests(ITestOutputHelper output)
{
    private const int Key = 4;

    [Fact]
    public void Update_CutAtEveryByte_ReadsOldOrNewValue()
    {
        var image = NewFlash();
        var log = Mount(image);
        log.Put(1, Value(1, 1, 30));
        log.Put(Key, Value(Key, 1, 45));
        log.Put(2, Value(2, 1, 10));

        var sweep = PowerCutHarness.Run(image,
            flash => Mount(flash).Put(Key, Value(Key, 2, 70)),
            (flash, where) =>
            {
                var before = Mount(flash);
                Assert.Equal(Value(1, 1, 30), before.Get(1));
                Assert.Equal(Value(2, 1, 10), before.Get(2));
                CheckOldOrNew(flash, where, Value(Key, 1, 45), Value(Key, 2, 70));
            });

        Report("update of a 70-byte value", sweep);
        Assert.Equal(90, sweep.BytesProgrammed);
        Assert.Equal(4, sweep.Writes); // header, value, checksum, commit marker
        Assert.Equal(180 + 4 * PowerCutHarness.TornWriteSeeds, sweep.CutsTried);
    }

    [Fact]
    public void FirstWriteOfAKey_CutAtEveryByte_ReadsMissingOrNewValue()
    {
        var image = NewFlash();
        Mount(image).Put(1, Value(1, 1, 30));

        var sweep = PowerCutHarness.Run(image,
            flash => Mount(flash).Put(Key, Value(Key, 1, 33)),
            (flash, where) => CheckOldOrNew(flash, where, null, Value(Key, 1, 33)));

        Report("first write of a key", sweep);
        Assert.True(sweep.CutsTried > 0);
    }

    [Fact]
    public void Delete_CutAtEveryByte_ReadsOldValueOrMissing()
    {
        var image = NewFlash();
        var log = Mount(image);
        log.Put(Key, Value(Key, 1, 20));
        log.Put(1, Value(1, 1, 30));

        var sweep = PowerCutHarness.Run(image,
            flash => Assert.True(Mount(flash).Delete(Key)),
            (flash, where) => CheckOldOrNew(flash, where, Value(Key, 1, 20), null));

        Report("delete (tombstone)", sweep);
        Assert.Equal(40 + 3 * PowerCutHarness.TornWriteSeeds, sweep.CutsTried);
    }

    [Fact]
    public void UpdateThatCompacts_CutAtEveryByteAndErase_ReadsOldOrNewValue()
    {
        var image = NewFlash();
        var log = Mount(image);
        for (var version = 1; version <= 12; version++)
        {
            log.Put(version % 2, Value(version % 2, version, 50));
        }

        log.Put(Key, Value(Key, 1, 40));
        var free = log.FreeBytes;
        var newValue = Value(Key, 2, free);
        Assert.True(newValue.Length + 20 > free, "the update must not fit without compaction");

        var sweep = PowerCutHarness.Run(image,
            flash =>
            {
                var l = Mount(flash);
                l.Put(Key, newValue);
                Assert.Equal(1, l.Compactions);
            },
            (flash, where) =>
            {
                CheckOldOrNew(flash, where, Value(Key, 1, 40), newValue);
                var after = Mount(flash);
                Assert.Equal(Value(0, 12, 50), after.Get(0));
                Assert.Equal(Value(1, 11, 50), after.Get(1));
            });

        Report("update that triggers compaction", sweep);
        Assert.Equal(Pages / 2, sweep.Erases);
    }

    [Fact]
    public void DeleteInAFullArea_CutAtEveryByteAndErase_ReadsOldValueOrMissing()
    {
        var image = NewFlash();
        var log = Mount(image);
        log.Put(Key, Value(Key, 1, 20));
        log.Put(1, Value(1, 1, 30));
        log.Put(2, Value(2, 1, log.FreeBytes - 20));

        var sweep = PowerCutHarness.Run(image,
            flash =>
            {
                var l = Mount(flash);
                Assert.True(l.Delete(Key));
                Assert.Equal(1, l.Compactions);
            },
            (flash, where) =>
            {
                Assert.Equal(Value(1, 1, 30), Mount(flash).Get(1));
                CheckOldOrNew(flash, where, Value(Key, 1, 20), null);
            });

        Report("delete folded into a compaction (area full)", sweep);
        Assert.Equal(Pages / 2, sweep.Erases);
    }

    [Fact]
    public void Compaction_CutAtEveryByteAndErase_KeepsEveryValue()
    {
        var image = NewFlash();
        var log = Mount(image);
        log.Put(1, Value(1, 1, 100));
        log.Put(2, Value(2, 1, 60));
        log.Put(1, Value(1, 2, 80));
        log.Put(3, Value(3, 1, 5));
        log.Delete(3);
        log.Put(5, Value(5, 1, 0));
        log.Compact(); // so the sweep below erases the area that was live before
        log.Put(2, Value(2, 2, 61));

        var sweep = PowerCutHarness.Run(image,
            flash => Mount(flash).Compact(),
            (flash, where) =>
            {
                var after = Mount(flash);
                Assert.False(after.WasFormatted, where);
                Assert.Equal(3, after.Count);
                Assert.Equal(Value(1, 2, 80), after.Get(1));
                Assert.Equal(Value(2, 2, 61), after.Get(2));
                Assert.Equal([], after.Get(5));
                Assert.False(after.Contains(3));
                after.Put(6, Value(6, 1, 9));
                Assert.Equal(Value(6, 1, 9), Mount(flash).Get(6));
            });

        Report("explicit compaction", sweep);
        Assert.Equal(Pages / 2, sweep.Erases);
    }

    [Fact]
    public void FirstMount_CutDuringFormat_NextMountFormatsAgain()
    {
        var image = NewFlash();
        var sweep = PowerCutHarness.Run(image,
            flash => Mount(flash),
            (flash, where) =>
            {
                var log = Mount(flash);
                Assert.Equal(0, log.Count);
                log.Put(1, [1, 2, 3]);
                Assert.Equal(new byte[] { 1, 2, 3 }, Mount(flash).Get(1));
            });

        Report("format at first mount", sweep);
        Assert.Equal(16, sweep.BytesProgrammed);
    }

    [Fact]
    public void RepeatedCutsInARow_NeverLoseTheLastCommittedValue()
    {
        // Cut, reboot, cut again on the recovered log: torn tails pile up and must all be skipped.
        var flash = NewFlash(seed: 3);
        var log = Mount(flash);
        log.Put(Key, Value(Key, 0, 20));
        var committed = Value(Key, 0, 20);
        var random = new Random(11);
        var cuts = 0;
        for (var version = 1; version <= 60; version++)
        {
            var next = Value(Key, version, random.Next(0, 60));
            flash.ArmCutAfterBytes(random.Next(0, 90), partialByteAtCut: random.Next(2) == 0);
            try
            {
                Mount(flash).Put(Key, next);
                flash.Disarm();
                committed = next;
            }
            catch (PowerLossException)
            {
                cuts++;
                flash.PowerOn();
                var seen = Mount(flash).Get(Key);
                Assert.True(seen.AsSpan().SequenceEqual(committed) || seen.AsSpan().SequenceEqual(next),
                    $"version {version}: {Describe(seen)}");
                committed = seen!;
            }
        }

        Assert.Equal(committed, Mount(flash).Get(Key));
        output.WriteLine($"repeated cuts: {cuts} cuts in 60 updates, {Mount(flash).TornRecordsSkipped} torn records skipped at the last mount");
        Assert.True(cuts > 10);
    }

    private static void CheckOldOrNew(SimFlash flash, string where, byte[]? oldValue, byte[]? newValue)
    {
        var log = Mount(flash);
        Assert.False(log.WasFormatted, where);
        var seen = log.Get(Key);
        var isOld = Same(seen, oldValue);
        var isNew = Same(seen, newValue);
        Assert.True(isOld || isNew, $"{where}: read {Describe(seen)}");
        Assert.False(log.IsDamaged(Key), $"{where}: a cut write was reported as damage");
        Assert.Equal(0, log.DamagedKeys);

        // The recovered log goes on working: one more update lands after any torn tail.
        var later = Value(Key, 99, 12);
        log.Put(Key, later);
        var remounted = Mount(flash);
        Assert.Equal(later, remounted.Get(Key));
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private void Report(string operation, PowerCutHarness.Sweep sweep) =>
        output.WriteLine($"{operation}: {sweep.BytesProgrammed} bytes in {sweep.Writes} writes, {sweep.Erases} erases: " +
            $"{sweep.CutsTried} cut points tried");
}
