using CardFirmware.Biometrics;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Wallet;
using CardFirmware.Fuzz.Rigs;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The record log mounting a hostile flash image, then the card's readers of its records (bond
/// list, failed-touch counter, wallet record, sealed share, helper data) and the log's own writes
/// over it. Input: chunks; the first is written at the start of area A, the second at the start of
/// area B (16 pages of 4 KiB, two areas), the rest of the flash is erased. Invariants: a value put
/// reads back, and every key the log held before a compaction holds the same value after it and
/// after a remount (nothing lost or rolled back by writing over hostile bytes).
/// </summary>
internal sealed class FlashTarget : FuzzTarget
{
    private const int PageSize = 4096;
    private const int Pages = 16;
    private const int ProbeKey = 0x4242;

    public override string Name => "flash";

    public override string Description => "RecordLog.Mount over a hostile image, the card's record readers, put/compact/remount";

    public override void Run(byte[] input)
    {
        var flash = Image(Chunks.Split(input, 0));
        RecordLog log;
        try
        {
            log = RecordLog.Mount(flash, 0, Pages);
        }
        catch (StorageException)
        {
            return;
        }

        ReadEveryRecord(log);
        ReadAsTheCard(log);
        try
        {
            log.Put(ProbeKey, [1, 2, 3, 4, 5]);
            if (!log.Get(ProbeKey).AsSpan().SequenceEqual(new byte[] { 1, 2, 3, 4, 5 }))
            {
                throw new FuzzFinding("A value put on the hostile image reads back differently.");
            }

            var before = Contents(log);
            log.Compact();
            Expect(before, Contents(log), "compaction");
            Expect(before, Contents(RecordLog.Mount(flash, 0, Pages)), "compaction and remount");
        }
        catch (StorageException)
        {
            // Full, or a record too damaged to copy: refused by type, checked no further.
        }
    }

    /// <summary>A flash image: the chunks at the start of each area, the rest erased.</summary>
    internal static SimFlash Image(List<byte[]> chunks, int pageSize = PageSize, int pages = Pages)
    {
        var flash = new SimFlash(pageSize, pages);
        var image = new byte[pageSize * pages];
        Lay(chunks, image, pageSize * (pages / 2));
        flash.Restore(image);
        return flash;
    }

    /// <summary>Overwrites <paramref name="image"/> with the chunks at the start of each area of <paramref name="area"/> bytes, the rest erased.</summary>
    internal static void Lay(List<byte[]> chunks, byte[] image, int area)
    {
        Array.Fill(image, (byte)0xFF);
        for (var c = 0; c < chunks.Count && c < 2; c++)
        {
            var length = Math.Min(chunks[c].Length, area);
            Array.Copy(chunks[c], 0, image, c * area, length);
        }
    }

    private static void ReadEveryRecord(RecordLog log)
    {
        for (var i = 0; i < log.Count; i++)
        {
            var key = log.KeyAt(i);
            var value = log.Get(key);
            if (value.Length != log.GetLength(key))
            {
                throw new FuzzFinding("Record " + key + " reads " + value.Length + " bytes but reports " + log.GetLength(key) + ".");
            }
        }
    }

    private static void ReadAsTheCard(RecordLog log)
    {
        try
        {
            FactoryReset.Boot(log);
        }
        catch (StorageException)
        {
        }

        try
        {
            _ = new BondList(log, 4);
        }
        catch (StorageException)
        {
        }

        try
        {
            _ = new TouchCounter(log, Fixtures.Chip().Counter, Fixtures.Keys, 5).Failures;
        }
        catch (StorageException)
        {
        }

        try
        {
            _ = WalletRecord.Read(log);
        }
        catch (StorageException)
        {
        }

        try
        {
            // The card opens the share with the device secret of its own eFuse HMAC key.
            var vault = new ShareVault(log, Fixtures.Keys, SimEntropy.Seeded(Fixtures.CardSeed));
            if (vault.HasShare)
            {
                var opened = vault.Open(Fixtures.FingerKey);
                if (opened != null)
                {
                    CardFirmware.Crypto.Threshold.KeyShare.Deserialize(opened).Clear();
                }
            }
        }
        catch (Exception e) when (TypedErrors.IsTyped(e))
        {
        }

        if (log.Contains(StorageKeys.FingerHelperData))
        {
            var helper = new HelperData();
            try
            {
                helper.Parse(new RecordHelperData(log, StorageKeys.FingerHelperData));
            }
            catch (Exception e) when (TypedErrors.IsTyped(e))
            {
            }
            finally
            {
                helper.Clear();
            }
        }
    }

    private static Dictionary<int, byte[]> Contents(RecordLog log)
    {
        var contents = new Dictionary<int, byte[]>();
        for (var i = 0; i < log.Count; i++)
        {
            var key = log.KeyAt(i);
            contents[key] = log.Get(key);
        }

        return contents;
    }

    private static void Expect(Dictionary<int, byte[]> before, Dictionary<int, byte[]> after, string step)
    {
        foreach (var (key, value) in before)
        {
            if (!after.TryGetValue(key, out var now) || !now.AsSpan().SequenceEqual(value))
            {
                throw new FuzzFinding("Record " + key + " changed or vanished after " + step + ".");
            }
        }

        if (after.Count != before.Count)
        {
            throw new FuzzFinding("The log holds " + after.Count + " keys after " + step + ", " + before.Count + " before.");
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        foreach (var (name, image) in CardImages.All(Pages))
        {
            yield return (name, Chunks.Join([], [CardImages.TrimErased(image, 0, PageSize * Pages / 2), []]));
        }
    }
}
