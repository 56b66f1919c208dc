using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Session;
using CardFirmware.Card.Tests.EndToEnd;
using CardFirmware.Card.Tests.Finger;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Session;

/// <summary>
/// Who may bond: touch-free only on a card that protects nothing yet (no finger, no wallet);
/// on an enrolled card a new phone needs the owner's touch, whether the bond list is empty,
/// damaged by a flipped bit, or replaced by a hostile record.
/// </summary>
public class BondingPolicyTests
{
    [Fact]
    public void EnrolledCard_AfterItsOnlyPhoneUnpairs_BondsANewPhoneOnlyWithTheOwnersTouch()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.Session(client => client.Exchange(CommandCode.Unpair, []));
        var stranger = RandomNumberGenerator.GetBytes(32);

        rig.Touching(null);
        Assert.ThrowsAny<Exception>(() => rig.Session(client => client.GetInfo(), stranger));
        Assert.Equal(SessionEnd.NotBonded, rig.Card.Firmware.LastSessionEnd);
        rig.Touching(FingerRig.Owner);
        var admitted = rig.Session(client => client.GetInfo(), stranger);

        Assert.True(admitted.Enrolled);
    }

    [Fact]
    public void FlippedBitInTheBondRecord_IsReportedAsDamage_AndANewPhoneStillNeedsTheOwnersTouch()
    {
        var rig = new FingerRig();
        rig.Enroll();
        var image = FlipABitOfTheNewestBond(rig, rig.PhoneKey);
        var stranger = RandomNumberGenerator.GetBytes(32);

        var rebooted = new FingerRig(rig.Config, image, rig.PhoneKey);
        var statusFlags = rebooted.Board.Link.Card.Status[2];
        rebooted.Touching(null);
        Assert.ThrowsAny<Exception>(() => rebooted.Session(client => client.GetInfo(), stranger));
        Assert.Equal(SessionEnd.NotBonded, rebooted.Card.Firmware.LastSessionEnd);
        rebooted.Touching(FingerRig.Owner);
        var repaired = rebooted.Session(client => client.GetInfo());

        Assert.Equal(CardStatus.FlagStorageDamaged, statusFlags & CardStatus.FlagStorageDamaged);
        Assert.Equal(0, statusFlags & CardStatus.FlagBonded);
        Assert.True(repaired.Enrolled);
        Assert.Equal(0, rebooted.Board.Link.Card.Status[2] & CardStatus.FlagStorageDamaged);
    }

    [Fact]
    public void HostileBondRecord_DoesNotStopTheBoot_AndTheOwnerCanStillFactoryResetWithATouch()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.Card.Halt();
        var log = RecordLog.Mount(rig.Board.Flash, 0, rig.Board.Flash.PageCount);
        log.Put(StorageKeys.BondedPhones, [200, 1, 2, 3]);

        var rebooted = new FingerRig(rig.Config, rig.Image(), rig.PhoneKey);
        var statusFlags = rebooted.Board.Link.Card.Status[2];
        rebooted.Session(client =>
        {
            client.FactoryReset();
            return 0;
        });
        var afterReset = rebooted.Session(client => client.GetInfo(), RandomNumberGenerator.GetBytes(32));

        Assert.Equal(CardStatus.FlagStorageDamaged, statusFlags & CardStatus.FlagStorageDamaged);
        Assert.False(afterReset.Enrolled);
        Assert.False(afterReset.StorageDamaged);
    }

    /// <summary>Powers the rig's card off and returns its image with one bit of the phone's newest bond flipped.</summary>
    internal static CardImage FlipABitOfTheNewestBond(FingerRig rig, byte[] phoneKey)
    {
        rig.Card.Halt();
        var image = rig.Board.Flash.Snapshot();
        var publicKey = new byte[BondList.KeySize];
        TestCurve.Create().PublicKey(phoneKey, publicKey);
        var at = image.AsSpan().LastIndexOf(publicKey);
        Assert.True(at >= 0, "the bond record is on the flash");
        image[at + 5] ^= 0x10;
        return new CardImage(image, rig.Board.Efuse.Snapshot());
    }
}
