using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The phone's <see cref="IProviderParty"/> over HTTP: every request carries the requester's public key, a fresh
/// nonce, the time and a signature by <see cref="PhoneKey"/> over <see cref="ProviderDigests.Request"/>. A request
/// that gets no answer (network error, timeout, 5xx) is sent again, signed afresh, up to <see cref="Attempts"/>
/// times: the provider answers a repeated round with the reply it stored, so the retry is safe.
/// </summary>
public sealed class HttpProviderParty : IProviderParty
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly PhoneKey _key;
    private readonly TimeProvider _time;
    private byte[]? _providerKey;

    /// <summary>Talks to the provider at <paramref name="http"/>'s base address, signing with <paramref name="key"/>.</summary>
    public HttpProviderParty(HttpClient http, PhoneKey key, TimeProvider? time = null)
    {
        _http = http;
        _key = key;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many times one call is sent before its failure is thrown.</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>The wait before the first resend, doubled after each (a provider node restarting needs a moment).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two resends.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The deployment's static key as the service published it in the reply to this client's first <see cref="Open"/>
    /// (every session's open reply carries it; the phone reads it after opening, before the card's first round).
    /// </summary>
    /// <exception cref="InvalidOperationException">No session was opened yet.</exception>
    public byte[] PublicKey => (byte[])(_providerKey ?? throw new InvalidOperationException("The provider's static key arrives with the first session's open reply."))
        .Clone();

    /// <inheritdoc />
    /// <remarks>The session's phone and card keys (<see cref="ProviderSession.PhoneKey"/>, <see cref="ProviderSession.CardIdentity"/>)
    /// are sent as the keys it enrolls unless <see cref="ProviderSession.Enrollment"/> names others. A reply whose static
    /// key differs from the one this client saw first is refused (a deployment has one key).</remarks>
    public byte[] Open(ProviderSession session)
    {
        var request = new OpenRequest(
            session.Handle, (int)session.Protocol, session.WalletId, session.Signers, session.Lost, session.Hash, session.Path,
            session.Transaction, session.CardApproval, session.Enrollment?.PhoneKey ?? session.PhoneKey, session.Enrollment?.CardKey ?? session.CardIdentity,
            session.Enrollment?.Policy?.Encode());
        var reply = Send<OpenReply>(HttpMethod.Post, "/v1/sessions", request);
        if (reply.ProviderKey is not { Length: 33 } || (_providerKey is not null && !_providerKey.AsSpan().SequenceEqual(reply.ProviderKey)))
        {
            throw new InvalidDataException("The provider's open reply carries no static key, or another one than before.");
        }

        _providerKey ??= reply.ProviderKey;
        return reply.Contribution;
    }

    /// <inheritdoc />
    public byte[]?[] Round(byte[] handle, int round, byte[]?[] inbox) =>
        Send<RoundReply>(HttpMethod.Post, ProviderApi.SessionPath(handle) + "/rounds/" + round, new RoundRequest(inbox)).Outbox;

    /// <inheritdoc />
    public void Abort(byte[] handle) => Send<JsonElement>(HttpMethod.Post, ProviderApi.SessionPath(handle) + "/abort", new { });

    /// <summary>Replaces the wallet's policy with <paramref name="policy"/> at <paramref name="version"/>, approved by the card.</summary>
    public void SetPolicy(byte[] walletId, int version, ProviderPolicy policy, byte[] cardApproval) =>
        Send<JsonElement>(HttpMethod.Put, ProviderApi.PolicyPath(walletId), new PolicyRequest(version, policy.Encode(), cardApproval));

    private T Send<T>(HttpMethod method, string path, object body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = _http.SendAsync(Signed(method, path, bytes)).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < Attempts)
            {
                Wait(attempt);
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return response.Content.ReadFromJsonAsync<T>(Json).GetAwaiter().GetResult()!;
                }

                if ((int)response.StatusCode >= 500 && attempt < Attempts)
                {
                    Wait(attempt);
                    continue;
                }

                var refusal = TryRead(response);
                throw new ProviderRefusedException(
                    refusal?.Reason ?? "http." + (int)response.StatusCode,
                    refusal?.Message ?? "The provider answered " + (int)response.StatusCode + ".");
            }
        }
    }

    private void Wait(int attempt)
    {
        var delay = RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        Thread.Sleep(delay < MaxRetryDelay ? delay : MaxRetryDelay);
    }

    private HttpRequestMessage Signed(HttpMethod method, string path, byte[] body)
    {
        var nonce = RandomNumberGenerator.GetBytes(ProviderDigests.NonceBytes);
        var time = _time.GetUtcNow().ToUnixTimeSeconds();
        var signature = _key.Sign(ProviderDigests.Request(method.Method, path, _key.PublicKey, nonce, time, body));
        var message = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new("application/json");
        message.Headers.Add(ProviderApi.KeyHeader, Convert.ToHexStringLower(_key.PublicKey));
        message.Headers.Add(ProviderApi.NonceHeader, Convert.ToHexStringLower(nonce));
        message.Headers.Add(ProviderApi.TimeHeader, time.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add(ProviderApi.SignatureHeader, Convert.ToHexStringLower(signature));
        return message;
    }

    private static Refusal? TryRead(HttpResponseMessage response)
    {
        try
        {
            return response.StatusCode == HttpStatusCode.NoContent ? null : response.Content.ReadFromJsonAsync<Refusal>(Json).GetAwaiter().GetResult();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
