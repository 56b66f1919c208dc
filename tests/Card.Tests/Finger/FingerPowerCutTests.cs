using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.HalSim.Flash;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;
using Xunit.Abstractions;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>
/// A power cut (a torn write, then no power) at every flash write of enroll, of a failed touch (whose
/// only write is the burn of its one-way counter bit, cut before and after the bit), of a signature,
/// of unpair and of a factory reset: after reboot the card is in the old or the new state, its share
/// intact and its failed-touch count never lower than before.
/// </summary>
public class FingerPowerCutTests(ITestOutputHelper output)
{
    [Trait("Category", "Slow")]
    [Fact]
    public void Enroll_CutAtEveryWrite_LeavesTheCardNotEnrolledOrFullyEnrolled()
    {
        var fresh = new FingerRig();
        fresh.Info();
        var before = fresh.Image();

        var cuts = Sweep(before, fresh.PhoneKey, rig => rig.Enroll(), (rig, _) =>
        {
            if (rig.Info().Enrolled)
            {
                // Fully enrolled: the owner's touch opens the way to a wallet and a signature.
                rig.CreateWallet();
                var hash = SHA256.HashData("after the cut"u8);
                Assert.True(BouncyCastleEcdsa.Verify(rig.PhoneShare!.PublicKey(), hash, rig.Sign(hash)));
            }
            else
            {
                rig.Enroll();
                Assert.True(rig.Info().Enrolled);
            }
        });

        output.WriteLine($"enroll: {cuts} cut points");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void CreateWallet_CutAtEveryWrite_LeavesNoWallet_AndAFreshCreationSigns()
    {
        var enrolled = new FingerRig();
        enrolled.Enroll();
        var before = enrolled.Image();

        var cuts = Sweep(before, enrolled.PhoneKey, rig => rig.CreateWallet(), (rig, cutImage) =>
        {
            // The phone never got the card's last reply, so no wallet may exist on the card; the
            // touch the card took may stay charged, and a fresh creation then signs.
            Assert.False(rig.Info().HasWallet);
            Assert.InRange(FailedTouches(rig), 0, 1);
            rig.CreateWallet();
            var hash = SHA256.HashData("after the cut"u8);
            Assert.True(BouncyCastleEcdsa.Verify(rig.PhoneShare!.PublicKey(), hash, rig.Sign(hash)));
        });

        output.WriteLine($"create wallet: {cuts} cut points");
    }

    [Fact]
    public void FailedTouch_CutAtEveryWrite_NeverRollsTheCountBack()
    {
        var (before, phone, share) = WalletCard();
        var failuresBefore = FailedTouches(new FingerRig(image: before, phoneKey: phone));

        var cuts = Sweep(before, phone, rig =>
        {
            rig.PhoneShare = share;
            rig.Touching(FingerRig.Stranger);
            var refused = Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData("stranger"u8)));
            Assert.Equal(WireStatus.FingerNotRecognized, refused.Status);
        }, (rig, _) => Assert.InRange(FailedTouches(rig), failuresBefore, failuresBefore + 1), cutFuseBurns: true);

        output.WriteLine($"failed touch: {cuts} cut points (count before: {failuresBefore})");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Sign_CutAtEveryWrite_KeepsTheShare()
    {
        var (before, phone, share) = WalletCard();

        var cuts = Sweep(before, phone, rig =>
        {
            rig.PhoneShare = share;
            rig.Sign(SHA256.HashData("cut while signing"u8));
        }, (rig, cutImage) =>
        {
            Assert.InRange(FailedTouches(rig), 0, 1);
            rig.PhoneShare = share;
            var hash = SHA256.HashData("after the cut"u8);
            Assert.True(BouncyCastleEcdsa.Verify(share.PublicKey(), hash, rig.Sign(hash)));
        });

        output.WriteLine($"sign: {cuts} cut points");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Unpair_CutAtEveryWrite_LeavesThePhoneBondedOrUnbonded()
    {
        var (before, phone, share) = WalletCard();

        var cuts = Sweep(before, phone, rig => rig.Session(client => client.Exchange(CommandCode.Unpair, [])), (rig, _) =>
        {
            rig.PhoneShare = share;
            try
            {
                // Still bonded: the phone signs as before.
                rig.Touching(null);
                rig.Info();
                rig.Touching(FingerRig.Owner);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // Unbonded: the phone is admitted again only after the owner's touch.
                rig.Touching(FingerRig.Owner);
            }

            var hash = SHA256.HashData("after the cut"u8);
            Assert.True(BouncyCastleEcdsa.Verify(share.PublicKey(), hash, rig.Sign(hash)));
        });

        output.WriteLine($"unpair: {cuts} cut points");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void FactoryReset_CutAtEveryWrite_LeavesTheOldCardOrAFreshOne()
    {
        var (before, phone, share) = WalletCard();

        var cuts = Sweep(before, phone, rig => rig.Session(client =>
        {
            client.FactoryReset();
            return 0;
        }), (rig, _) =>
        {
            rig.PhoneShare = share;
            var info = rig.Info();
            if (info.HasWallet)
            {
                var hash = SHA256.HashData("after the cut"u8);
                Assert.True(BouncyCastleEcdsa.Verify(share.PublicKey(), hash, rig.Sign(hash)));
            }
            else
            {
                Assert.False(info.Enrolled);
            }
        });

        output.WriteLine($"factory reset: {cuts} cut points");
    }

    /// <summary>An enrolled card with a wallet: its flash image, the phone's key and share.</summary>
    private static (CardImage Image, byte[] Phone, Crypto.Threshold.KeyShare Share) WalletCard()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.CreateWallet();
        return (rig.Image(), rig.PhoneKey, rig.PhoneShare!);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> once to count its flash writes, then once per write with a
    /// torn write there (and, with <paramref name="cutFuseBurns"/>, once per one-way counter burn
    /// with the power cut before and after the bit); reboots on the cut flash and runs
    /// <paramref name="check"/>. Returns the cut points tried.
    /// </summary>
    private static int Sweep(CardImage before, byte[] phoneKey, Action<FingerRig> operation, Action<FingerRig, byte[]> check,
        bool cutFuseBurns = false)
    {
        var probe = new FingerRig(image: before, phoneKey: phoneKey);
        var writesBefore = probe.Board.Flash.WriteCalls;
        var burnsBefore = probe.Board.Efuse.Counter.Value;
        operation(probe);
        var writes = (int)(probe.Board.Flash.WriteCalls - writesBefore);
        var burns = cutFuseBurns ? probe.Board.Efuse.Counter.Value - burnsBefore : 0;
        Assert.True(writes + burns > 0, "the operation wrote and burned nothing");
        Assert.True(!cutFuseBurns || burns > 0, "the operation burned nothing");

        for (var cut = -2 * burns; cut < writes; cut++)
        {
            var rig = new FingerRig(image: before, phoneKey: phoneKey);
            if (cut < 0)
            {
                rig.Board.Efuse.Counter.ArmCutAtBurn((-cut - 1) / 2, burned: cut % 2 == 0);
            }
            else
            {
                rig.Board.Flash.ArmTornWrite(cut);
            }

            try
            {
                operation(rig);
            }
            catch (Exception)
            {
                // The cut surfaces wherever the phone was waiting; only the flash matters now.
            }

            Assert.True(rig.Board.Flash.IsPoweredOff, $"write {cut} was not cut");
            var rebooted = rig.Reboot();
            check(rebooted, rebooted.Board.Flash.Snapshot());
        }

        return writes + (2 * burns);
    }

    // The card's own count (bits burned on its one-way counter minus the tagged base in its flash).
    private static int FailedTouches(FingerRig rig)
    {
        var board = rig.Board;
        var counter = new TouchCounter(RecordLog.Mount(board.Flash, 0, board.Flash.PageCount), board.Efuse.Counter,
            new DeviceKeys(board.Efuse.Hmac), rig.Config.MaxFailedTouches);
        Assert.False(counter.IsDamaged);
        return counter.Failures;
    }
}
