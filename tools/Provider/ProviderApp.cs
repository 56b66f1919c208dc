using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Provider.Engine;
using CardFirmware.Provider.Security;
using CardFirmware.Provider.Storage;

namespace CardFirmware.Provider;

/// <summary>Builds a provider node: store (migrated), vault, the deployment's static key, engine, the session expiry sweep, authenticator and routes.</summary>
public static class ProviderApp
{
    /// <summary>The store <paramref name="database"/> names (<see cref="ProviderOptions.Database"/>).</summary>
    public static SqlProviderStore Store(string database) => database switch
    {
        _ when database.StartsWith("sqlite:", StringComparison.Ordinal) => new SqlProviderStore(new SqliteDialect(database["sqlite:".Length..])),
        _ when database.StartsWith("postgres:", StringComparison.Ordinal) => new SqlProviderStore(new PostgresDialect(database["postgres:".Length..])),
        _ => throw new ArgumentException("The database is sqlite:<file> or postgres:<connection string>."),
    };

    /// <summary>The arithmetic backend <paramref name="name"/> names; the managed reference when the native module is absent.</summary>
    public static IArithmeticBackend Backend(string name)
    {
        if (name == "native" && PInvokeNativeModule.TryCreate(out _) is { } module)
        {
            return new NativeArithmeticBackend(module);
        }

        return ManagedArithmeticBackend.Instance;
    }

    /// <summary>A node with <paramref name="options"/>; <paramref name="configure"/> may adjust the builder (tests use a test server).</summary>
    public static WebApplication Build(ProviderOptions options, string[] args, TimeProvider? time = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);
        var clock = time ?? TimeProvider.System;
        var store = Store(options.Database);
        store.Migrate();
        var vault = new ShareVault(options.ShareKey);
        var staticKey = ProviderStaticKey.Load(store, vault, options.StaticKey);
        builder.Services.AddSingleton<IProviderStore>(store);
        builder.Services.AddSingleton(vault);
        builder.Services.AddSingleton(staticKey);
        var engine = new ProviderEngine(store, vault, staticKey, Backend(options.Backend), clock, options.Node, options.SessionTimeout);
        builder.Services.AddSingleton(engine);
        if (options.SweepSeconds > 0)
        {
            builder.Services.AddHostedService(s => new SessionExpirySweep(engine, TimeSpan.FromSeconds(options.SweepSeconds), s.GetRequiredService<ILogger<SessionExpirySweep>>()));
        }

        builder.Services.AddSingleton(new RequestAuthenticator(store, clock, options.PerMinute));
        var app = builder.Build();
        ProviderEndpoints.Map(app);
        return app;
    }
}
