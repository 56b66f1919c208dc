using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider;

namespace CardFirmware.ProviderLoad;

/// <summary>
/// The load drill: starts <c>--nodes</c> provider processes on one database, creates <c>--wallets</c> 2-of-3 wallets,
/// then runs <c>--sessions</c> phone-and-provider signing sessions (session i on wallet i mod wallets) from
/// <c>--clients</c> concurrent clients. With two nodes every request goes to a node picked at random, so most rounds
/// run on a node that did not run the previous one and rebuild the party from the database. Prints p50 and p99 of
/// each call's latency (client side) and the error count; every signature is verified.
/// </summary>
public static class LoadRun
{
    public static int Run(Args a)
    {
        var database = a.Get("--database", "sqlite:" + Path.Combine(Path.GetTempPath(), "provider-load-" + Guid.NewGuid().ToString("N") + ".db"));
        var nodes = a.Int("--nodes", 1);
        var walletCount = a.Int("--wallets", 200);
        var sessions = a.Int("--sessions", 500);
        var clients = a.Int("--clients", 32);
        var keyFile = Path.GetTempFileName();
        File.WriteAllText(keyFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        var processes = Enumerable.Range(1, nodes).Select(i => new NodeProcess(database, keyFile, "node-" + i)).ToList();
        try
        {
            processes.ForEach(p => p.Start());
            var http = processes.Select(p => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = p.Address, Timeout = TimeSpan.FromMinutes(5) }).ToArray();
            var driver = new TwoOfThreeDriver(ProviderApp.Backend("native"));
            var policy = new ProviderPolicy(1_000_000, 1_000_000_000, 1_000_000, 0, []);
            Console.WriteLine($"database {database.Split(':')[0]}, {nodes} node(s), {walletCount} wallets, {sessions} signing sessions, {clients} clients");

            var setup = new ConcurrentDictionary<string, ConcurrentBag<double>>();
            var wallets = new DriverWallet[walletCount];
            var setupErrors = Parallel(clients, walletCount, i =>
            {
                var w = new DriverWallet(RandomNumberGenerator.GetBytes(16), PhoneKey.Generate(), PhoneKey.Generate());
                driver.Create(Party(http, w.Phone, setup), w, policy);
                wallets[i] = w;
            }, out var setupTime);
            Console.WriteLine($"created {walletCount - setupErrors} wallets in {setupTime.TotalSeconds:F1} s, {setupErrors} errors");
            Print(setup);

            var signing = new ConcurrentDictionary<string, ConcurrentBag<double>>();
            var errors = Parallel(clients, sessions, i =>
            {
                var w = wallets[i % walletCount] ?? throw new InvalidOperationException("wallet not created");
                var tx = new ProviderTransaction((ulong)(1 + i), Encoding.ASCII.GetBytes("load-destination-" + (i % 7)));
                var signature = driver.SignPhoneAndProvider(Party(http, w.Phone, signing), w, tx);
                if (!BouncyCastleEcdsa.Verify(w.PublicKey, ProviderTransaction.Hash(tx.Encode()), signature))
                {
                    throw new InvalidOperationException("signature does not verify");
                }
            }, out var signTime);
            Console.WriteLine($"signed {sessions - errors} sessions over {Math.Min(sessions, walletCount)} wallets in {signTime.TotalSeconds:F1} s ({sessions / signTime.TotalSeconds:F1} sessions/s), {errors} errors");
            Print(signing);
            return setupErrors + errors == 0 ? 0 : 1;
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
            File.Delete(keyFile);
        }
    }

    private static IProviderParty Party(HttpClient[] http, PhoneKey key, ConcurrentDictionary<string, ConcurrentBag<double>> latencies) =>
        new TimedProviderParty(http.Length == 1 ? new HttpProviderParty(http[0], key) : new SpreadProviderParty(http.Select(h => new HttpProviderParty(h, key)).ToArray()), latencies);

    private static void Print(ConcurrentDictionary<string, ConcurrentBag<double>> latencies)
    {
        foreach (var (name, values) in latencies.OrderBy(kv => kv.Key))
        {
            Console.WriteLine($"  {name,-8} n={values.Count,5}  p50 {TimedProviderParty.Quantile(values, 0.5),8:F1} ms  p99 {TimedProviderParty.Quantile(values, 0.99),8:F1} ms");
        }
    }

    // Runs work(0..count-1) on `threads` dedicated threads; returns the number of items that threw.
    private static int Parallel(int threads, int count, Action<int> work, out TimeSpan elapsed)
    {
        var next = -1;
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var pool = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    work(i);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Console.Error.WriteLine($"item {i}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToList();
        pool.ForEach(t => t.Start());
        pool.ForEach(t => t.Join());
        elapsed = watch.Elapsed;
        return errors;
    }
}

/// <summary>Sends every call to one of several provider nodes picked at random (a load balancer without affinity).</summary>
public sealed class SpreadProviderParty(IProviderParty[] nodes) : IProviderParty
{
    private IProviderParty Any => nodes[System.Random.Shared.Next(nodes.Length)];

    public byte[] PublicKey => nodes[0].PublicKey;

    public byte[] Open(ProviderSession session) => Any.Open(session);

    public byte[]?[] Round(byte[] handle, int round, byte[]?[] inbox) => Any.Round(handle, round, inbox);

    public void Abort(byte[] handle) => Any.Abort(handle);
}
