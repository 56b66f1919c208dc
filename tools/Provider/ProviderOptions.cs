namespace CardFirmware.Provider;

/// <summary>
/// How a provider node runs. <see cref="Database"/> is <c>sqlite:&lt;file&gt;</c> (the embedded default) or
/// <c>postgres:&lt;Npgsql connection string&gt;</c>; <see cref="ShareKey"/> is the operator's 32-byte key that seals
/// every stored secret; <see cref="StaticKey"/> is the deployment's static key (32 bytes, the provider's end of the card's
/// relay seal) for its first start, null to let the first node draw one (either way it is then kept sealed in the
/// database, and every node of the deployment uses that one); <see cref="Node"/> names this node in the audit log; <see cref="PerMinute"/> is the rate
/// limit per requester key; <see cref="Backend"/> is <c>native</c> (crypto/Native, falling back to managed when the
/// module is missing) or <c>managed</c>. <see cref="SessionTimeout"/> is how long, in seconds, a session may wait for
/// its next round before it expires; every <see cref="SweepSeconds"/> seconds the node expires overdue sessions
/// (0: only when a request touches them).
/// </summary>
public sealed record ProviderOptions(
    string Database, byte[] ShareKey, string Node = "node-1", int PerMinute = 600, string Backend = "native", byte[]? StaticKey = null,
    int SessionTimeout = 300, int SweepSeconds = 30)
{
    /// <summary>
    /// Reads <c>--database</c>, <c>--share-key-file</c> (64 hex characters), <c>--static-key-file</c> (64 hex
    /// characters, optional), <c>--node</c>, <c>--rate</c>, <c>--backend</c>, <c>--session-timeout</c> (seconds,
    /// default 300), <c>--sweep</c> (seconds, default a tenth of the timeout, 1 to 30), falling back to the environment
    /// (<c>PROVIDER_DATABASE</c>, <c>PROVIDER_SHARE_KEY</c> and <c>PROVIDER_STATIC_KEY</c> as hex, <c>PROVIDER_NODE</c>);
    /// ASP.NET Core's own options (<c>--urls</c>) pass through.
    /// </summary>
    public static ProviderOptions FromArgs(string[] args)
    {
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var keyHex = Arg("--share-key-file") is { } file ? File.ReadAllText(file).Trim() : Environment.GetEnvironmentVariable("PROVIDER_SHARE_KEY");
        if (keyHex is not { Length: 64 })
        {
            throw new ArgumentException("The operator's share key is required: --share-key-file <file with 64 hex characters> or PROVIDER_SHARE_KEY.");
        }

        var staticHex = Arg("--static-key-file") is { } staticFile ? File.ReadAllText(staticFile).Trim() : Environment.GetEnvironmentVariable("PROVIDER_STATIC_KEY");
        if (staticHex is not (null or { Length: 64 }))
        {
            throw new ArgumentException("The static key is 64 hex characters (--static-key-file or PROVIDER_STATIC_KEY).");
        }

        var timeout = int.Parse(Arg("--session-timeout") ?? "300", System.Globalization.CultureInfo.InvariantCulture);
        if (timeout < 1)
        {
            throw new ArgumentException("--session-timeout is a positive number of seconds.");
        }

        return new ProviderOptions(
            Arg("--database") ?? Environment.GetEnvironmentVariable("PROVIDER_DATABASE") ?? "sqlite:provider.db",
            Convert.FromHexString(keyHex),
            Arg("--node") ?? Environment.GetEnvironmentVariable("PROVIDER_NODE") ?? Environment.MachineName,
            int.Parse(Arg("--rate") ?? "600", System.Globalization.CultureInfo.InvariantCulture),
            Arg("--backend") ?? "native",
            staticHex is null ? null : Convert.FromHexString(staticHex),
            timeout,
            Arg("--sweep") is { } sweep ? int.Parse(sweep, System.Globalization.CultureInfo.InvariantCulture) : Math.Clamp(timeout / 10, 1, 30));
    }
}
