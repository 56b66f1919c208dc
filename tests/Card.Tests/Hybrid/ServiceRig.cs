using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider;
using CardFirmware.Provider.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Npgsql;

namespace CardFirmware.Card.Tests.Hybrid;

/// <summary>
/// A simulated card, a phone and the provider service (tools/Provider) on an in-memory test server over a real
/// database: SQLite in a fresh file, or PostgreSQL when <c>PROVIDER_TEST_POSTGRES</c> names a server (the cluster
/// `.ci/run` starts; each rig gets a database of its own). The phone talks to the service through
/// <see cref="HttpProviderParty"/> with its static key, exactly as over the network.
/// </summary>
internal sealed class ServiceRig : IDisposable
{
    public const string PostgresVariable = "PROVIDER_TEST_POSTGRES";

    public static readonly ProviderPolicy Policy = new(
        PerTransactionLimit: 1_000, DailyLimit: 2_500, DelayThreshold: 1_000, DelaySeconds: 3_600, Allowlist: [], CardProviderAllowed: true);

    private readonly WebApplication _app;

    public ServiceRig(bool postgres)
    {
        Database = postgres ? PostgresDatabase() : "sqlite:" + Path.Combine(Path.GetTempPath(), "card-tests-provider-" + Guid.NewGuid().ToString("N") + ".db");
        _app = ProviderApp.Build(new ProviderOptions(Database, ShareKey, "card-tests", 600, "managed"), [], null, b => b.WebHost.UseTestServer());
        _app.StartAsync().GetAwaiter().GetResult();
        Card.Finger.TouchEnrolled();
        Xpub = Phone.Create();
    }

    public string Database { get; }

    public byte[] ShareKey { get; } = RandomNumberGenerator.GetBytes(32);

    public HybridCard Card { get; } = new();

    public PhoneKey PhoneKey { get; } = PhoneKey.Generate();

    public HybridPhone Phone
    {
        get => _phone ??= NewPhone(Card, PhoneKey);
        set => _phone = value;
    }

    public byte[] Xpub { get; }

    public byte[] WalletId => Phone.WalletId!;

    private HybridPhone? _phone;

    /// <summary>A phone with <paramref name="key"/> in front of <paramref name="card"/>, holding <paramref name="share"/> if any.</summary>
    public HybridPhone NewPhone(HybridCard card, PhoneKey key, KeyShare? share = null, byte[]? walletId = null) =>
        new(card.Client, Party(key), share, walletId) { StaticKey = key.PublicKey, Policy = Policy };

    /// <summary>The phone's client of the service, signing with <paramref name="key"/>.</summary>
    public HttpProviderParty Party(PhoneKey key) => new(_app.GetTestClient(), key);

    /// <summary>The provider's current share of the wallet, opened from the database with the operator's key.</summary>
    public KeyShare ProviderShare()
    {
        var store = ProviderApp.Store(Database);
        var wallet = store.Wallet(WalletId)!;
        using var vault = new ShareVault(ShareKey);
        return KeyShare.Deserialize(vault.Open("share", [.. WalletId, .. wallet.KeyId], wallet.ShareSealed));
    }

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string PostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        Skip.If(string.IsNullOrEmpty(server), PostgresVariable + " is not set (`.ci/run` starts a throw-away PostgreSQL cluster and sets it); the PostgreSQL run skipped.");
        var name = "card_hybrid_" + Guid.NewGuid().ToString("N");
        using (var c = new NpgsqlConnection(server))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("CREATE DATABASE " + name, c);
            cmd.ExecuteNonQuery();
        }

        return "postgres:" + new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
