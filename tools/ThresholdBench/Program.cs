using System.Diagnostics;
using System.Security.Cryptography;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

// DKLs23 2-of-2 (card = party 1, phone = 2) and 2-of-3 (card, phone, provider = 3), all parties in
// this process on one thread. Times are for all parties together; bytes are counted per sending
// party and round (header included); operation counts are the card's only: counters run while
// party 1 computes.
// One untimed, uncounted run of each case comes first (JIT warm-up).
// Usage: dotnet run -c Release --project tools/ThresholdBench [keygens] [signatures]
var keygens = args.Length > 0 ? int.Parse(args[0]) : 5;
var signatures = args.Length > 1 ? int.Parse(args[1]) : 20;
var random = new OsRandom();
var card = new CardCost();
string[] names = ["card", "phone", "provider"];

Console.WriteLine($"DKLs23, {keygens} key generations and {signatures} signatures per case, all parties on one thread of this machine");
foreach (var n in new[] { 2, 3 })
{
    Console.WriteLine();
    Console.WriteLine($"== 2-of-{n} ==");
    var keygenBytes = new long[n, 3];
    var (shares, keygenMs) = Deal(keygenBytes, sessionId => Enumerable.Range(1, n).Select(i => new DkgParty(n, i, sessionId, random)).ToArray());
    Report("key generation", keygenMs, keygenBytes, n);
    Console.WriteLine($"stored key share: {string.Join(" / ", shares.Select((s, i) => $"{names[i]} {s.Serialize().Length} B"))}");

    var refreshBytes = new long[n, 3];
    var (_, refreshMs) = Deal(refreshBytes, sessionId => shares.Select(s => DkgParty.ForRefresh(s, sessionId, random)).ToArray());
    Report("refresh", refreshMs, refreshBytes, n);
    if (n == 3)
    {
        // The card is lost: phone and provider rebuild a share for a replacement card that knows only the xpub.
        var recoveryBytes = new long[n, 3];
        var (_, recoveryMs) = Deal(recoveryBytes, sessionId => shares.Select(s => s.Index == 1
            ? DkgParty.ForLostParty(n, 1, s.PublicKey(), s.ChainCode, sessionId, random)
            : DkgParty.ForRecovery(s, 1, sessionId, random)).ToArray());
        Report("recovery of the card's share by phone + provider", recoveryMs, recoveryBytes, n);
    }

    var pairs = n == 2 ? new[] { (1, 2) } : new[] { (1, 2), (1, 3), (2, 3) };
    foreach (var (a, b) in pairs)
    {
        var signBytes = new long[2, 3];
        var times = new List<double>();
        var watch = Stopwatch.StartNew();
        for (var run = -1; run < signatures; run++)
        {
            if (run == 0)
            {
                ResetCounts(signBytes);
                card.TakeAverage(1);
                watch.Restart();
            }

            var started = watch.Elapsed.TotalMilliseconds;
            var sessionId = RandomNumberGenerator.GetBytes(32);
            var hash = RandomNumberGenerator.GetBytes(32);
            var idx = new[] { a - 1, b - 1 };
            var signers = idx.Select(i => new SignParty(shares[i], [a, b], sessionId, null, random)).ToArray();
            var r1 = signers.Select((p, k) => Step(idx[k], () => p.Start())).ToArray();
            Count(signBytes, 0, r1);
            var r2 = signers.Select((p, k) => Step(idx[k], () => p.Round2(r1[1 - k]))).ToArray();
            Count(signBytes, 1, r2);
            for (var k = 0; k < 2; k++)
            {
                var p = signers[k];
                Step(idx[k], () => { p.Presign(r2[1 - k]); return 0; });
            }

            var r3 = signers.Select((p, k) => Step(idx[k], () => p.SignHash(hash))).ToArray();
            Count(signBytes, 2, r3);
            var signature = Step(idx[1], () => signers[1].Combine(r3[0]));
            if (signature.Length != 64)
            {
                throw new InvalidOperationException("no signature");
            }

            if (run >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds - started);
            }
        }

        times.Sort();

        var signMs = watch.Elapsed.TotalMilliseconds / signatures;
        var online = (signBytes[0, 2] + signBytes[1, 2]) / signatures;
        var total = Total(signBytes) / signatures;
        Console.WriteLine($"signing {names[a - 1]} + {names[b - 1]}: mean {signMs:F1} ms (median {times[times.Count / 2]:F1}, min {times[0]:F1}); exchanged in total {total} B: presign (rounds 1-2, before the message) {total - online} B, online (round 3) {online} B");
        Console.WriteLine($"  {names[a - 1],-8} sends per round {signBytes[0, 0] / signatures} / {signBytes[0, 1] / signatures} / {signBytes[0, 2] / signatures} B");
        Console.WriteLine($"  {names[b - 1],-8} sends per round {signBytes[1, 0] / signatures} / {signBytes[1, 1] / signatures} / {signBytes[1, 2] / signatures} B");
        Console.WriteLine(a == 1 ? $"  card operations (the other signer combines): {card.TakeAverage(signatures)}" : "  (card not signing)");
    }
}

// Runs a dealing (key generation, refresh or recovery) once untimed, then `keygens` times; returns the last shares and the mean time.
(KeyShare[] shares, double ms) Deal(long[,] bytes, Func<byte[], DkgParty[]> create)
{
    KeyShare[] shares = null!;
    var watch = Stopwatch.StartNew();
    for (var run = -1; run < keygens; run++)
    {
        if (run == 0)
        {
            // Run -1 warms the JIT up and is not counted.
            ResetCounts(bytes);
            card.TakeAverage(1);
            watch.Restart();
        }

        var parties = create(RandomNumberGenerator.GetBytes(32));
        var outboxes = parties.Select((p, i) => Step(i, () => p.Start())).ToArray();
        Count(bytes, 0, outboxes);
        outboxes = parties.Select((p, i) => Step(i, () => p.Round2(InboxOf(outboxes, i + 1)))).ToArray();
        Count(bytes, 1, outboxes);
        outboxes = parties.Select((p, i) => Step(i, () => p.Round3(InboxOf(outboxes, i + 1)))).ToArray();
        Count(bytes, 2, outboxes);
        var last = outboxes;
        shares = parties.Select((p, i) => Step(i, () => p.Finish(InboxOf(last, i + 1)))).ToArray();
    }

    return (shares, watch.Elapsed.TotalMilliseconds / keygens);
}

void Report(string what, double ms, long[,] bytes, int n)
{
    Console.WriteLine($"{what}: {ms:F0} ms; exchanged in total {Total(bytes) / keygens} B");
    for (var i = 0; i < n; i++)
    {
        Console.WriteLine($"  {names[i],-8} sends per round {bytes[i, 0] / keygens} / {bytes[i, 1] / keygens} / {bytes[i, 2] / keygens} B");
    }

    Console.WriteLine($"  card operations: {card.TakeAverage(keygens)}");
}

T Step<T>(int partyIndex, Func<T> step) => partyIndex == 0 ? card.Run(step) : step();

static byte[][] InboxOf(byte[][][] outboxes, int to) =>
    outboxes.SelectMany(o => o).Where(m => m[4] == to).ToArray();

static void Count(long[,] bytes, int round, byte[][][] outboxes)
{
    for (var i = 0; i < outboxes.Length; i++)
    {
        bytes[i, round] += outboxes[i].Sum(m => (long)m.Length);
    }
}

static void ResetCounts(long[,] bytes) => Array.Clear(bytes);

static long Total(long[,] bytes)
{
    long sum = 0;
    foreach (var b in bytes)
    {
        sum += b;
    }

    return sum;
}

internal sealed class OsRandom : IRandomSource
{
    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}

/// <summary>Accumulates the crypto counters while the card party computes.</summary>
internal sealed class CardCost
{
    private long _pointMuls, _scalarMuls, _scalarInversions, _fieldMuls, _fieldInversions, _sha256, _sha512, _aes;

    public T Run<T>(Func<T> step)
    {
        CryptoCounters.Reset();
        CryptoCounters.Enabled = true;
        try
        {
            return step();
        }
        finally
        {
            CryptoCounters.Enabled = false;
            _pointMuls += CryptoCounters.PointMultiplications;
            _scalarMuls += CryptoCounters.ScalarMultiplications;
            _scalarInversions += CryptoCounters.ScalarInversions;
            _fieldMuls += CryptoCounters.FieldMultiplications;
            _fieldInversions += CryptoCounters.FieldInversions;
            _sha256 += CryptoCounters.Sha256Compressions;
            _sha512 += CryptoCounters.Sha512Compressions;
            _aes += CryptoCounters.AesBlocks;
        }
    }

    public string TakeAverage(int runs)
    {
        var text = $"{_pointMuls / runs} point multiplications, {_scalarMuls / runs} scalar (mod n) multiplications, " +
                   $"{_scalarInversions / runs} scalar inversions, {_fieldMuls / runs} field multiplications, " +
                   $"{_fieldInversions / runs} field inversions, {_sha256 / runs} SHA-256 and {_sha512 / runs} SHA-512 compressions, " +
                   $"{_aes / runs} AES blocks";
        _pointMuls = _scalarMuls = _scalarInversions = _fieldMuls = _fieldInversions = _sha256 = _sha512 = _aes = 0;
        return text;
    }
}
