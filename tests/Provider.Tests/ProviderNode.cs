using System.Security.Cryptography;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace CardFirmware.Provider.Tests;

/// <summary>A provider node on an in-memory test server over a real database, and phone clients of it.</summary>
public sealed class ProviderNode : IDisposable
{
    private readonly WebApplication _app;

    public ProviderNode(string database, byte[] shareKey, TestClock clock, int perMinute = 600, string node = "test-node")
    {
        Clock = clock;
        _app = ProviderApp.Build(new ProviderOptions(database, shareKey, node, perMinute, "managed"), [], clock, b => b.WebHost.UseTestServer());
        _app.StartAsync().GetAwaiter().GetResult();
        Store = ProviderApp.Store(database);
    }

    public TestClock Clock { get; }

    public IProviderStore Store { get; }

    /// <summary>An HTTP client of the node (for hand-made requests).</summary>
    public HttpClient Http() => _app.GetTestClient();

    /// <summary>The phone's provider party signing with <paramref name="key"/>.</summary>
    public HttpProviderParty Party(PhoneKey key) => new(Http(), key, Clock);

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A fresh random operator key.</summary>
    public static byte[] NewShareKey() => RandomNumberGenerator.GetBytes(32);
}
