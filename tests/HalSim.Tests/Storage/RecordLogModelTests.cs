using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;
using Xunit.Abstractions;
using static CardFirmware.HalSim.Tests.Storage.LogFixture;

namespace CardFirmware.HalSim.Tests.Storage;

/// <summary>
/// The record log against a reference model (a dictionary), in the manner of trezor's storage
/// tests against a Python model: seeded random sequences of put, delete, compaction, remount and
/// power cuts at random bytes, erases and torn writes. After a cut the interrupted key may hold its old or its
/// new value; the model adopts whichever the rebooted log shows, and every other key must match.
/// </summary>
public sealed class RecordLogModelTests(ITestOutputHelper output)
{
    private const int Keys = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RandomOperationsWithCuts_MatchTheReferenceModel(int seed)
    {
        var random = new Random(seed);
        var flash = NewFlash(seed);
        var model = new Dictionary<int, byte[]>();
        var log = Mount(flash);
        int cuts = 0, compactions = 0, fulls = 0;

        for (var step = 0; step < 400; step++)
        {
            var key = random.Next(Keys);
            var choice = random.Next(100);
            var armed = random.Next(100) < 20;
            if (armed)
            {
                var kind = random.Next(5);
                if (kind == 0)
                {
                    flash.ArmCutAtErase(random.Next(4), (EraseCutEffect)random.Next(3));
                }
                else if (kind == 1)
                {
                    flash.ArmTornWrite(random.Next(0, 8));
                }
                else
                {
                    flash.ArmCutAfterBytes(random.Next(0, 120), random.Next(2) == 0);
                }
            }

            byte[]? before = model.GetValueOrDefault(key);
            byte[]? after = before;
            try
            {
                if (choice < 60)
                {
                    after = Value(key, step, random.Next(10) == 0 ? random.Next(200, 500) : random.Next(0, 140));
                    var liveBefore = log.LiveBytes;
                    var compactionsBefore = log.Compactions;
                    try
                    {
                        log.Put(key, after);
                    }
                    catch (StorageException e) when (e.Error == StorageError.Full)
                    {
                        var oldSize = before is null ? 0 : before.Length + 20;
                        Assert.True(liveBefore - oldSize + after.Length + 20 > log.Capacity, "Full although the data fits");
                        fulls++;
                        after = before;
                    }

                    compactions += log.Compactions - compactionsBefore;
                }
                else if (choice < 80)
                {
                    after = null;
                    Assert.Equal(before is not null, log.Delete(key));
                }
                else if (choice < 88)
                {
                    log.Compact();
                    compactions++;
                }
                else
                {
                    log = Mount(flash);
                }

                flash.Disarm();
                Apply(model, key, after);
            }
            catch (PowerLossException)
            {
                cuts++;
                flash.PowerOn();
                log = Mount(flash);
                Assert.False(log.WasFormatted);
                var seen = log.Get(key);
                Assert.True(Same(seen, before) || Same(seen, after),
                    $"seed {seed} step {step}: key {key} reads {Describe(seen)}");
                Apply(model, key, seen);
            }

            AssertMatches(model, log, $"seed {seed} step {step}");
        }

        AssertMatches(model, Mount(flash), $"seed {seed} final remount");
        output.WriteLine($"seed {seed}: 400 steps, {cuts} power cuts, {compactions} compactions, {fulls} Full refusals, " +
            $"max page wear {flash.MaxEraseCount}");
        Assert.True(cuts > 20);
        Assert.True(compactions > 5);
    }

    private static void Apply(Dictionary<int, byte[]> model, int key, byte[]? value)
    {
        if (value is null)
        {
            model.Remove(key);
        }
        else
        {
            model[key] = value;
        }
    }

    private static void AssertMatches(Dictionary<int, byte[]> model, RecordLog log, string where)
    {
        Assert.True(model.Count == log.Count, $"{where}: {log.Count} keys, model has {model.Count}");
        for (var key = 0; key < Keys; key++)
        {
            var expected = model.GetValueOrDefault(key);
            Assert.True(Same(log.Get(key), expected), $"{where}: key {key}");
        }

        Assert.Equal(model.Values.Sum(v => v.Length + 20), log.LiveBytes);
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
