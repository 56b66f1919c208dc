using System.Security.Cryptography;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CardFirmware.Provider.Tests;

/// <summary>
/// A provider node on an in-memory test server over a real database, and phone clients of it. It runs no periodic
/// expiry sweep (the test clock jumps; a sweep on real time would race the tests): tests call
/// <see cref="Engine"/>'s <c>ExpireOverdue</c> where they need one.
/// </summary>
public sealed class ProviderNode : IDisposable
{
    private readonly WebApplication _app;

    public ProviderNode(string database, byte[] shareKey, TestClock clock, int perMinute = 600, string node = "test-node", int sessionTimeout = 300)
    {
        Clock = clock;
        _app = ProviderApp.Build(
            new ProviderOptions(database, shareKey, node, perMinute, "managed", SessionTimeout: sessionTimeout, SweepSeconds: 0), [], clock, b => b.WebHost.UseTestServer());
        _app.StartAsync().GetAwaiter().GetResult();
        Store = ProviderApp.Store(database);
    }

    public TestClock Clock { get; }

    /// <summary>The node's engine (to run an expiry sweep now).</summary>
    public Engine.ProviderEngine Engine => _app.Services.GetRequiredService<Engine.ProviderEngine>();

    public IProviderStore Store { get; }

    /// <summary>An HTTP client of the node (for hand-made requests).</summary>
    public HttpClient Http() => _app.GetTestClient();

    /// <summary>The phone's provider party signing with <paramref name="key"/>.</summary>
    public HttpProviderParty Party(PhoneKey key) => new(Http(), key, Clock);

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A fresh random operator key.</summary>
    public static byte[] NewShareKey() => RandomNumberGenerator.GetBytes(32);
}
