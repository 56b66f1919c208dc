using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;
using static CardFirmware.HalSim.Tests.Storage.LogFixture;

namespace CardFirmware.HalSim.Tests.Storage;

public sealed class RecordLogTests
{
    [Fact]
    public void Mount_BlankFlash_FormatsAndIsEmpty()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        Assert.True(log.WasFormatted);
        Assert.Equal(0, log.Count);
        Assert.Equal(1u, log.Sequence);
        Assert.Equal(4 * PageSize - 16, log.Capacity);

        var again = Mount(flash);
        Assert.False(again.WasFormatted);
    }

    [Fact]
    public void Put_ThenGet_ReturnsTheValue_AlsoAfterRemount()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(7, Value(7, 1, 40));
        log.Put(9, []);
        Assert.Equal(Value(7, 1, 40), log.Get(7));
        Assert.Equal([], log.Get(9));

        var remounted = Mount(flash);
        Assert.Equal(Value(7, 1, 40), remounted.Get(7));
        Assert.Equal(0, remounted.GetLength(9));
        Assert.Equal(2, remounted.Count);
        Assert.Equal(2, remounted.RecordsScanned);
        Assert.Equal(log.LiveBytes, remounted.LiveBytes);
    }

    [Fact]
    public void Put_LatestCommittedRecordOfAKeyWins()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 10));
        log.Put(2, Value(2, 1, 10));
        log.Put(1, Value(1, 2, 30));
        Assert.Equal(Value(1, 2, 30), log.Get(1));
        Assert.Equal(Value(1, 2, 30), Mount(flash).Get(1));
        Assert.Equal(Value(2, 1, 10), Mount(flash).Get(2));
    }

    [Fact]
    public void Delete_WritesATombstone_ThatSurvivesRemount()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(3, Value(3, 1, 10));
        Assert.True(log.Delete(3));
        Assert.False(log.Contains(3));
        Assert.False(log.Delete(3));
        Assert.Equal(-1, log.GetLength(3));
        Assert.Null(log.Get(3));

        var remounted = Mount(flash);
        Assert.False(remounted.Contains(3));
        Assert.Equal(0, remounted.LiveBytes);
    }

    [Fact]
    public void Read_StreamsPartsOfAValue()
    {
        var log = Mount(NewFlash());
        var value = Value(5, 1, 100);
        log.Put(5, value);
        var buffer = new byte[64];
        Assert.Equal(64, log.Read(5, 0, buffer, 0, 64));
        Assert.Equal(value[..64], buffer);
        Assert.Equal(36, log.Read(5, 64, buffer, 0, 64));
        Assert.Equal(value[64..], buffer[..36]);
        Assert.Equal(0, log.Read(5, 100, buffer, 0, 64));
        Assert.Equal(StorageError.NotFound, Assert.Throws<StorageException>(() => log.Read(6, 0, buffer, 0, 1)).Error);
        Assert.Equal(StorageError.InvalidArgument, Assert.Throws<StorageException>(() => log.Read(5, 101, buffer, 0, 1)).Error);
        Assert.Equal(StorageError.InvalidArgument, Assert.Throws<StorageException>(() => log.Read(5, 0, buffer, 60, 5)).Error);
    }

    [Fact]
    public void Put_RejectsBadArguments_WithTypedErrors()
    {
        var log = Mount(NewFlash());
        Assert.Equal(StorageError.InvalidArgument, Assert.Throws<StorageException>(() => log.Put(-1, [1])).Error);
        Assert.Equal(StorageError.InvalidArgument, Assert.Throws<StorageException>(() => log.Put(0x10000, [1])).Error);
        Assert.Equal(StorageError.InvalidArgument, Assert.Throws<StorageException>(() => log.Put(1, null!)).Error);
        Assert.Equal(StorageError.InvalidArgument, Assert.Throws<StorageException>(() => log.Put(1, new byte[4], 2, 3)).Error);
        Assert.Equal(StorageError.TooLarge, Assert.Throws<StorageException>(() => log.Put(1, new byte[log.Capacity - 19])).Error);
        log.Put(1, new byte[log.Capacity - 20]);
        Assert.Equal(0, log.FreeBytes);
    }

    [Fact]
    public void Put_WhenLiveDataCannotFit_ThrowsFull_AndKeepsTheStore()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 600));
        log.Put(2, Value(2, 1, 300));
        var error = Assert.Throws<StorageException>(() => log.Put(3, Value(3, 1, 100))).Error;
        Assert.Equal(StorageError.Full, error);
        Assert.Equal(Value(1, 1, 600), log.Get(1));
        var remounted = Mount(flash);
        Assert.Equal(Value(2, 1, 300), remounted.Get(2));
        Assert.False(remounted.Contains(3));
    }

    [Fact]
    public void Delete_InAFullStore_StillFreesSpace()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 500));
        log.Put(2, Value(2, 1, log.FreeBytes - 20));
        Assert.Equal(0, log.FreeBytes);
        Assert.True(log.Delete(1));
        Assert.Equal(1, log.Compactions);
        var remounted = Mount(flash);
        Assert.False(remounted.Contains(1));
        Assert.Equal(log.Get(2), remounted.Get(2));
        remounted.Put(3, Value(3, 1, 400));
    }

    [Fact]
    public void Put_ReplacingALargeValueInAFullStore_NeedsRoomOnlyForTheNewValue()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 600));
        log.Put(2, Value(2, 1, 300));
        log.Put(1, Value(1, 2, 640));
        Assert.Equal(Value(1, 2, 640), Mount(flash).Get(1));
        Assert.Equal(Value(2, 1, 300), Mount(flash).Get(2));
    }

    [Fact]
    public void Put_WhenTheAreaIsFull_CompactsIntoTheSpareArea()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        for (var version = 1; version <= 40; version++)
        {
            log.Put(version % 3, Value(version % 3, version, 50));
        }

        Assert.True(log.Compactions >= 2, $"compactions: {log.Compactions}");
        Assert.Equal(1u + (uint)log.Compactions, log.Sequence);
        var remounted = Mount(flash);
        Assert.Equal(Value(1, 40, 50), remounted.Get(1));
        Assert.Equal(Value(0, 39, 50), remounted.Get(0));
        Assert.Equal(Value(2, 38, 50), remounted.Get(2));
        Assert.Equal(3 * 70, remounted.LiveBytes);
    }

    [Fact]
    public void Compact_DropsSupersededRecordsAndTombstones()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 100));
        log.Put(1, Value(1, 2, 100));
        log.Put(2, Value(2, 1, 100));
        log.Delete(2);
        var erasesBefore = flash.Erases;
        log.Compact();
        Assert.Equal(Pages / 2, flash.Erases - erasesBefore);
        Assert.Equal(log.Capacity - 120, log.FreeBytes);
        var remounted = Mount(flash);
        Assert.Equal(2u, remounted.Sequence);
        Assert.Equal(1, remounted.RecordsScanned);
        Assert.Equal(Value(1, 2, 100), remounted.Get(1));
    }

    [Fact]
    public void Mount_UsesOnlyItsPartition()
    {
        var flash = new SimFlash(PageSize, 12);
        var log = RecordLog.Mount(flash, 2, 8);
        log.Put(1, Value(1, 1, 200));
        log.Compact();
        var image = flash.Snapshot();
        Assert.All(image[..(2 * PageSize)], b => Assert.Equal(0xFF, b));
        Assert.All(image[(10 * PageSize)..], b => Assert.Equal(0xFF, b));
        Assert.Equal(0, flash.EraseCount(0));
        Assert.Equal(0, flash.EraseCount(11));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(-1, 4)]
    [InlineData(6, 4)]
    [InlineData(0, 0)]
    public void Mount_RejectsAnUnusablePartition(int firstPage, int pageCount)
    {
        var error = Assert.Throws<StorageException>(() => RecordLog.Mount(NewFlash(), firstPage, pageCount)).Error;
        Assert.Equal(StorageError.BadGeometry, error);
    }

    [Fact]
    public void Mount_RecordWithValidHeaderCheckButImpossibleLength_IsReportedUnreadable_AndTheLogGoesOnWorking()
    {
        var flash = NewFlash();
        Mount(flash).Put(1, [1, 2, 3]);
        // A header that passes its check but claims a value running past the area end can only
        // come from corruption or a foreign writer, never from a torn write.
        var header = new byte[12];
        RecordFormat.EncodeRecordHeader(header, RecordFormat.KindValue, 2, 5000);
        flash.Write(16 + 23, header, 0, 12);

        var damaged = Mount(flash);
        damaged.Put(3, [4, 5]);
        var remounted = Mount(flash);

        Assert.Equal(1, damaged.UnreadableRegions);
        Assert.Equal(new byte[] { 1, 2, 3 }, damaged.Get(1));
        Assert.False(damaged.Contains(2));
        Assert.Equal(1, damaged.Compactions);
        Assert.Equal(new byte[] { 1, 2, 3 }, remounted.Get(1));
        Assert.Equal(new byte[] { 4, 5 }, remounted.Get(3));
    }

    [Fact]
    public void Counters_CountWritesAndErases()
    {
        var flash = NewFlash();
        var log = Mount(flash);
        Assert.Equal(Pages / 2, log.Erases);
        Assert.Equal(16, log.BytesWritten);
        log.Put(1, new byte[10]);
        Assert.Equal(16 + 30, log.BytesWritten);
        Assert.Equal(flash.BytesWritten, log.BytesWritten);
    }

    [Fact]
    public void Put_AfterProgrammedBytesBeyondTheTail_CompactsInsteadOfWritingOverThem()
    {
        // A damaged or hostile image: a blank record header ends the scan, but bytes after it are
        // programmed. Appending there would AND the new record into them (found by tools/Fuzz, flash).
        var flash = NewFlash();
        var log = Mount(flash);
        log.Put(1, Value(1, 1, 20));
        var image = flash.Snapshot();
        var tail = 16 + 20 + 20;
        image[tail + 12 + 5] = 0x00;
        flash.Restore(image);

        var mounted = Mount(flash);
        mounted.Put(2, Value(2, 1, 30));

        Assert.Equal(Value(2, 1, 30), mounted.Get(2));
        Assert.Equal(1, mounted.Compactions);
        var remounted = Mount(flash);
        Assert.Equal(Value(1, 1, 20), remounted.Get(1));
        Assert.Equal(Value(2, 1, 30), remounted.Get(2));
    }

    [Fact]
    public void Mount_OverALongUnreadableStretch_ReadsTheFlashInLinearTime()
    {
        // A damaged or hostile image: a record, then programmed bytes holding no record header to
        // the end of the area. The mount steps over them 12 bytes at a time; searching the rest of
        // the stretch again at every step made it quadratic (found by tools/Fuzz, boot: seconds
        // for a 64 KiB stretch on the desktop, so far longer on the card).
        var flash = NewFlash();
        Mount(flash).Put(1, Value(1, 1, 20));
        var image = flash.Snapshot();
        var area = Pages / 2 * PageSize;
        var random = new Random(7);
        for (var at = 16 + 12 + 20 + 8; at < area; at++)
        {
            image[at] = (byte)random.Next(0, 0xFF);
        }

        flash.Restore(image);
        var before = flash.BytesRead;
        var mounted = Mount(flash);
        var read = flash.BytesRead - before;

        Assert.True(read < 32L * area, "The mount read " + read + " bytes of a " + area + "-byte area.");
        Assert.Equal(Value(1, 1, 20), mounted.Get(1));
        Assert.True(mounted.TornRecordsSkipped > 0);
    }
}
