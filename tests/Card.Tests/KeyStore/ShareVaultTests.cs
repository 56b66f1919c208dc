using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.KeyStore;

public class ShareVaultTests
{
    private static readonly DeviceKeys Chip = new(SimEfuse.ProvisionFromSeed(null, 64).Hmac);

    [Fact]
    public void RightFinger_OpensTheShare_AfterAReboot()
    {
        var flash = new SimFlash(4096, 16);
        var finger = RandomNumberGenerator.GetBytes(32);
        var share = RandomNumberGenerator.GetBytes(3000);
        Vault(flash).Store(finger, share);

        var opened = Vault(flash).Open(finger);

        Assert.Equal(share, opened);
    }

    [Fact]
    public void WrongFinger_OpensNothing()
    {
        var flash = new SimFlash(4096, 16);
        Vault(flash).Store(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(100));

        Assert.Null(Vault(flash).Open(RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public void AnotherChipsHmacKey_OpensNothing()
    {
        var flash = new SimFlash(4096, 16);
        var finger = RandomNumberGenerator.GetBytes(32);
        Vault(flash).Store(finger, RandomNumberGenerator.GetBytes(100));

        var otherCard = new ShareVault(RecordLog.Mount(flash, 0, 16), new DeviceKeys(SimEfuse.ProvisionFromSeed(null, 64).Hmac), SimEntropy.Seeded(2));

        Assert.Null(otherCard.Open(finger));
    }

    [Fact]
    public void EveryFlippedBitOfTheRecord_IsRefused()
    {
        var flash = new SimFlash(4096, 16);
        var finger = RandomNumberGenerator.GetBytes(32);
        Vault(flash).Store(finger, RandomNumberGenerator.GetBytes(40));
        var log = RecordLog.Mount(flash, 0, 16);
        var record = log.Get(StorageKeys.WrappedShare);

        for (var bit = 0; bit < record.Length * 8; bit++)
        {
            var tampered = (byte[])record.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            log.Put(StorageKeys.WrappedShare, tampered);

            Assert.Null(new ShareVault(log, Chip, SimEntropy.Seeded(1)).Open(finger));
        }
    }

    [Fact]
    public void PowerCutAtEveryByteOfAReplacement_LeavesTheOldOrTheNewShare()
    {
        var flash = new SimFlash(4096, 16);
        var finger = RandomNumberGenerator.GetBytes(32);
        var oldShare = RandomNumberGenerator.GetBytes(300);
        var newShare = RandomNumberGenerator.GetBytes(300);
        Vault(flash).Store(finger, oldShare);
        var image = flash.Snapshot();
        var before = flash.BytesWritten;
        Vault(flash).Store(finger, newShare);
        var bytes = (int)(flash.BytesWritten - before);

        for (var cut = 0; cut <= bytes; cut++)
        {
            flash.Restore(image);
            flash.PowerOn();
            flash.ArmCutAfterBytes(cut, partialByteAtCut: cut % 2 == 1);
            try
            {
                Vault(flash).Store(finger, newShare);
            }
            catch (PowerLossException)
            {
            }

            flash.Disarm();
            flash.PowerOn();
            var opened = Vault(flash).Open(finger);
            Assert.NotNull(opened);
            Assert.True(opened.AsSpan().SequenceEqual(oldShare) || opened.AsSpan().SequenceEqual(newShare), $"cut at byte {cut}");
        }
    }

    private static ulong _seed;

    // A fresh entropy stream per vault, as on the card: a repeated stream would repeat the nonce.
    private static ShareVault Vault(SimFlash flash) =>
        new(RecordLog.Mount(flash, 0, 16), Chip, SimEntropy.Seeded(Interlocked.Increment(ref _seed)));
}
