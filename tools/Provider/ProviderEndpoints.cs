using System.Text.Json;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Engine;
using CardFirmware.Provider.Security;

namespace CardFirmware.Provider;

/// <summary>
/// The HTTP/JSON routes of <see cref="ProviderApi"/>: each reads the raw body, authenticates it, hands it to the
/// engine and turns a refusal into its status code in this one place.
/// </summary>
public static class ProviderEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app)
    {
        app.MapPost("/v1/sessions", (HttpContext c, ProviderEngine e, RequestAuthenticator a) =>
            Handle(c, a, (key, body) => new OpenReply(e.Open(key, Read<OpenRequest>(body)), e.StaticPublicKey)));
        app.MapPost("/v1/sessions/{handle}/rounds/{round:int}", (HttpContext c, string handle, int round, ProviderEngine e, RequestAuthenticator a) =>
            Handle(c, a, (key, body) => new RoundReply(e.Round(key, Hex(handle), round, Read<RoundRequest>(body).Inbox))));
        app.MapPost("/v1/sessions/{handle}/abort", (HttpContext c, string handle, ProviderEngine e, RequestAuthenticator a) =>
            Handle(c, a, (key, _) =>
            {
                e.Abort(key, Hex(handle));
                return new { aborted = true };
            }));
        app.MapPut("/v1/wallets/{wallet}/policy", (HttpContext c, string wallet, ProviderEngine e, RequestAuthenticator a) =>
            Handle(c, a, (key, body) =>
            {
                e.SetPolicy(key, Hex(wallet), Read<PolicyRequest>(body));
                return new { updated = true };
            }));
        app.MapGet("/health", () => Results.Ok(new { ok = true }));
    }

    private static async Task<IResult> Handle(HttpContext c, RequestAuthenticator auth, Func<byte[], byte[], object> action)
    {
        using var buffer = new MemoryStream();
        await c.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        try
        {
            var key = auth.Verify(c.Request.Method, c.Request.Path.Value ?? "", h => c.Request.Headers[h].FirstOrDefault(), body);

            // The protocol arithmetic is CPU-bound and synchronous; it runs on a pool thread like any blocking work.
            var reply = await Task.Run(() => action(key, body));
            return Results.Json(reply, Json);
        }
        catch (ProviderRefusedException e)
        {
            return Results.Json(new Refusal(e.Reason, e.Message), Json, statusCode: StatusOf(e.Reason));
        }
    }

    /// <summary>The HTTP status of a refusal code.</summary>
    public static int StatusOf(string reason) => reason switch
    {
        "rate-limited" => 429,
        _ when reason.StartsWith("auth.", StringComparison.Ordinal) => 401,
        _ when reason.StartsWith("policy.", StringComparison.Ordinal) || reason.StartsWith("approval.", StringComparison.Ordinal) => 403,
        "wallet.unknown" or "session.unknown" => 404,
        "request.invalid" => 400,
        _ => 409,
    };

    private static T Read<T>(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new ProviderRefusedException("request.invalid", "Empty body.");
        }
        catch (JsonException)
        {
            throw new ProviderRefusedException("request.invalid", "The body is not the route's JSON.");
        }
    }

    private static byte[] Hex(string s)
    {
        try
        {
            return Convert.FromHexString(s);
        }
        catch (FormatException)
        {
            throw new ProviderRefusedException("request.invalid", "Ids in routes are hex.");
        }
    }
}
