using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Tests.EndToEnd;
using CardFirmware.Host.Attestation;
using CardFirmware.HalSim.Flash;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Update;

/// <summary>
/// Signed firmware updates against a malicious phone: a valid update is activated after the
/// owner's touch; a wrong signature, a lower or equal version, a corrupted or truncated image, an
/// update without the touch, and a power cut at every write, erase and burn of an update each
/// leave the card on a consistent firmware (the old one unless the activation record was
/// committed) with its wallet intact.
/// </summary>
public class FirmwareUpdateTests
{
    private static readonly VendorKey Vendor = VendorKey.DevelopmentRoot();

    private static byte[] Image(int length) => RandomNumberGenerator.GetBytes(length);

    private static void AssertOldFirmwareAndWallet(UpdateRig rig, int slot = 0, int version = 0)
    {
        Assert.Equal(slot, rig.Slots.ActiveSlot);
        Assert.Equal(version, rig.Slots.ActiveVersion);
        Assert.Equal(version, rig.Versions.Value);
        Assert.Equal(rig.WalletKey[..33], rig.Client.Exchange(CommandCode.GetPublicKey, [])[..33]);
    }

    [Fact]
    public void ValidUpdate_IsActivatedAfterTheOwnersTouch_AndTheWalletStillSigns()
    {
        var rig = new UpdateRig();
        var image = Image(5000);
        rig.Wallet.Finger.TouchEnrolled();

        var version = FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(Vendor, 3, image), image);

        Assert.Equal(3, version);
        Assert.Equal(1, rig.Slots.ActiveSlot);
        Assert.Equal(3, rig.Slots.ActiveVersion);
        Assert.Equal(3, rig.Versions.Value);
        var readBack = new byte[image.Length];
        rig.SlotFlash.Read(rig.Slots.SlotSize, readBack, 0, readBack.Length);
        Assert.Equal(image, readBack);
        Assert.True(rig.Reboot());
        rig.Wallet.Finger.TouchEnrolled();
        var hash = RandomNumberGenerator.GetBytes(32);
        Assert.NotNull(rig.Wallet.Phone.Sign(hash, []));

        // The next update goes to the other slot, so the running image is never overwritten.
        var second = Image(3000);
        rig.Wallet.Finger.TouchEnrolled();
        FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(Vendor, 4, second), second);
        Assert.Equal(0, rig.Slots.ActiveSlot);
    }

    [Fact]
    public void SimulatedCard_TakesAnUpdateOverItsChannel_OnTheBoardsFirmwareStore()
    {
        var harness = new CardHarness();
        var image = Image(6000);

        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var version = FirmwareUpdater.Install(new CardClient(channel), FirmwareUpdater.Manifest(Vendor, 1, image), image);

        Assert.Equal(1, version);
        Assert.Equal(1, harness.Card.Firmware.Firmware.ActiveVersion);
        Assert.Equal(1, harness.Board.FirmwareVersionCounter.Value);
        Assert.False(harness.Card.Firmware.FirmwareRollbackDetected);
    }

    [Fact]
    public void Update_SignedByAnotherKey_IsRefused()
    {
        var rig = new UpdateRig();
        var image = Image(2000);

        var refusal = Assert.Throws<CardRefusedException>(() =>
            FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(VendorKey.Generate(), 3, image), image));

        Assert.Equal(WireStatus.UpdateRejected, refusal.Status);
        AssertOldFirmwareAndWallet(rig);
    }

    [Fact]
    public void Update_ToALowerOrEqualVersion_IsRefused()
    {
        var rig = new UpdateRig();
        var image = Image(2000);
        rig.Wallet.Finger.TouchEnrolled();
        FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(Vendor, 5, image), image);

        foreach (var version in new[] { 4, 5 })
        {
            var refusal = Assert.Throws<CardRefusedException>(() =>
                FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(Vendor, version, image), image));
            Assert.Equal(WireStatus.UpdateRejected, refusal.Status);
        }

        AssertOldFirmwareAndWallet(rig, slot: 1, version: 5);
    }

    [Fact]
    public void OlderFlashImage_WrittenBack_IsDetectedByTheVersionCounter()
    {
        var rig = new UpdateRig();
        var before = rig.Wallet.Flash.Snapshot();
        var image = Image(2000);
        rig.Wallet.Finger.TouchEnrolled();
        FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(Vendor, 2, image), image);

        rig.Wallet.Flash.Restore(before);

        Assert.False(rig.Reboot());
        Assert.Equal(0, rig.Slots.ActiveVersion);
        Assert.Equal(2, rig.Versions.Value);
        var replay = Assert.Throws<CardRefusedException>(() =>
            FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(Vendor, 2, image), image));
        Assert.Equal(WireStatus.UpdateRejected, replay.Status);
    }

    [Fact]
    public void CorruptedImage_IsRefusedAtActivation()
    {
        var rig = new UpdateRig();
        var image = Image(4000);
        var manifest = FirmwareUpdater.Manifest(Vendor, 3, image);
        var corrupted = (byte[])image.Clone();
        corrupted[1234] ^= 0x10;
        rig.Wallet.Finger.TouchEnrolled();
        var readsBefore = rig.Wallet.Finger.Reads;

        var refusal = Assert.Throws<CardRefusedException>(() => FirmwareUpdater.Install(rig.Client, manifest, corrupted));

        Assert.Equal(WireStatus.UpdateRejected, refusal.Status);
        // Refused before the touch: the owner is not asked to approve a bad image.
        Assert.Equal(readsBefore, rig.Wallet.Finger.Reads);
        AssertOldFirmwareAndWallet(rig);
    }

    [Fact]
    public void TruncatedImage_CannotBeActivated()
    {
        var rig = new UpdateRig();
        var image = Image(4000);
        var client = rig.Client;
        client.Exchange(CommandCode.UpdateBegin, FirmwareUpdater.Manifest(Vendor, 3, image));
        client.Exchange(CommandCode.UpdateData, [0, 0, 0, 0, .. image[..1000]]);

        var early = Assert.Throws<CardRefusedException>(() => client.Exchange(CommandCode.UpdateActivate, []));
        var gap = Assert.Throws<CardRefusedException>(() => client.Exchange(CommandCode.UpdateData, [0, 0, 0x0B, 0xB8, .. image[3000..]]));
        var beyond = Assert.Throws<CardRefusedException>(() => client.Exchange(CommandCode.UpdateData, [0, 0, 0x03, 0xE8, .. image[1000..], 0]));

        Assert.Equal(WireStatus.NotAllowedNow, early.Status);
        Assert.Equal(WireStatus.MalformedRequest, gap.Status);
        Assert.Equal(WireStatus.MalformedRequest, beyond.Status);
        AssertOldFirmwareAndWallet(rig);
    }

    [Fact]
    public void Update_WithoutTheOwnersTouch_IsNotActivated()
    {
        var rig = new UpdateRig();
        var image = Image(2000);
        rig.Wallet.Finger.Refuse(WireStatus.FingerNotRecognized);

        var refusal = Assert.Throws<CardRefusedException>(() =>
            FirmwareUpdater.Install(rig.Client, FirmwareUpdater.Manifest(Vendor, 3, image), image));

        Assert.Equal(WireStatus.FingerNotRecognized, refusal.Status);
        AssertOldFirmwareAndWallet(rig);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void PowerCut_AtEveryWriteEraseAndBurn_LeavesOldOrNewFirmware_AndTheWallet()
    {
        var image = Image(2 * 4096 + 100);
        var manifest = FirmwareUpdater.Manifest(Vendor, 2, image);
        var cuts = new List<Action<UpdateRig>>();
        for (var erase = 0; erase < 3; erase++)
        {
            var e = erase;
            cuts.Add(r => r.SlotFlash.ArmCutAtErase(e, EraseCutEffect.Partial));
        }

        for (long b = 0; b <= image.Length; b += 509)
        {
            var bytes = b;
            cuts.Add(r => r.SlotFlash.ArmCutAfterBytes(bytes, partialByteAtCut: true));
        }

        for (long b = 0; b < 80; b++)
        {
            var bytes = b;
            cuts.Add(r => r.Wallet.Flash.ArmCutAfterBytes(bytes, partialByteAtCut: true));
        }

        for (long burn = 0; burn < 2; burn++)
        {
            var n = burn;
            cuts.Add(r => r.Versions.ArmCutAtBurn(n, burned: true));
            cuts.Add(r => r.Versions.ArmCutAtBurn(n, burned: false));
        }

        var activated = 0;
        foreach (var arm in cuts)
        {
            var rig = new UpdateRig();
            arm(rig);
            rig.Wallet.Finger.TouchEnrolled();
            try
            {
                FirmwareUpdater.Install(rig.Client, manifest, image);
            }
            catch (CardRefusedException)
            {
            }

            Assert.True(rig.Reboot());
            if (rig.Slots.ActiveVersion == 2)
            {
                activated++;
                var readBack = new byte[image.Length];
                rig.SlotFlash.Read(rig.Slots.SlotSize, readBack, 0, readBack.Length);
                Assert.Equal(image, readBack);
                AssertOldFirmwareAndWallet(rig, slot: 1, version: 2);
            }
            else
            {
                AssertOldFirmwareAndWallet(rig);
                // The phone starts again from the manifest, and the update goes through.
                rig.Wallet.Finger.TouchEnrolled();
                Assert.Equal(2, FirmwareUpdater.Install(rig.Client, manifest, image));
            }
        }

        // Cuts after the activation record committed (at the burns) finish the update at boot.
        Assert.InRange(activated, 1, cuts.Count - 1);
    }
}
