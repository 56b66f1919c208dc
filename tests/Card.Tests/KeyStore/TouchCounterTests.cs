using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.KeyStore;

public class TouchCounterTests
{
    private const int Limit = 5;

    [Fact]
    public void FiveFailedTouches_LockTheCard_AcrossAReboot()
    {
        var board = new SimBoard();
        var counter = Counter(board);
        counter.Reset([]);

        for (var i = 0; i < Limit; i++)
        {
            Assert.True(counter.BeginAttempt());
        }

        Assert.True(counter.IsLocked);
        Assert.False(counter.BeginAttempt());
        var afterReboot = Counter(board.PowerCycle());
        Assert.True(afterReboot.IsLocked);
        Assert.False(afterReboot.BeginAttempt());
    }

    [Fact]
    public void ASuccess_ClearsTheCount()
    {
        var counter = Counter(new SimBoard());
        counter.Reset([]);
        counter.BeginAttempt();
        counter.BeginAttempt();

        counter.BeginAttempt();
        counter.Succeeded();

        Assert.Equal(0, counter.Failures);
        Assert.Equal(Limit, counter.Remaining);
    }

    [Fact]
    public void EveryAttempt_BurnsOneBitBeforeItIsEvaluated()
    {
        var board = new SimBoard();
        var counter = Counter(board);
        counter.Reset([]);

        Assert.True(counter.BeginAttempt());
        Assert.Equal(1, board.Efuse.Counter.Value);
        counter.Succeeded();
        Assert.True(counter.BeginAttempt());
        counter.Refund();

        Assert.Equal(2, board.Efuse.Counter.Value);
        Assert.Equal(0, counter.Failures);
    }

    [Fact]
    public void OldFlashImageWrittenBack_AfterFailedTouches_KeepsTheLockout()
    {
        var board = new SimBoard();
        var counter = Counter(board);
        counter.Reset([]);
        var fresh = board.Flash.Snapshot();
        for (var i = 0; i < Limit; i++)
        {
            counter.BeginAttempt();
        }

        board.Flash.Restore(fresh);
        var rebooted = Counter(board.PowerCycle());

        Assert.True(rebooted.IsLocked);
        Assert.Equal(Limit, rebooted.Failures);
        Assert.False(rebooted.BeginAttempt());
    }

    [Fact]
    public void OldFlashImageWrittenBack_BeforeEveryAttempt_StillAllowsOnlyLimitAttempts()
    {
        var board = new SimBoard();
        Counter(board).Reset([]);
        var fresh = board.Flash.Snapshot();

        var granted = 0;
        for (var i = 0; i < 4 * Limit; i++)
        {
            board.Flash.Restore(fresh);
            board = board.PowerCycle();
            if (Counter(board).BeginAttempt())
            {
                granted++;
            }
        }

        Assert.Equal(Limit, granted);
    }

    [Fact]
    public void ImageWrittenBack_AfterARefund_CostsTheRefundedAttempt_NeverMore()
    {
        var board = new SimBoard();
        var counter = Counter(board);
        counter.Reset([]);
        counter.BeginAttempt();
        var charged = board.Flash.Snapshot();
        counter.Refund();
        Assert.Equal(0, counter.Failures);

        board.Flash.Restore(charged);

        Assert.Equal(1, Counter(board.PowerCycle()).Failures);
    }

    [Fact]
    public void MissingRecord_ReadsAsLocked_WithoutDamage()
    {
        var counter = Counter(new SimBoard());

        Assert.True(counter.IsLocked);
        Assert.False(counter.IsDamaged);
        Assert.False(counter.BeginAttempt());
    }

    [Fact]
    public void ForgedBaseRecord_IsRefusedAsDamage()
    {
        var board = new SimBoard();
        var counter = Counter(board);
        counter.Reset([]);
        for (var i = 0; i < Limit; i++)
        {
            counter.BeginAttempt();
        }

        var log = RecordLog.Mount(board.Flash, 0, board.Flash.PageCount);
        var genuine = log.Get(StorageKeys.TouchBase);
        var burned = board.Efuse.Counter.Value;
        byte[][] forgeries =
        [
            // The attacker's base = every bit burned, with a tag made by another chip's key.
            Record(burned, new DeviceKeys(SimEfuse.ProvisionFromSeed(null, 8).Hmac)),
            // The same with a random tag, with the genuine record's tag, and cut short.
            [.. BigEndian(burned), .. RandomNumberGenerator.GetBytes(32)],
            [.. BigEndian(burned), .. genuine.AsSpan(4).ToArray()],
            genuine.AsSpan(0, 4).ToArray(),
            [.. genuine, 0],
        ];

        foreach (var forged in forgeries)
        {
            log.Put(StorageKeys.TouchBase, forged);
            var reread = Counter(board);
            Assert.True(reread.IsDamaged);
            Assert.True(reread.IsLocked);
            Assert.False(reread.BeginAttempt());
        }

        Assert.Equal(burned, board.Efuse.Counter.Value);
    }

    [Fact]
    public void ATaggedBase_AboveTheBurnedBits_IsDamage()
    {
        // Only the chip can tag, and it never tags a base above what it burned: such a record
        // cannot be trusted even with a valid tag.
        var board = new SimBoard();
        var log = RecordLog.Mount(board.Flash, 0, board.Flash.PageCount);
        log.Put(StorageKeys.TouchBase, Record(3, new DeviceKeys(board.Efuse.Hmac)));

        var counter = Counter(board);

        Assert.True(counter.IsDamaged);
        Assert.True(counter.IsLocked);
    }

    [Fact]
    public void SpentCounter_LocksTheCard_EvenAfterASuccess()
    {
        var board = new SimBoard(new SimBoardOptions { CounterBits = 3 });
        var counter = Counter(board);
        counter.Reset([]);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(counter.BeginAttempt());
            counter.Succeeded();
        }

        Assert.Equal(0, counter.Failures);
        Assert.True(counter.IsSpent);
        Assert.True(counter.IsLocked);
        Assert.Equal(0, counter.Remaining);
        Assert.False(counter.BeginAttempt());
        Assert.Equal(3, board.Efuse.Counter.Value);
    }

    [Fact]
    public void ABurnThatDidNotHappen_IsNoAttempt()
    {
        var board = new SimBoard();
        new TouchCounter(RecordLog.Mount(board.Flash, 0, board.Flash.PageCount), board.Efuse.Counter, new DeviceKeys(board.Efuse.Hmac), Limit).Reset([]);
        var counter = new TouchCounter(RecordLog.Mount(board.Flash, 0, board.Flash.PageCount), new SkippedBurn(board.Efuse.Counter),
            new DeviceKeys(board.Efuse.Hmac), Limit);

        Assert.False(counter.BeginAttempt());
    }

    // A glitched burn: reports success but no bit changed.
    private sealed class SkippedBurn(Hal.IOneWayCounter counter) : Hal.IOneWayCounter
    {
        public int Value => counter.Value;

        public int Capacity => counter.Capacity;

        public bool Increment() => true;
    }

    [Theory]
    [InlineData(Outcome.Failed)]
    [InlineData(Outcome.Succeeded)]
    [InlineData(Outcome.Refunded)]
    public void PowerCutAtEveryWriteOfAnAttempt_NeverLeavesAnEvaluatedAttemptUncounted(Outcome outcome)
    {
        var setup = new SimBoard();
        var counter = Counter(setup);
        counter.Reset([]);
        counter.BeginAttempt();
        var failuresBefore = counter.Failures;
        var image = setup.Flash.Snapshot();
        var efuse = setup.Efuse.Snapshot();
        var bytes = FlashBytesOf(outcome, image, efuse);

        var cuts = 0;
        // Cut points: the burn (left unburned, or burned), then every byte the outcome writes.
        for (var cut = -2; cut <= bytes; cut++)
        {
            var board = new SimBoard(null, SimEfuse.FromSnapshot(efuse));
            board.Flash.Restore(image);
            if (cut < 0)
            {
                board.Efuse.Counter.ArmCutAtBurn(0, burned: cut == -1);
            }
            else
            {
                board.Flash.ArmCutAfterBytes(cut, partialByteAtCut: cut % 2 == 1);
            }

            var evaluated = false;
            try
            {
                Attempt(Counter(board), outcome, () => evaluated = true);
            }
            catch (PowerLossException)
            {
                cuts++;
            }

            Assert.Equal(cut < bytes, board.Flash.IsPoweredOff);
            var failures = Counter(board.PowerCycle()).Failures;
            var charged = failuresBefore + 1;
            var done = outcome switch
            {
                Outcome.Succeeded => 0,
                Outcome.Refunded => failuresBefore,
                _ => charged,
            };
            if (cut == -2)
            {
                // Cut before the bit was burned: nothing was evaluated, nothing is charged.
                Assert.False(evaluated);
                Assert.Equal(failuresBefore, failures);
            }
            else if (cut == -1)
            {
                // The bit burned, then the power went: charged although never evaluated (the safe side).
                Assert.False(evaluated);
                Assert.Equal(charged, failures);
            }
            else
            {
                // Evaluated: charged until the outcome's one record write commits.
                Assert.True(evaluated);
                var expected = cut == bytes ? done : charged;
                Assert.True(failures == expected || (cut == bytes - 1 && failures == done), $"cut at byte {cut} of {bytes}: {failures} failures");
            }
        }

        Assert.Equal(bytes + 2, cuts);
    }

    public enum Outcome
    {
        Failed,
        Succeeded,
        Refunded,
    }

    private static void Attempt(TouchCounter counter, Outcome outcome, Action evaluated)
    {
        if (!counter.BeginAttempt())
        {
            return;
        }

        evaluated();
        if (outcome == Outcome.Succeeded)
        {
            counter.Succeeded();
        }
        else if (outcome == Outcome.Refunded)
        {
            counter.Refund();
        }
    }

    private static int FlashBytesOf(Outcome outcome, byte[] image, byte[] efuse)
    {
        var board = new SimBoard(null, SimEfuse.FromSnapshot(efuse));
        board.Flash.Restore(image);
        var before = board.Flash.BytesWritten;
        Attempt(Counter(board), outcome, () => { });
        return (int)(board.Flash.BytesWritten - before);
    }

    private static TouchCounter Counter(SimBoard board) =>
        new(RecordLog.Mount(board.Flash, 0, board.Flash.PageCount), board.Efuse.Counter, new DeviceKeys(board.Efuse.Hmac), Limit);

    private static byte[] Record(int touchBase, DeviceKeys keys)
    {
        var tag = new byte[DeviceKeys.Size];
        keys.TouchBaseTag(touchBase, System.Security.Cryptography.SHA256.HashData([]), tag);
        return [.. BigEndian(touchBase), .. tag];
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
