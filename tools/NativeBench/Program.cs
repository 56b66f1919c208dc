using System.Diagnostics;
using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;
using CardFirmware.Crypto.Threshold;

// Managed vs native backend, side by side in one run, per primitive (operations per second on this
// desktop), and what one DKLs23 signature's arithmetic costs on each (issue 14's per-signature counts).
// Usage: dotnet run -c Release --project tools/NativeBench [-- seconds-per-measurement]
var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0.5;
var module = PInvokeNativeModule.TryCreate(out var reason);
if (module is null)
{
    Console.WriteLine($"native backend unavailable: {reason}");
    return 1;
}

var backends = new (string Name, IArithmeticBackend Backend)[]
{
    ("managed", ManagedArithmeticBackend.Instance),
    ("native", new NativeArithmeticBackend(module)),
};

var random = new Random(14);
byte[] Bytes(int n)
{
    var b = new byte[n];
    random.NextBytes(b);
    return b;
}

byte[] Scalars(int count)
{
    var v = Bytes(32 * count);
    for (var i = 0; i < count; i++)
    {
        v[32 * i] &= 0x7F; // below n
    }

    return v;
}

const int Batch = 64;
var oneBlockMessages = Bytes(55 * Batch); // 55 bytes + padding = one compression each
var hashOut = new byte[32 * Batch];
var a = Scalars(Batch);
var b = Scalars(Batch);
var products = new byte[32 * Batch];
var sum = new byte[32];
var rows = Bytes(24 * Params.ExtendedBatch);
var chi = Bytes(24 * Params.ExtendedBatch);
var gfOut = new byte[24];
var columns = Bytes(Params.OtWidth * Params.ColumnBytes);
var matrix = new byte[Params.ExtendedBatch * Params.RowBytes];
var k = Scalars(1);
var point = new byte[33];
ManagedArithmeticBackend.Instance.BaseMul(k, point);
var pointOut = new byte[33];
var hmacKey = Bytes(32);
var hmacData = Bytes(64);

var primitives = new (string Name, string Unit, int PerCall, Action<IArithmeticBackend> Call)[]
{
    ("SHA-256 compression (Sha256Many, 64 one-block messages)", "compressions", Batch, x => x.Sha256Many(oneBlockMessages, 55, Batch, hashOut)),
    ("HMAC-SHA256, 64-byte message", "MACs", 1, x => x.HmacSha256(hmacKey, hmacData, 0, 64, sum, 0)),
    ("mod-n multiplication (ModNMul, 64 pairs)", "multiplications", Batch, x => x.ModNMul(a, b, Batch, products)),
    ("mod-n multiply-accumulate (ModNInnerProduct, 64 terms)", "terms", Batch, x => x.ModNInnerProduct(a, b, Batch, sum)),
    ("GF(2^192) row multiply-accumulate (608 rows)", "rows", Params.ExtendedBatch, x => x.Gf192MulAccumulate(rows, chi, Params.ExtendedBatch, gfOut)),
    ("bit-matrix transpose (192 x 608)", "transposes", 1, x => x.TransposeColumnsToRows(columns, matrix)),
    ("point multiplication k*P", "point multiplications", 1, x => x.PointMul(k, point, pointOut)),
    ("base-point multiplication k*G", "base multiplications", 1, x => x.BaseMul(k, pointOut)),
};

var rates = new Dictionary<(string, string), double>();
Console.WriteLine($"{"primitive",-58} {"managed/s",14} {"native/s",14} {"speed-up",9}");
foreach (var (name, unit, perCall, call) in primitives)
{
    var line = new List<double>();
    foreach (var (backendName, backend) in backends)
    {
        call(backend); // warm up (JIT, tables)
        var sw = Stopwatch.StartNew();
        long calls = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            call(backend);
            calls++;
        }

        var rate = calls * perCall / sw.Elapsed.TotalSeconds;
        rates[(name, backendName)] = rate;
        line.Add(rate);
    }

    Console.WriteLine($"{name,-58} {line[0],14:N0} {line[1],14:N0} {line[1] / line[0],8:N1}x");
}

// Issue 14's per-signature counts: 10,454 SHA-256 compressions, 3,346 mod-n multiplications, 14 point multiplications.
Console.WriteLine();
Console.WriteLine("DKLs23 signature arithmetic (10,454 compressions + 3,346 mod-n multiplications + 14 point multiplications):");
var estimates = new List<double>();
foreach (var (backendName, _) in backends)
{
    var ms = 1000 * ((10_454 / rates[(primitives[0].Name, backendName)])
        + (3_346 / rates[(primitives[2].Name, backendName)])
        + (14 / rates[(primitives[6].Name, backendName)]));
    estimates.Add(ms);
    Console.WriteLine($"  {backendName,-8} {ms,10:N2} ms");
}

Console.WriteLine($"  speed-up {estimates[0] / estimates[1],8:N1}x");

// Whole DKLs23 signatures, side by side: both parties on one backend, every round (the card's and the phone's work).
// The backends take turns signature by signature, so both see the same load on a shared machine; each
// signature is timed on its own and the medians are compared (the means are printed beside them).
Console.WriteLine();
Console.WriteLine("DKLs23 2-of-2 signature, both parties, all rounds (measured, backends interleaved):");
var shares = Dkg(backends[1].Backend);
var times = backends.Select(_ => new List<double>()).ToArray();
foreach (var (_, backend) in backends)
{
    Sign(backend, shares, 0); // warm up
}

var run = 0;
var total = Stopwatch.StartNew();
while (total.Elapsed.TotalSeconds < Math.Max(4 * seconds, 2) || times[0].Count < 5)
{
    for (var i = 0; i < backends.Length; i++)
    {
        var one = Stopwatch.StartNew();
        Sign(backends[i].Backend, shares, ++run);
        times[i].Add(one.Elapsed.TotalMilliseconds);
    }
}

var medians = new List<double>();
for (var i = 0; i < backends.Length; i++)
{
    var sorted = times[i].OrderBy(t => t).ToArray();
    var median = sorted[sorted.Length / 2];
    medians.Add(median);
    Console.WriteLine($"  {backends[i].Name,-8} median {median,8:N2} ms, mean {sorted.Average(),8:N2} ms per signature ({sorted.Length} signatures)");
}

Console.WriteLine($"  speed-up {medians[0] / medians[1],8:N1}x (medians)");
return 0;

static KeyShare[] Dkg(IArithmeticBackend backend)
{
    var sid = SessionId(0xD0);
    var parties = new[] { new DkgParty(backend, 2, 1, sid, new BenchRandom(1)), new DkgParty(backend, 2, 2, sid, new BenchRandom(2)) };
    var out1 = parties.Select(p => p.Start()).ToArray();
    var out2 = parties.Select((p, i) => p.Round2(out1[1 - i])).ToArray();
    var out3 = parties.Select((p, i) => p.Round3(out2[1 - i])).ToArray();
    return parties.Select((p, i) => p.Finish(out3[1 - i])).ToArray();
}

static void Sign(IArithmeticBackend backend, KeyShare[] shares, int run)
{
    var sid = SessionId(run);
    var hash = SessionId(run + 1000);
    var p = shares.Select((s, i) => new SignParty(backend, s, [1, 2], sid, null, null, new BenchRandom(10 * run + i))).ToArray();
    var r1 = p.Select(x => x.Start()).ToArray();
    var r2 = p.Select((x, i) => x.Round2(r1[1 - i])).ToArray();
    for (var i = 0; i < 2; i++)
    {
        p[i].Presign(r2[1 - i]);
    }

    var r3 = p.Select(x => x.SignHash(hash)).ToArray();
    if (p[0].Combine(r3[1]).Length != 64)
    {
        throw new InvalidOperationException("no signature");
    }
}

static byte[] SessionId(int n)
{
    var sid = new byte[32];
    BitConverter.GetBytes(n).CopyTo(sid, 0);
    sid[31] = 0x5A;
    return sid;
}

/// <summary>A seeded generator for the benchmark's parties (timing only; never for keys that matter).</summary>
internal sealed class BenchRandom(int seed) : IRandomSource
{
    private readonly Random random = new(seed);

    public void Fill(byte[] buffer, int offset, int count) => random.NextBytes(buffer.AsSpan(offset, count));
}
