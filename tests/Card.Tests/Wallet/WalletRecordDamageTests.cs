using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Wallet;

/// <summary>
/// A wallet whose public record is damaged (wrong length) or missing beside a stored share is
/// damage, never "no wallet": every wallet command refuses with StorageDamaged and the sealed
/// share is never overwritten.
/// </summary>
public class WalletRecordDamageTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(66)]
    [InlineData(0)]
    public void WalletPublicRecordOfTheWrongLength_MakesCreateWalletRefuse_AndTheShareStays(int length)
    {
        var rig = CreatedWallet();
        var shareBefore = Damage(rig, log => log.Put(StorageKeys.WalletPublic, new byte[length]));

        rig.Finger.TouchEnrolled();
        var refused = Assert.Throws<CardRefusedException>(() => new PhoneWallet(new CardClient(rig.Dispatcher.Dispatch)).Create());

        Assert.Equal(WireStatus.StorageDamaged, refused.Status);
        Assert.Equal(shareBefore, Mount(rig).Get(StorageKeys.WrappedShare));
    }

    [Fact]
    public void MissingWalletPublicRecordBesideAShare_MakesCreateWalletRefuse_AndTheShareStays()
    {
        var rig = CreatedWallet();
        var shareBefore = Damage(rig, log => log.Delete(StorageKeys.WalletPublic));

        rig.Finger.TouchEnrolled();
        var refused = Assert.Throws<CardRefusedException>(() => new PhoneWallet(new CardClient(rig.Dispatcher.Dispatch)).Create());

        Assert.Equal(WireStatus.StorageDamaged, refused.Status);
        Assert.Equal(shareBefore, Mount(rig).Get(StorageKeys.WrappedShare));
    }

    [Fact]
    public void WalletPublicRecordOfTheWrongLength_MakesSignAndGetPublicKeyRefuseBeforeAnyTouch()
    {
        var rig = CreatedWallet();
        Damage(rig, log => log.Put(StorageKeys.WalletPublic, new byte[64]));
        var reads = rig.Finger.Reads;

        var sign = Assert.Throws<CardRefusedException>(() => rig.Phone.Sign(RandomNumberGenerator.GetBytes(32), []));
        var publicKey = Assert.Throws<CardRefusedException>(
            () => new CardClient(rig.Dispatcher.Dispatch).Exchange(CommandCode.GetPublicKey, []));

        Assert.Equal(WireStatus.StorageDamaged, sign.Status);
        Assert.Equal(WireStatus.StorageDamaged, publicKey.Status);
        Assert.Equal(reads, rig.Finger.Reads);
    }

    private static WalletRig CreatedWallet()
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();
        return rig;
    }

    /// <summary>Rewrites the flash behind the rig's back, then reboots the rig; returns the sealed share as stored before.</summary>
    private static byte[] Damage(WalletRig rig, Action<RecordLog> damage)
    {
        var log = Mount(rig);
        var share = log.Get(StorageKeys.WrappedShare)!;
        damage(log);
        rig.Rebuild();
        return share;
    }

    private static RecordLog Mount(WalletRig rig) => RecordLog.Mount(rig.Flash, 0, rig.Flash.PageCount);
}
