using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>
/// A thief who writes an older flash image back (taken before the failed touches) gets no fresh
/// attempts: the one-way counter's burned bits stay burned, so the old image's base only makes the
/// count larger. Nor does a fresh enrollment of the thief's own finger lend its zero count to the
/// owner's finger written back.
/// </summary>
public class FlashRollbackTests
{
    [Fact]
    public void OldFlashImageWrittenBack_AfterTheLockout_KeepsTheCardLocked()
    {
        var config = FingerRig.FastConfig();
        config.MaxFailedTouches = 3;
        var rig = new FingerRig(config);
        rig.Enroll();
        rig.CreateWallet();
        var beforeTheThief = rig.Image();
        rig.Touching(FingerRig.Stranger);
        for (var i = 0; i < config.MaxFailedTouches; i++)
        {
            Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData([(byte)i])));
        }

        rig.Card.Halt();
        rig.Board.Flash.Restore(beforeTheThief.Flash);
        var rewritten = rig.Reboot();
        rewritten.Touching(FingerRig.Owner);
        var refused = Assert.Throws<CardRefusedException>(() => rewritten.Sign(SHA256.HashData("the owner's touch"u8)));

        Assert.Equal(WireStatus.Locked, refused.Status);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void OwnersHelperDataWrittenBack_AfterAThiefEnrolledHisOwnFinger_KeepsTheCardLocked()
    {
        var config = FingerRig.FastConfig();
        config.MaxFailedTouches = 3;
        var rig = new FingerRig(config);
        rig.Enroll();
        rig.CreateWallet();
        rig.Touching(FingerRig.Stranger);
        for (var i = 0; i < config.MaxFailedTouches; i++)
        {
            Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData([(byte)i])));
        }

        // The thief removes the owner's helper data, so the card takes an enrollment of his finger,
        // which writes a fresh, correctly tagged base; then he writes the owner's helper data back.
        rig.Card.Halt();
        var log = RecordLog.Mount(rig.Board.Flash, 0, rig.Board.Flash.PageCount);
        var ownersHelperData = log.Get(StorageKeys.FingerHelperData);
        log.Delete(StorageKeys.FingerHelperData);
        var unenrolled = rig.Reboot();
        unenrolled.Touching(FingerRig.Thief);
        unenrolled.Enroll();
        unenrolled.Card.Halt();
        RecordLog.Mount(unenrolled.Board.Flash, 0, unenrolled.Board.Flash.PageCount).Put(StorageKeys.FingerHelperData, ownersHelperData);
        var spliced = unenrolled.Reboot();
        spliced.Touching(FingerRig.Owner);
        var refused = Assert.Throws<CardRefusedException>(() => spliced.Sign(SHA256.HashData("a guess that matches"u8)));

        Assert.Equal(WireStatus.Locked, refused.Status);
    }
}
