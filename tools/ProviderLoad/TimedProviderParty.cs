using System.Collections.Concurrent;
using System.Diagnostics;
using CardFirmware.Host.Hybrid;

namespace CardFirmware.ProviderLoad;

/// <summary>An <see cref="IProviderParty"/> that records each call's wall-clock latency under "open", "round 1"… (client side, retries included).</summary>
public sealed class TimedProviderParty(IProviderParty inner, ConcurrentDictionary<string, ConcurrentBag<double>> latencies) : IProviderParty
{
    public byte[] PublicKey => inner.PublicKey;

    public byte[] Open(ProviderSession session) => Time("open", () => inner.Open(session));

    public byte[]?[] Round(byte[] handle, int round, byte[]?[] inbox) => Time("round " + round, () => inner.Round(handle, round, inbox));

    public void Abort(byte[] handle) => Time("abort", () =>
    {
        inner.Abort(handle);
        return 0;
    });

    private T Time<T>(string name, Func<T> call)
    {
        var watch = Stopwatch.StartNew();
        var result = call();
        latencies.GetOrAdd(name, _ => []).Add(watch.Elapsed.TotalMilliseconds);
        return result;
    }

    /// <summary>The <paramref name="q"/>-quantile (nearest rank) of <paramref name="values"/>.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
