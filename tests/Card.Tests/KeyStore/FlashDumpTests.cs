using CardFirmware.Biometrics;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Tests.EndToEnd;
using CardFirmware.Card.Tests.Finger;
using CardFirmware.Crypto;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.HalSim.Images;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.KeyStore;

/// <summary>
/// What a thief with a flash dump can do offline: nothing that tests a guess. Even holding the
/// enrolled finger's key itself (the best any helper-data brute force could reach), the dump does
/// not open the share without the card's eFuse HMAC key; on the card it opens.
/// </summary>
public class FlashDumpTests
{
    [Trait("Category", "Slow")]
    [Fact]
    public void DumpPlusHelperDataPlusTheRightFingerKey_OpensTheShareOnlyThroughTheChipsHmac()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.CreateWallet();
        var dump = rig.Image().Flash;
        var log = Mount(dump);
        var fingerKey = ReproduceOwnersKey(log.Get(StorageKeys.FingerHelperData));
        var record = log.Get(StorageKeys.WrappedShare);

        // Offline: every 32-byte string anywhere in the card's records as the HKDF salt (the old
        // design kept the device secret there), and another chip's HMAC key.
        var candidates = 0;
        for (var position = 0; position < log.Count; position++)
        {
            var value = log.Get(log.KeyAt(position));
            for (var at = 0; at + 32 <= value.Length; at++)
            {
                Assert.False(OpensWithSalt(record, value.AsSpan(at, 32).ToArray(), fingerKey), $"record {log.KeyAt(position)} at {at}");
                candidates++;
            }
        }

        var otherChip = new DeviceKeys(SimEfuse.ProvisionFromSeed(null, 8).Hmac);
        Assert.Null(new ShareVault(log, otherChip, SimEntropy.OperatingSystem()).Open(fingerKey));

        var onTheCard = new ShareVault(log, new DeviceKeys(rig.Board.Efuse.Hmac), SimEntropy.OperatingSystem()).Open(fingerKey);
        Assert.NotNull(onTheCard);
        Assert.True(candidates > 9000, $"only {candidates} candidate salts tried");
    }

    [Fact]
    public void FlashImage_HoldsNoIdentityKeyDeviceSecretOrEfuseKey()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.CreateWallet();
        var dump = rig.Image().Flash;
        var keys = new DeviceKeys(rig.Board.Efuse.Hmac);
        using var identity = CardIdentity.Derive(keys, TestCurve.Create());
        var deviceSecret = new byte[32];
        keys.DeviceSecret(deviceSecret);
        var efuseKey = rig.Board.Efuse.Snapshot().AsSpan(1, SimEfuse.KeySize).ToArray();

        Assert.Equal(rig.CardKey, identity.PublicKey());
        Assert.Equal(-1, dump.AsSpan().IndexOf(identity.PrivateKey));
        Assert.Equal(-1, dump.AsSpan().IndexOf(deviceSecret));
        Assert.Equal(-1, dump.AsSpan().IndexOf(efuseKey));
    }

    // The attacker's trial: HKDF(salt, finger key, share-wrap info), then the AEAD tag decides.
    private static bool OpensWithSalt(byte[] record, byte[] salt, byte[] fingerKey)
    {
        foreach (var version in new[] { "1"u8.ToArray(), "2"u8.ToArray() })
        {
            var info = "CardFirmware/share-wrap/"u8.ToArray().Concat(version).ToArray();
            var wrapKey = Hkdf.DeriveKey(salt, fingerKey, info, 32);
            var nonce = record.AsSpan(1, ChaCha20Poly1305.NonceSize).ToArray();
            var output = new byte[record.Length - 1 - ChaCha20Poly1305.NonceSize - ChaCha20Poly1305.TagSize];
            if (ChaCha20Poly1305.Decrypt(wrapKey, nonce, [record[0]], record, 1 + nonce.Length, record.Length - 1 - nonce.Length, output, 0))
            {
                return true;
            }
        }

        return false;
    }

    private static RecordLog Mount(byte[] image)
    {
        var flash = new SimFlash(4096, 64);
        flash.Restore(image);
        return RecordLog.Mount(flash, 0, flash.PageCount);
    }

    private static byte[] ReproduceOwnersKey(byte[] helperData)
    {
        var source = new SyntheticImageSource(FingerRig.Owner);
        var extractor = new FingerKeyExtractor();
        for (var touch = 0; touch < 24; touch++)
        {
            var frame = new byte[SensorFrame.Size];
            source.Capture(touch, frame);
            var key = new byte[FingerKeyExtractor.KeyLength];
            if (extractor.Reproduce(frame, helperData, key) == ReproduceOutcome.Reproduced)
            {
                return key;
            }
        }

        throw new InvalidOperationException("no touch of the owner reproduces the enrolled finger key");
    }
}
