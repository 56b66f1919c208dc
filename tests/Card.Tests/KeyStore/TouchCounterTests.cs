using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.KeyStore;

public class TouchCounterTests
{
    private const int Limit = 5;

    [Fact]
    public void FiveFailedTouches_LockTheCard_AcrossAReboot()
    {
        var flash = new SimFlash(4096, 16);
        var counter = new TouchCounter(RecordLog.Mount(flash, 0, 16), Limit);
        counter.Reset();

        for (var i = 0; i < Limit; i++)
        {
            Assert.True(counter.BeginAttempt());
        }

        Assert.True(counter.IsLocked);
        Assert.False(counter.BeginAttempt());
        var afterReboot = new TouchCounter(RecordLog.Mount(flash, 0, 16), Limit);
        Assert.True(afterReboot.IsLocked);
        Assert.False(afterReboot.BeginAttempt());
    }

    [Fact]
    public void ASuccess_ClearsTheCount()
    {
        var counter = new TouchCounter(RecordLog.Mount(new SimFlash(4096, 16), 0, 16), Limit);
        counter.Reset();
        counter.BeginAttempt();
        counter.BeginAttempt();

        counter.BeginAttempt();
        counter.Succeeded();

        Assert.Equal(0, counter.Failures);
        Assert.Equal(Limit, counter.Remaining);
    }

    [Fact]
    public void MissingOrDamagedRecord_ReadsAsLocked()
    {
        var log = RecordLog.Mount(new SimFlash(4096, 16), 0, 16);
        var counter = new TouchCounter(log, Limit);
        Assert.True(counter.IsLocked);

        log.Put(StorageKeys.FailedTouches, [0, 0, 0]);
        Assert.True(counter.IsLocked);

        log.Put(StorageKeys.FailedTouches, [0x80, 0, 0, 0]);
        Assert.True(counter.IsLocked);
    }

    [Fact]
    public void PowerCutAtEveryByteOfAnAttempt_NeverRollsTheCountBack()
    {
        var flash = new SimFlash(4096, 16);
        var counter = new TouchCounter(RecordLog.Mount(flash, 0, 16), Limit);
        counter.Reset();
        counter.BeginAttempt();
        var image = flash.Snapshot();
        var bytesOfOneAttempt = Measure(flash, image);

        var cuts = 0;
        for (var cut = 0; cut <= bytesOfOneAttempt; cut++)
        {
            flash.Restore(image);
            flash.PowerOn();
            flash.ArmCutAfterBytes(cut, partialByteAtCut: cut % 2 == 1);
            try
            {
                new TouchCounter(RecordLog.Mount(flash, 0, 16), Limit).BeginAttempt();
            }
            catch (PowerLossException)
            {
                cuts++;
            }

            flash.Disarm();
            flash.PowerOn();
            var failures = new TouchCounter(RecordLog.Mount(flash, 0, 16), Limit).Failures;
            Assert.InRange(failures, 1, 2);
        }

        Assert.True(cuts >= bytesOfOneAttempt, $"only {cuts} cuts happened");
    }

    private static int Measure(SimFlash flash, byte[] image)
    {
        var before = flash.BytesWritten;
        new TouchCounter(RecordLog.Mount(flash, 0, 16), Limit).BeginAttempt();
        var bytes = (int)(flash.BytesWritten - before);
        flash.Restore(image);
        return bytes;
    }
}
