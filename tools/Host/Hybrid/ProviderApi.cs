namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The provider's HTTP/JSON messages (byte arrays as base64) and the request authentication headers. Routes:
/// <c>POST /v1/sessions</c> (<see cref="OpenRequest"/> → <see cref="OpenReply"/>),
/// <c>POST /v1/sessions/{handle hex}/rounds/{round}</c> (<see cref="RoundRequest"/> → <see cref="RoundReply"/>),
/// <c>POST /v1/sessions/{handle hex}/abort</c>, <c>PUT /v1/wallets/{wallet id hex}/policy</c>
/// (<see cref="PolicyRequest"/>). A refusal is a 4xx status with a <see cref="Refusal"/> body.
/// </summary>
public static class ProviderApi
{
    /// <summary>The requester's compressed public key, hex (66 characters).</summary>
    public const string KeyHeader = "X-Provider-Key";

    /// <summary>A fresh random nonce per request, hex (32 characters).</summary>
    public const string NonceHeader = "X-Provider-Nonce";

    /// <summary>The request's time, Unix seconds (decimal).</summary>
    public const string TimeHeader = "X-Provider-Time";

    /// <summary>r ‖ s over <see cref="ProviderDigests.Request"/>, hex (128 characters).</summary>
    public const string SignatureHeader = "X-Provider-Signature";

    /// <summary>The session route of <paramref name="handle"/>.</summary>
    public static string SessionPath(byte[] handle) => "/v1/sessions/" + Convert.ToHexStringLower(handle);

    /// <summary>The policy route of <paramref name="walletId"/>.</summary>
    public static string PolicyPath(byte[] walletId) => "/v1/wallets/" + Convert.ToHexStringLower(walletId) + "/policy";
}

/// <summary>Opens a session; the fields are <see cref="ProviderSession"/>'s, the policy in <see cref="ProviderPolicy.Encode"/> form.</summary>
public sealed record OpenRequest(
    byte[] Handle,
    int Protocol,
    byte[] WalletId,
    int[] Signers,
    int Lost,
    byte[]? Hash,
    uint[]? Path,
    byte[]? Transaction,
    byte[]? CardApproval,
    byte[]? PhoneKey,
    byte[]? CardKey,
    byte[]? Policy);

/// <summary>
/// The provider's session-id contribution (32 bytes) and its static public key (33 bytes, the deployment's end of the
/// card's relay seal; the card stores it at the wallet's creation and uses its stored copy afterwards).
/// </summary>
public sealed record OpenReply(byte[] Contribution, byte[] ProviderKey);

/// <summary>A round's inbox: three slots by party number − 1.</summary>
public sealed record RoundRequest(byte[]?[] Inbox);

/// <summary>A round's outbox: three slots by party number − 1.</summary>
public sealed record RoundReply(byte[]?[] Outbox);

/// <summary>
/// A new policy with its version (the current one + 1) and the card's approval (139 bytes, firmware/Card README "Card
/// approval") of kind <see cref="CardApprovalCheck.PolicyChange"/> with subject SHA-256(<see cref="ProviderPolicy.Encode"/>).
/// </summary>
public sealed record PolicyRequest(int Version, byte[] Policy, byte[] CardApproval);

/// <summary>Why the provider refused: a stable code and a sentence.</summary>
public sealed record Refusal(string Reason, string Message);
