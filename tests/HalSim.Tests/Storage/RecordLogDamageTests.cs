using CardFirmware.Storage;
using static CardFirmware.HalSim.Tests.Storage.LogFixture;

namespace CardFirmware.HalSim.Tests.Storage;

/// <summary>
/// A record that was committed (its commit marker complete) and later changed on the flash (bit
/// rot, a glitch, a rewrite) is damage, reported per key, never mistaken for a record a power cut
/// tore: a torn record's marker is incomplete, a damaged one's checksum fails.
/// </summary>
public class RecordLogDamageTests
{
    // Layout: area header (16), then record header (12) | value | checksum (4) | marker (4).
    private const int FirstValue = 16 + 12;

    [Fact]
    public void Mount_CommittedRecordWithAFlippedValueBit_IsReportedDamaged_NotSkippedAsTorn()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 30));
        log.Put(2, Value(2, 1, 10));

        FlipBit(flash, FirstValue + 7, 0x04);
        var remounted = Mount(flash);

        Assert.True(remounted.IsDamaged(1));
        Assert.False(remounted.IsDamaged(2));
        Assert.Equal(1, remounted.DamagedKeys);
        Assert.Equal(0, remounted.TornRecordsSkipped);
        Assert.Equal(Value(2, 1, 10), remounted.Get(2));
    }

    [Theory]
    [InlineData(30 + 1, 0x01)] // checksum
    [InlineData(30 + 4, 0x02)] // commit marker: a 1 bit of the marker read as 0, which no cut write leaves
    public void Mount_CommittedRecordWithAFlippedTrailerBit_IsReportedDamaged(int offsetAfterValue, int bit)
    {
        var flash = NewFlash();
        Mount(flash).Put(1, Value(1, 1, 30));

        FlipBit(flash, FirstValue + offsetAfterValue, bit);
        var remounted = Mount(flash);

        Assert.True(remounted.IsDamaged(1));
        Assert.Equal(0, remounted.TornRecordsSkipped);
    }

    [Fact]
    public void Mount_DamagedNewestRecord_KeepsTheKeyDamaged_ThoughAnOlderValueIsStillReadable()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 20));
        log.Put(1, Value(1, 2, 20));

        FlipBit(flash, FirstValue + 20 + 8 + 12 + 3, 0x80);
        var remounted = Mount(flash);

        Assert.True(remounted.IsDamaged(1));
        Assert.Equal(Value(1, 1, 20), remounted.Get(1));
    }

    [Fact]
    public void Put_OverADamagedKey_ClearsTheDamage_AlsoAfterRemount()
    {
        var flash = NewFlash();
        Mount(flash).Put(1, Value(1, 1, 30));
        FlipBit(flash, FirstValue, 0x01);
        var damaged = Mount(flash);

        damaged.Put(1, Value(1, 2, 30));
        var remounted = Mount(flash);

        Assert.False(damaged.IsDamaged(1));
        Assert.False(remounted.IsDamaged(1));
        Assert.Equal(Value(1, 2, 30), remounted.Get(1));
    }

    [Fact]
    public void Delete_OfADamagedKeyWithNoOlderValue_ClearsTheDamage_AlsoAfterRemount()
    {
        var flash = NewFlash();
        Mount(flash).Put(1, Value(1, 1, 30));
        FlipBit(flash, FirstValue, 0x01);
        var damaged = Mount(flash);

        Assert.False(damaged.Contains(1));
        Assert.True(damaged.Delete(1));
        var remounted = Mount(flash);

        Assert.False(damaged.IsDamaged(1));
        Assert.False(remounted.IsDamaged(1));
        Assert.False(remounted.Contains(1));
    }

    [Fact]
    public void Compaction_KeepsADamagedKeyReported_AcrossRemounts()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 30));
        log.Put(2, Value(2, 1, 10));
        FlipBit(flash, FirstValue + 3, 0x40);
        var damaged = Mount(flash);

        damaged.Compact();
        var remounted = Mount(flash);

        Assert.True(damaged.IsDamaged(1));
        Assert.True(remounted.IsDamaged(1));
        Assert.Equal(Value(2, 1, 10), remounted.Get(2));
    }

    [Fact]
    public void Mount_FlippedBitInAHeader_IsReportedUnreadable_AndTheRecordsAfterItStillRead()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 30));
        log.Put(2, Value(2, 1, 10));
        log.Put(3, Value(3, 1, 20));

        FlipBit(flash, 16 + 5, 0x01);
        var remounted = Mount(flash);

        Assert.Equal(1, remounted.UnreadableRegions);
        Assert.Equal(0, remounted.TornRecordsSkipped);
        Assert.False(remounted.Contains(1));
        Assert.Equal(Value(2, 1, 10), remounted.Get(2));
        Assert.Equal(Value(3, 1, 20), remounted.Get(3));
    }

    private static void FlipBit(HalSim.Flash.SimFlash flash, int address, int bit)
    {
        var image = flash.Snapshot();
        image[address] ^= (byte)bit;
        flash.Restore(image);
    }
}
