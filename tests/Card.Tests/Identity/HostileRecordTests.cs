using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Tests.EndToEnd;
using CardFirmware.Card.Tests.Finger;
using CardFirmware.HalSim.Board;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Identity;

/// <summary>
/// Records an attacker (or a flash fault) writes where the identity and the touch counter live: the
/// card still boots, keeps its identity, and stays reachable for a factory reset.
/// </summary>
public class HostileRecordTests
{
    public static TheoryData<string, byte[]> HostileKeys => new()
    {
        { "zero", new byte[32] },
        { "group order n", Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141") },
        { "all ones", Enumerable.Repeat((byte)0xFF, 32).ToArray() },
        { "short", new byte[31] },
        { "long", new byte[33] },
        { "empty", [] },
        { "another valid key", RandomNumberGenerator.GetBytes(32) },
    };

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public void HostileIdentityRecords_NeitherStopTheBootNorChangeTheIdentity(string name, byte[] value)
    {
        var harness = new CardHarness();
        var identity = harness.CardKey;
        harness.Card.Halt();
        var board = harness.Board.PowerCycle();
        var log = RecordLog.Mount(board.Flash, 0, board.Flash.PageCount);
        log.Put(StorageKeys.RetiredIdentityPrivateKey, value);
        log.Put(StorageKeys.RetiredDeviceSecret, value);
        log.Put(StorageKeys.RetiredFailedTouches, value.Length >= 4 ? value[..4] : value);

        var rebooted = new CardHarness(board);

        Assert.Equal(identity, rebooted.CardKey);
        using (var channel = rebooted.Open(CardHarness.NewPhoneKey()))
        {
            Assert.Equal(identity, new CardClient(channel).GetInfo().IdentityPublicKey);
        }

        var after = RecordLog.Mount(rebooted.Board.Flash, 0, rebooted.Board.Flash.PageCount);
        Assert.False(after.Contains(StorageKeys.RetiredIdentityPrivateKey), name);
        Assert.False(after.Contains(StorageKeys.RetiredDeviceSecret), name);
        Assert.False(after.Contains(StorageKeys.RetiredFailedTouches), name);
    }

    [Fact]
    public void Identity_ComesFromTheChip_SoAFullyErasedFlashKeepsIt()
    {
        var harness = new CardHarness();
        harness.Card.Halt();
        var board = harness.Board.PowerCycle();
        board.Flash.Restore(Enumerable.Repeat((byte)0xFF, board.Flash.Size).ToArray());

        var rebooted = new CardHarness(board);

        Assert.True(rebooted.Card.Firmware.ProvisionedThisBoot);
        Assert.Equal(harness.CardKey, rebooted.CardKey);
        Assert.NotEqual(harness.CardKey, new CardHarness(new SimBoard(new SimBoardOptions { EntropySeed = 7 })).CardKey);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void ForgedTouchCounterRecord_BootsLocked_AndAFactoryResetBringsTheCardBack()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.CreateWallet();
        rig.Card.Halt();
        var log = RecordLog.Mount(rig.Board.Flash, 0, rig.Board.Flash.PageCount);
        var forged = log.Get(StorageKeys.TouchBase);
        forged[3] ^= 1;
        log.Put(StorageKeys.TouchBase, forged);

        var rebooted = rig.Reboot();
        var refused = Assert.Throws<CardRefusedException>(() => rebooted.Sign(SHA256.HashData("forged"u8)));
        rebooted.Touching(null);
        rebooted.Session(client =>
        {
            client.FactoryReset();
            return 0;
        });
        rebooted.Touching(FingerRig.Owner);
        rebooted.Enroll();

        Assert.Equal(WireStatus.Locked, refused.Status);
        Assert.True(rebooted.Info().Enrolled);
    }
}
