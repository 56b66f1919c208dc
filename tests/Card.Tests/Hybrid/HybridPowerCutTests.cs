using System.Security.Cryptography;
using CardFirmware.Card.Hybrid;
using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto.Threshold;
using CardFirmware.HalSim.Flash;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Hybrid;

/// <summary>
/// Power cut at points across the storage writes of the 2-of-3 commands' last round (provider key, wallet record,
/// sealed share; for a refresh the share and the two compactions that erase the old one). After the reboot the card
/// holds no wallet at all, or one whole wallet: a share that opens for the finger, of the recorded key, with the provider's key.
/// </summary>
[Trait("Category", "Slow")]
public class HybridPowerCutTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(40L)]
    [InlineData(90L)]
    [InlineData(150L)]
    [InlineData(9_000L)]
    [InlineData(18_800L)]
    [InlineData(1_000_000L)]
    public void CutDuringCreation_LeavesNoWalletOrAWholeOne(long cut)
    {
        var rig = new HybridRig(create: false);
        rig.Card.Tamper = ArmAtRoundFour(rig.Card, CommandCode.HybridCreateWallet, cut);
        rig.Card.Finger.TouchEnrolled();
        var completed = Completes(() => rig.Phone.Create());

        Reboot(rig.Card);
        var wallet = WholeWalletOrNone(rig.Card);
        Assert.True(cut < 1_000_000L || completed);
        if (!completed && wallet is null)
        {
            // Nothing left behind: a new wallet can be made.
            rig.Card.Finger.TouchEnrolled();
            rig.Phone.Create();
            Assert.NotNull(WholeWalletOrNone(rig.Card));
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(100L)]
    [InlineData(18_900L)]
    [InlineData(25_000L)]
    [InlineData(60_000L)]
    [InlineData(100_000L)]
    [InlineData(10_000_000L)]
    public void CutDuringRefresh_LeavesTheOldShareOrTheNewOne_AndTheWallet(long cut)
    {
        var rig = new HybridRig();
        var xpub = rig.Xpub;
        rig.Card.Tamper = ArmAtRoundFour(rig.Card, CommandCode.HybridRefresh, cut);
        rig.Card.Finger.TouchEnrolled();
        Completes(() => rig.Phone.Refresh());

        Reboot(rig.Card);
        var share = WholeWalletOrNone(rig.Card);
        Assert.NotNull(share);
        Assert.Equal(xpub[..33], share.PublicKey());
    }

    private static Func<byte[], byte[]> ArmAtRoundFour(HybridCard card, CommandCode command, long cut) => request =>
    {
        if (request[1] == (byte)command && request[4] == 4)
        {
            card.Flash.ArmCutAfterBytes(cut, partialByteAtCut: cut % 2 == 1);
        }

        return request;
    };

    private static bool Completes(Action run)
    {
        try
        {
            run();
            return true;
        }
        catch (Exception e) when (e is CardRefusedException or PowerLossException or InvalidDataException)
        {
            return false;
        }
    }

    private static void Reboot(HybridCard card)
    {
        card.Flash.PowerOn();
        card.Tamper = request => request;
        card.Rebuild();
    }

    /// <summary>The stored share when the card holds a whole 2-of-3 wallet, null when it holds none; fails on anything in between.</summary>
    private static KeyShare? WholeWalletOrNone(HybridCard card)
    {
        var record = WalletRecord.Read(card.Log);
        if (record is null)
        {
            Assert.False(card.Log.Contains(StorageKeys.WalletPublic));
            Assert.False(card.Log.Contains(StorageKeys.HybridProvider));
            Assert.False(card.Log.Contains(StorageKeys.WrappedShare));
            return null;
        }

        Assert.NotNull(ProviderKeyRecord.Read(card.Log));
        var share = card.Context.Vault.OpenShare(card.FingerKey, ManagedArithmeticBackend.Instance);
        Assert.Equal(3, share.Parties);
        Assert.Equal(1, share.Index);
        Assert.Equal(record[..33], share.PublicKey());
        Assert.Equal(record[33..], share.ChainCode);
        return share;
    }
}
