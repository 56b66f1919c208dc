using System.Diagnostics;
using System.Runtime.InteropServices;
using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;
using CardFirmware.Crypto.Threshold;

// Managed vs native backend, side by side in one run, per primitive (operations per second on this
// desktop), and what one DKLs23 signature costs on each (issue 14's per-signature counts), in wall
// time and in CPU time (the CPU time moves less when other processes share the cores).
// Usage: dotnet run -c Release --project tools/NativeBench [-- seconds-per-measurement] [--only managed|native]
// --only signs on one backend alone for the given seconds (for a profiler such as perf).
var seconds = 0.5;
string? only = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--only" && i + 1 < args.Length)
    {
        only = args[++i];
    }
    else
    {
        seconds = double.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture);
    }
}

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

if (only is not null)
{
    var chosen = backends.Where(b => b.Name == only).ToArray();
    if (chosen.Length != 1)
    {
        Console.WriteLine("--only takes managed or native");
        return 1;
    }

    SignSideBySide(chosen, Dkg(backends[1].Backend), seconds);
    return 0;
}

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

SignSideBySide(backends, Dkg(backends[1].Backend), Math.Max(4 * seconds, 2));
return 0;

// Whole DKLs23 signatures, side by side: both parties on one backend, every round (the card's and the
// phone's work). The backends take turns signature by signature on the same inputs, so both see the
// same load on a shared machine. Before measuring, both sign for a while so that the runtime's tiered
// compiler has replaced the managed backend's first quick code with its optimised code (tier 1), and
// the heap is collected. Each signature is timed on its own: wall time, this thread's CPU time and the
// process's CPU time (which includes the garbage collector's and the compiler's background threads);
// the medians are compared.
static void SignSideBySide((string Name, IArithmeticBackend Backend)[] backends, KeyShare[] shares, double seconds)
{
    var warmUp = Stopwatch.StartNew();
    var run = 0;
    while (warmUp.Elapsed.TotalSeconds < 3 || run < 30)
    {
        run++;
        foreach (var (_, backend) in backends)
        {
            Sign(backend, shares, run);
        }
    }

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();

    var wall = backends.Select(_ => new List<double>()).ToArray();
    var threadCpu = backends.Select(_ => new List<double>()).ToArray();
    var processCpu = backends.Select(_ => new List<double>()).ToArray();
    var total = Stopwatch.StartNew();
    while (total.Elapsed.TotalSeconds < seconds || wall[0].Count < 5)
    {
        run++;
        for (var i = 0; i < backends.Length; i++)
        {
            var thread0 = CpuClock.ThreadMilliseconds();
            var process0 = CpuClock.ProcessMilliseconds();
            var one = Stopwatch.StartNew();
            Sign(backends[i].Backend, shares, run);
            wall[i].Add(one.Elapsed.TotalMilliseconds);
            threadCpu[i].Add(CpuClock.ThreadMilliseconds() - thread0);
            processCpu[i].Add(CpuClock.ProcessMilliseconds() - process0);
        }
    }

    Console.WriteLine();
    Console.WriteLine($"DKLs23 2-of-2 signature, both parties, all rounds ({(backends.Length > 1 ? "backends interleaved" : backends[0].Name + " alone")}, {wall[0].Count} signatures each, after {run - wall[0].Count} warm-up rounds), medians in ms:");
    Console.WriteLine($"  {"backend",-8} {"wall",9} {"thread CPU",11} {"process CPU",12} {"wall mean",10}");
    for (var i = 0; i < backends.Length; i++)
    {
        Console.WriteLine($"  {backends[i].Name,-8} {Median(wall[i]),9:N2} {Median(threadCpu[i]),11:N2} {Median(processCpu[i]),12:N2} {wall[i].Average(),10:N2}");
    }

    if (backends.Length > 1)
    {
        Console.WriteLine($"  speed-up {Median(wall[0]) / Median(wall[1]),6:N1}x wall, {Median(threadCpu[0]) / Median(threadCpu[1]),5:N1}x thread CPU, {Median(processCpu[0]) / Median(processCpu[1]),5:N1}x process CPU (medians)");
    }
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(t => t).ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

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

/// <summary>CPU time from clock_gettime (POSIX): this thread's and the whole process's, in milliseconds.</summary>
internal static class CpuClock
{
    private const int ProcessCpuTimeId = 2; // CLOCK_PROCESS_CPUTIME_ID (Linux)
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    public static double ThreadMilliseconds() => Read(ThreadCpuTimeId);

    public static double ProcessMilliseconds() => Read(ProcessCpuTimeId);

    private static double Read(int clock) =>
        clock_gettime(clock, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : throw new InvalidOperationException("clock_gettime failed");

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
