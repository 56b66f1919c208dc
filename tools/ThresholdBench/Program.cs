using System.Diagnostics;
using System.Security.Cryptography;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

// 2-of-2 DKLs23 between the card (party 1) and the phone (party 2), both in this process on one
// thread. Operation counts are the card's only: counters run while party 1 computes.
// Usage: dotnet run -c Release --project tools/ThresholdBench [keygens] [signatures]
var keygens = args.Length > 0 ? int.Parse(args[0]) : 5;
var signatures = args.Length > 1 ? int.Parse(args[1]) : 20;
var random = new OsRandom();
var card = new CardCost();

KeyShare? cardShare = null, phoneShare = null;
var keygenBytes = new long[3];
var watch = Stopwatch.StartNew();
for (var run = 0; run < keygens; run++)
{
    var sessionId = RandomNumberGenerator.GetBytes(32);
    var c = new DkgParty(2, 1, sessionId, random);
    var p = new DkgParty(2, 2, sessionId, random);
    var c1 = card.Run(c.Start);
    var p1 = p.Start();
    var c2 = card.Run(() => c.Round2(p1));
    var p2 = p.Round2(c1);
    var c3 = card.Run(() => c.Round3(p2));
    var p3 = p.Round3(c2);
    cardShare = card.Run(() => c.Finish(p3));
    phoneShare = p.Finish(c3);
    keygenBytes[0] += Bytes(c1);
    keygenBytes[1] += Bytes(c2);
    keygenBytes[2] += Bytes(c3);
}

var keygenMs = watch.Elapsed.TotalMilliseconds / keygens;
var keygenCard = card.TakeAverage(keygens);

var signBytes = new long[3];
watch.Restart();
for (var run = 0; run < signatures; run++)
{
    var sessionId = RandomNumberGenerator.GetBytes(32);
    var hash = RandomNumberGenerator.GetBytes(32);
    var c = new SignParty(cardShare!, [1, 2], sessionId, null, random);
    var p = new SignParty(phoneShare!, [1, 2], sessionId, null, random);
    var c1 = card.Run(c.Start);
    var p1 = p.Start();
    var c2 = card.Run(() => c.Round2(p1));
    var p2 = p.Round2(c1);
    card.Run(() => { c.Presign(p2); return 0; });
    p.Presign(c2);
    var c3 = card.Run(() => c.SignHash(hash));
    p.SignHash(hash);
    p.Combine(c3);
    signBytes[0] += Bytes(c1);
    signBytes[1] += Bytes(c2);
    signBytes[2] += Bytes(c3);
}

var signMs = watch.Elapsed.TotalMilliseconds / signatures;
var signCard = card.TakeAverage(signatures);

Console.WriteLine($"DKLs23 2-of-2, {keygens} key generations and {signatures} signatures, both parties on one thread of this machine");
Console.WriteLine($"key generation: {keygenMs:F0} ms; card sends per round {keygenBytes[0] / keygens} / {keygenBytes[1] / keygens} / {keygenBytes[2] / keygens} B; exchanged in total (both ways, symmetric) {2 * keygenBytes.Sum() / keygens} B");
Console.WriteLine($"  card operations: {keygenCard}");
Console.WriteLine($"stored key share: {cardShare!.Serialize().Length} B");
Console.WriteLine($"signing: {signMs:F1} ms; card sends per round {signBytes[0] / signatures} / {signBytes[1] / signatures} / {signBytes[2] / signatures} B; exchanged in total {2 * signBytes.Sum() / signatures} B, of which online (after the hash is known) {2 * signBytes[2] / signatures} B");
Console.WriteLine($"  card operations: {signCard}");

static long Bytes(byte[][] messages) => messages.Sum(m => (long)m.Length);

internal sealed class OsRandom : IRandomSource
{
    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}

/// <summary>Accumulates the crypto counters while the card party computes.</summary>
internal sealed class CardCost
{
    private long _pointMuls, _fieldMuls, _fieldInversions, _sha256, _sha512;

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
            _fieldMuls += CryptoCounters.FieldMultiplications;
            _fieldInversions += CryptoCounters.FieldInversions;
            _sha256 += CryptoCounters.Sha256Compressions;
            _sha512 += CryptoCounters.Sha512Compressions;
        }
    }

    public string TakeAverage(int runs)
    {
        var text = $"{_pointMuls / runs} point multiplications, {_fieldMuls / runs} field multiplications, " +
                   $"{_fieldInversions / runs} field inversions, {_sha256 / runs} SHA-256 and {_sha512 / runs} SHA-512 compressions";
        _pointMuls = _fieldMuls = _fieldInversions = _sha256 = _sha512 = 0;
        return text;
    }
}
