using System.Buffers.Binary;
using CardFirmware.Card.Session;
using CardFirmware.HalSim.Board;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>Boot never throws on what the flash holds: a card whose storage cannot be read still advertises, and says so.</summary>
public class BootGuardTests
{
    [Fact]
    public void UnmountableFlash_LeavesTheCardAdvertisingItsDamage_AndDroppingConnections()
    {
        // An odd page count cannot be split into the log's two areas.
        var board = new SimBoard(new SimBoardOptions { FlashPages = 63 });

        CardHarness? booted = null;
        var boot = Record.Exception(() => booted = new CardHarness(board));
        Assert.Null(boot);
        var harness = booted!;
        var statusFlags = harness.Board.Link.Card.Status[2];
        var connected = harness.Board.Link.Phone.ConnectAndWait(247);
        harness.Run(500);

        Assert.Equal(StorageError.BadGeometry, harness.Card.Firmware.BootStorageFailure);
        Assert.Equal(CardStatus.FlagStorageDamaged, statusFlags & CardStatus.FlagStorageDamaged);
        Assert.True(connected);
        Assert.False(harness.Board.Link.Phone.IsConnected);
        Assert.Equal(SessionState.Advertising, harness.Card.Firmware.State);
    }

    [Fact]
    public void RecordWithAnImpossibleLength_IsReportedAsDamage_AndTheBondedPhoneIsStillServed()
    {
        var board = new SimBoard();
        var first = new CardHarness(board);
        var phone = CardHarness.NewPhoneKey();
        using (var channel = first.Open(phone))
        {
            new CardClient(channel).GetInfo();
        }

        first.Card.Halt();
        WriteRecordClaimingAnImpossibleLength(board);

        CardHarness? rebooted = null;
        var boot = Record.Exception(() => rebooted = new CardHarness(board.PowerCycle()));
        Assert.Null(boot);
        var harness = rebooted!;
        var statusFlags = harness.Board.Link.Card.Status[2];
        using var again = harness.Open(phone);
        var info = new CardClient(again).GetInfo();

        Assert.Equal(CardStatus.FlagStorageDamaged | CardStatus.FlagBonded, statusFlags);
        Assert.True(info.StorageDamaged);
        Assert.Equal(first.CardKey, info.IdentityPublicKey);
    }

    /// <summary>
    /// Puts a record, then rewrites its header on the flash to claim a value longer than the log
    /// allows, with a header check that passes: what a hostile rewrite leaves, never a power cut.
    /// </summary>
    private static void WriteRecordClaimingAnImpossibleLength(SimBoard board)
    {
        var marker = "impossible record"u8.ToArray();
        RecordLog.Mount(board.Flash, 0, board.Flash.PageCount).Put(0x77, marker);
        var image = board.Flash.Snapshot();
        var header = image.AsSpan().LastIndexOf(marker) - 12;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(header + 4), RecordLog.MaxValueLength + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(header + 8), Crc32(image.AsSpan(header, 8)));
        board.Flash.Restore(image);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
