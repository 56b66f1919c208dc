using System.Numerics;
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
/// The wipe discipline, proven on a real process: after each scenario no byte of the card's managed
/// heap, live, dead or free, holds a touch's image or minutiae, the finger key, the card's OT seeds, or
/// its secret share or the multiple of it that signing uses (as bytes, or as the little-endian limbs
/// the arithmetic keeps), whatever path the session took.
/// </summary>
public class HeapScanTests(ITestOutputHelper output)
{
    private const int Owner = 5;

    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData("enroll")]
    [InlineData("sign")]
    [InlineData("abort")]
    [InlineData("disconnect")]
    public void AfterTheSession_NoSecretOrBiometricBytesRemainOnTheHeap(string scenario)
    {
        var canary = RandomNumberGenerator.GetBytes(32);

        var scan = HeapScanner.Run(scenario, canary, (touches, flash) => Secrets(scenario, touches, flash));

        output.WriteLine($"{scenario}: {scan.Touches} touches, {scan.ObjectsScanned} objects walked ({scan.DeadObjects} dead), " +
                         $"{scan.BytesScanned} committed heap bytes searched ({scan.BytesAllocated} allocated, none collected); hits: " +
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

            AddFeatures(patterns, t, frame);
        }

        var options = new HalSim.Board.SimBoardOptions();
        var flash = new SimFlash(options.FlashPageSize, options.FlashPages);
        flash.Restore(flashImage);
        var log = RecordLog.Mount(flash, 0, flash.PageCount);
        var helper = log.Get(StorageKeys.FingerHelperData);
        Assert.NotNull(helper);
        var key = FingerKey(helper, frames);
        patterns["finger key"] = key;
        // The target runs a default board, whose eFuse key comes from the default entropy seed.
        var chip = new DeviceKeys(new HalSim.Board.SimBoard(options).Efuse.Hmac);
        var deviceSecret = new byte[DeviceKeys.Size];
        chip.DeviceSecret(deviceSecret);
        // ShareVault's wrap key: HKDF-SHA256(salt = device secret from the eFuse HMAC key, ikm = finger key, info = "CardFirmware/share-wrap/2").
        patterns["share wrap key"] = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, deviceSecret, "CardFirmware/share-wrap/2"u8.ToArray());
        Assert.Contains(patterns.Keys, name => name.Contains("minutiae", StringComparison.Ordinal));

        if (scenario != "enroll")
        {
            var vault = new ShareVault(log, chip, SimEntropy.OperatingSystem());
            var share = vault.Open(key);
            var record = log.Get(StorageKeys.WrappedShare);
            var opened = new byte[share.Length];
            using (var aead = new ChaCha20Poly1305(patterns["share wrap key"]))
            {
                // The wrap-key pattern is the card's key: it opens the sealed share (version | nonce | ciphertext | tag).
                aead.Decrypt(record.AsSpan(1, 12), record.AsSpan(13, share.Length), record.AsSpan(13 + share.Length, 16), opened, [record[0]]);
            }

            Assert.Equal(share, opened);
            var secret = share.AsSpan(36, 32).ToArray();
            patterns["share secret"] = secret;
            patterns["share secret limbs"] = secret.Reverse().ToArray();

            // The card signs as party 1 with the phone (party 2) on the root key: its effective share is
            // λ_1·x = 2/(2 − 1)·x = 2x mod n (SignParty), the value the reviewed code left in dead arrays.
            var doubled = BigInteger.Remainder(2 * new BigInteger(secret, isUnsigned: true, isBigEndian: true), Order);
            var doubledBytes = doubled.ToByteArray(isUnsigned: true, isBigEndian: true);
            var lambdaShare = new byte[32];
            doubledBytes.CopyTo(lambdaShare, 32 - doubledBytes.Length);
            // The OT setup with the phone (KeyShare format, 2-of-2: the pair record after the two public
            // shares at 199: peer(1), Bob's seeds k0 and k1, Alice's Δ, Alice's seeds, 192 × 16 bytes each).
            // The phone holds one seed of every pair k0/k1 (the one its Δ picks) and all of Alice's seeds,
            // so only what it never sees is searched: Δ, and runs of 32 seeds of k0 and of k1 (the
            // phone's seeds show such a run only if 32 bits of its Δ agree, probability 2^-32).
            const int pair = 4 + 32 + 32 + 33 + 32 + (2 * 33) + 1;
            patterns["OT seeds k0 (32 of them)"] = share.AsSpan(pair, 512).ToArray();
            patterns["OT seeds k1 (32 of them)"] = share.AsSpan(pair + 3072, 512).ToArray();
            patterns["OT delta"] = share.AsSpan(pair + 6144, 24).ToArray();
            patterns["2x share (lambda*share)"] = lambdaShare;
            patterns["2x share (lambda*share) limbs"] = lambdaShare.Reverse().ToArray();
        }

        return patterns;
    }

    // The touch's features as the card's pipeline holds them: the skeleton image it thins the frame
    // into, and the minutiae's coordinates.
    private static void AddFeatures(Dictionary<string, byte[]> patterns, int touch, byte[] frame)
    {
        var analyzer = new CaptureAnalyzer();
        var work = (byte[])frame.Clone();
        if (analyzer.Analyse(work) != QualityError.None || analyzer.Work.Minutiae.Count < 12)
        {
            return;
        }

        var skeleton = work.AsSpan((96 * SensorFrame.Width) + 64, 48).ToArray();
        if (skeleton.Count(b => b == 0) >= 8 && skeleton.Count(b => b != 0) >= 8)
        {
            // A row of one colour would match any blank memory; a row crossing ridges is the touch's own.
            patterns[$"touch {touch} skeleton row 96"] = skeleton;
        }

        patterns[$"touch {touch} minutiae x"] = analyzer.Work.Minutiae.X.AsSpan(0, 12).ToArray();
        patterns[$"touch {touch} minutiae y"] = analyzer.Work.Minutiae.Y.AsSpan(0, 12).ToArray();
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
