using System.Security.Cryptography;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Relay;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Provider.Storage;

namespace CardFirmware.Provider.Security;

/// <summary>
/// The deployment's static key (secp256k1): the provider's end of the card's relay seal (firmware/Channel/Relay/RelaySeal,
/// ECDH of the card's identity key and this key, HKDF per direction). One key per database, so every node of a
/// deployment answers with the same key: it is stored sealed by the operator's key (<see cref="ShareVault"/>, purpose
/// "static-key") in <c>provider_keys</c>, taken from the operator's configuration on the first start or drawn at
/// random when none is configured. Its public half (33 bytes) goes to the phone in every session's open reply, and
/// the card stores it with a 2-of-3 wallet.
/// </summary>
/// <remarks>Security: the private key stays in one array for the process's lifetime and is wiped on
/// <see cref="Dispose"/>; a configured key that differs from the stored one stops the node (a deployment has one key,
/// or the cards' seals would stop opening). Concurrent sessions derive seals at once: each derivation uses a curve of
/// its own, since <see cref="Secp256k1ChannelCurve"/> (card code, one caller at a time) keeps the peer's point in a
/// scratch buffer that another request would overwrite, sealing one card's run under another card's key.</remarks>
public sealed class ProviderStaticKey : IDisposable
{
    private static readonly byte[] Owner = [];
    private readonly ISecp256k1Backend _backend;
    private readonly byte[] _private;

    private ProviderStaticKey(byte[] privateKey, ISecp256k1Backend backend)
    {
        _backend = backend;
        var curve = new Secp256k1ChannelCurve(backend);
        if (!curve.IsValidPrivateKey(privateKey))
        {
            throw new InvalidOperationException("The provider's static key is not a valid secp256k1 private key.");
        }

        _private = privateKey;
        PublicKey = new byte[33];
        curve.PublicKey(_private, PublicKey);
    }

    /// <summary>The compressed public key (33 bytes).</summary>
    public byte[] PublicKey { get; }

    /// <summary>
    /// The deployment's key from <paramref name="store"/>; on the first start, <paramref name="configured"/> (32 bytes)
    /// or a random key is sealed and stored first (a concurrent first start of another node keeps whichever was stored first).
    /// </summary>
    public static ProviderStaticKey Load(IProviderStore store, ShareVault vault, byte[]? configured) =>
        Load(store, vault, configured, ManagedSecp256k1Backend.Instance);

    /// <summary>As <see cref="Load(IProviderStore, ShareVault, byte[])"/>, computing on <paramref name="backend"/>.</summary>
    internal static ProviderStaticKey Load(IProviderStore store, ShareVault vault, byte[]? configured, ISecp256k1Backend backend)
    {
        if (store.StaticKey() is null)
        {
            var fresh = configured is null ? NewPrivateKey() : (byte[])configured.Clone();
            using (var candidate = new ProviderStaticKey(fresh, backend))
            {
                store.InsertStaticKey(candidate.PublicKey, vault.Seal("static-key", Owner, fresh));
            }
        }

        var (publicKey, sealedKey) = store.StaticKey() ?? throw new InvalidOperationException("The provider's static key was not stored.");
        var key = new ProviderStaticKey(vault.Open("static-key", Owner, sealedKey), backend);
        if (!key.PublicKey.AsSpan().SequenceEqual(publicKey)
            || (configured is not null && !CryptographicOperations.FixedTimeEquals(configured, key._private)))
        {
            key.Dispose();
            throw new InvalidOperationException("The configured static key is not the one this deployment's database holds.");
        }

        return key;
    }

    /// <summary>The relay seal of one run with the card <paramref name="cardIdentity"/> (33) under <paramref name="sessionId"/> (32); null if the card's key is not a point.</summary>
    public RelaySeal? Seal(byte[] cardIdentity, byte[] sessionId) => RelaySeal.Derive(new Secp256k1ChannelCurve(_backend), _private, cardIdentity, sessionId, false);

    public void Dispose() => CryptographicOperations.ZeroMemory(_private);

    /// <summary>Never shows key material.</summary>
    public override string ToString() => "ProviderStaticKey<redacted>";

    private static byte[] NewPrivateKey()
    {
        var curve = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);
        var key = new byte[32];
        do
        {
            RandomNumberGenerator.Fill(key);
        }
        while (!curve.IsValidPrivateKey(key));
        return key;
    }
}
