using CardFirmware.Card.Identity;
using CardFirmware.Card.Tests.Finger;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>Damage the card finds in its records at boot is visible to the phone before and after the handshake.</summary>
public class StorageDamageReportTests
{
    [Fact]
    public void WalletPublicRecordOfTheWrongLength_IsReportedInTheStatusAndInGetInfo()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.Card.Halt();
        var log = RecordLog.Mount(rig.Board.Flash, 0, rig.Board.Flash.PageCount);
        log.Put(StorageKeys.WalletPublic, new byte[64]);
        log.Put(StorageKeys.WrappedShare, new byte[80]);

        var rebooted = new FingerRig(rig.Config, rig.Image(), rig.PhoneKey);
        var info = rebooted.Info();

        Assert.Equal(CardStatus.FlagStorageDamaged, rebooted.Board.Link.Card.Status[2] & CardStatus.FlagStorageDamaged);
        Assert.True(info.StorageDamaged);
        Assert.True(info.HasWallet);
    }
}
