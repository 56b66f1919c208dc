using System.Security.Cryptography;
using CardFirmware.Biometrics;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.HalSim.Images;
using CardFirmware.Storage;
using Xunit.Abstractions;

namespace CardFirmware.Card.Tests.Wipe;

/// <summary>
/// The wipe discipline, proven on a real process: after each scenario no live object of the card's
/// process holds a touch's image, the finger key, or the card's secret share (as bytes, or as the
/// little-endian limbs the arithmetic keeps), whatever path the session took.
/// </summary>
public class HeapScanTests(ITestOutputHelper output)
{
    private const int Owner = 5;

    [Theory]
    [InlineData("enroll")]
    [InlineData("sign")]
    [InlineData("abort")]
    [InlineData("disconnect")]
    public void AfterTheSession_NoSecretOrBiometricBytesRemainOnTheHeap(string scenario)
    {
        var canary = RandomNumberGenerator.GetBytes(32);

        var scan = HeapScanner.Run(scenario, canary, (touches, flash) => Secrets(scenario, touches, flash));

        output.WriteLine($"{scenario}: {scan.Touches} touches, {scan.ObjectsScanned} live objects scanned; hits: " +
                         string.Join(", ", scan.Hits.Select(h => $"{h.Pattern} in {h.ObjectType}")));
        Assert.Contains(scan.Hits, h => h.Pattern == "canary");
        Assert.DoesNotContain(scan.Hits, h => h.Pattern != "canary");
    }

    // What the card held during the session, rebuilt from outside: the owner's touches (the
    // simulated holder's touches are deterministic), the finger key reproduced from the flash's
    // helper data, and the share unsealed with the (default) board's eFuse HMAC key.
    private static Dictionary<string, byte[]> Secrets(string scenario, int touches, byte[] flashImage)
    {
        var patterns = new Dictionary<string, byte[]>();
        var source = new SyntheticImageSource(Owner);
        var frames = new List<byte[]>();
        for (var t = 0; t < touches; t++)
        {
            var frame = new byte[SensorFrame.Size];
            source.Capture(t, frame);
            frames.Add(frame);
            foreach (var row in new[] { 64, 96, 128 })
            {
                patterns[$"touch {t} row {row}"] = frame.AsSpan((row * SensorFrame.Width) + 64, 48).ToArray();
            }
        }

        var options = new HalSim.Board.SimBoardOptions();
        var flash = new SimFlash(options.FlashPageSize, options.FlashPages);
        flash.Restore(flashImage);
        var log = RecordLog.Mount(flash, 0, flash.PageCount);
        var helper = log.Get(StorageKeys.FingerHelperData);
        Assert.NotNull(helper);
        var key = FingerKey(helper, frames);
        patterns["finger key"] = key;

        if (scenario != "enroll")
        {
            // The target runs a default board, whose eFuse key comes from the default entropy seed.
            var chip = new DeviceKeys(new HalSim.Board.SimBoard(options).Efuse.Hmac);
            var vault = new ShareVault(log, chip, SimEntropy.OperatingSystem());
            var share = vault.Open(key);
            var secret = share.AsSpan(36, 32).ToArray();
            patterns["share secret"] = secret;
            patterns["share secret limbs"] = secret.Reverse().ToArray();
        }

        return patterns;
    }

    private static byte[] FingerKey(byte[] helper, List<byte[]> frames)
    {
        var extractor = new FingerKeyExtractor();
        foreach (var frame in frames)
        {
            var key = new byte[FingerKeyExtractor.KeyLength];
            if (extractor.Reproduce((byte[])frame.Clone(), helper, key) == ReproduceOutcome.Reproduced)
            {
                return key;
            }
        }

        throw new InvalidOperationException("no touch of the session reproduces the enrolled finger key");
    }
}
