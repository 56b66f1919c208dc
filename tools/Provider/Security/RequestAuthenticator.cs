using System.Globalization;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Storage;

namespace CardFirmware.Provider.Security;

/// <summary>
/// Checks a request's signature headers (<see cref="ProviderApi"/>): the signature by the named key over
/// <see cref="ProviderDigests.Request"/> of this method, path and body; a time within <see cref="WindowSeconds"/> of
/// the provider's clock; a nonce the key never used (recorded in the database, so a replay to another node is
/// refused too); and at most <see cref="PerMinute"/> requests per key and minute. Whether the key may act on the
/// wallet or session is the engine's decision.
/// </summary>
public sealed class RequestAuthenticator(IProviderStore store, TimeProvider time, int perMinute)
{
    /// <summary>How far a request's time may be from the provider's, seconds.</summary>
    public const long WindowSeconds = 300;

    private long _requests;

    public int PerMinute => perMinute;

    /// <summary>The verified requester key, or a <see cref="ProviderRefusedException"/> (auth.*, rate-limited).</summary>
    public byte[] Verify(string method, string path, Func<string, string?> header, byte[] body)
    {
        byte[] key, nonce, signature;
        long at;
        try
        {
            key = Convert.FromHexString(header(ProviderApi.KeyHeader) ?? "");
            nonce = Convert.FromHexString(header(ProviderApi.NonceHeader) ?? "");
            signature = Convert.FromHexString(header(ProviderApi.SignatureHeader) ?? "");
            at = long.Parse(header(ProviderApi.TimeHeader) ?? "", NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ProviderRefusedException("auth.missing", "Key, nonce, time and signature headers are required.");
        }

        if (key.Length != 33 || nonce.Length != ProviderDigests.NonceBytes || signature.Length != 64 || !Verifies(key, ProviderDigests.Request(method, path, key, nonce, at, body), signature))
        {
            throw new ProviderRefusedException("auth.signature", "The request's signature does not verify.");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - at) > WindowSeconds)
        {
            throw new ProviderRefusedException("auth.stale", "The request's time is outside the provider's window.");
        }

        if (Interlocked.Increment(ref _requests) % 1024 == 0)
        {
            store.ForgetNonces(now - 2 * WindowSeconds);
        }

        return store.UseNonce(key, nonce, now, perMinute) switch
        {
            NonceOutcome.Replayed => throw new ProviderRefusedException("auth.replay", "This request was seen before."),
            NonceOutcome.RateLimited => throw new ProviderRefusedException("rate-limited", "Too many requests from this key; wait a minute."),
            _ => key,
        };
    }

    private static bool Verifies(byte[] key, byte[] hash, byte[] signature)
    {
        try
        {
            return BouncyCastleEcdsa.Verify(key, hash, signature);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
