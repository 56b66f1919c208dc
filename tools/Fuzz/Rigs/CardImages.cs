using CardFirmware.Biometrics;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Wallet;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.Fuzz.Rigs;

/// <summary>
/// Flash images of the card at each stage of its life, written by the card's own record writers:
/// provisioned, with a bonded phone, enrolled (helper data, counter), with a wallet (public record
/// and sealed share). The starting corpora of the flash, boot and helper-data targets.
/// </summary>
internal static class CardImages
{
    /// <summary>The card's flash geometry in the boot target (the simulated board's default).</summary>
    public const int PageSize = 4096;

    /// <summary>Number of pages.</summary>
    public const int Pages = 64;

    private static readonly Lazy<byte[]> Helper = new(LockHelperData);

    /// <summary>The enrolled finger's helper data (a fuzzy vault locking <see cref="Fixtures.FingerKey"/>'s finger).</summary>
    public static byte[] HelperDataBytes => Helper.Value;

    /// <summary>Images of a card at each stage, on a flash of <paramref name="pages"/> pages.</summary>
    public static IEnumerable<(string Name, byte[] Image)> All(int pages = 8)
    {
        for (var stage = 0; stage < 4; stage++)
        {
            var flash = new SimFlash(PageSize, pages);
            var log = RecordLog.Mount(flash, 0, pages);
            Populate(log, stage);
            yield return (new[] { "provisioned", "bonded", "enrolled", "wallet" }[stage], flash.Snapshot());
        }
    }

    /// <summary>
    /// Writes the records of stage <paramref name="stage"/> (0 provisioned, 1 + a bonded phone,
    /// 2 + enrolled, 3 + a wallet) to <paramref name="log"/>.
    /// </summary>
    public static void Populate(RecordLog log, int stage)
    {
        var entropy = SimEntropy.Seeded(Fixtures.CardSeed);
        var identity = CardIdentity.Derive(Fixtures.Keys, Fixtures.Curve);
        if (stage >= 1)
        {
            new BondList(log, 4).Add(Fixtures.PublicKey(Fixtures.PhoneStaticKey));
        }

        if (stage >= 2)
        {
            log.Put(StorageKeys.FingerHelperData, HelperDataBytes);
            new TouchCounter(log, Fixtures.Chip().Counter, Fixtures.Keys, 5).Reset(HelperDataBytes);
        }

        if (stage >= 3)
        {
            var share = ThresholdRig.Honest.CardShare;
            WalletRecord.Write(log, share.PublicKey(), share.ChainCode);
            var serialized = share.Serialize();
            new ShareVault(log, Fixtures.Keys, entropy).Store(Fixtures.FingerKey, serialized);
            Array.Clear(serialized);
        }

        identity.Dispose();
    }

    /// <summary>The bytes of <paramref name="image"/> from <paramref name="offset"/> up to its last programmed byte within <paramref name="length"/>.</summary>
    public static byte[] TrimErased(byte[] image, int offset, int length)
    {
        var end = offset + length;
        while (end > offset && image[end - 1] == 0xFF)
        {
            end--;
        }

        return image.AsSpan(offset, end - offset).ToArray();
    }

    private static byte[] LockHelperData()
    {
        var vault = new FuzzyVault(FuzzyVault.DefaultK);
        var helper = new HelperData();
        var genuine = new uint[60];
        for (var i = 0; i < genuine.Length; i++)
        {
            genuine[i] = (uint)(1000 + (i * 977));
        }

        var key = new byte[32];
        vault.Lock(genuine, genuine.Length, Fixtures.Key("helper entropy"), helper, key);
        var bytes = helper.ToBytes();
        helper.Clear();
        return bytes;
    }
}
