using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>
/// A thief who writes an older flash image back (taken before the failed touches) gets no fresh
/// attempts: the one-way counter's burned bits stay burned, so the old image's base only makes the
/// count larger.
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
}
