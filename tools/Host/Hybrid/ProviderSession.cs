namespace CardFirmware.Host.Hybrid;

/// <summary>Which threshold protocol a provider session runs.</summary>
public enum ProviderProtocol
{
    /// <summary>2-of-3 key generation (card, phone, provider).</summary>
    CreateWallet = 1,

    /// <summary>Signing with two of the three parties; the provider's policy decides whether it takes part.</summary>
    Sign = 2,

    /// <summary>New shares for all three parties, same key; the old shares sign nothing afterwards.</summary>
    Refresh = 3,

    /// <summary>Two survivors re-issue the share of a lost party (<see cref="ProviderSession.Lost"/>) onto its replacement.</summary>
    Recover = 4,
}

/// <summary>
/// What the phone asks the provider to run. <see cref="Handle"/> is the phone's random 16-byte name for the
/// session (the idempotency key); <see cref="WalletId"/> names the wallet (for a new wallet, the id the
/// phone chose). For <see cref="ProviderProtocol.Sign"/>: <see cref="Signers"/> (two party numbers, ascending),
/// the message hash, the derivation path and the transaction the policy judges (<see cref="Transaction"/>,
/// whose hash must be <see cref="Hash"/>). <see cref="CardApproval"/> carries the card's signed approval when
/// the request needs the owner's approval (recovery of a lost phone): the card's signed statement of
/// firmware/Card/README "Card approval" (139 bytes, <see cref="CardApprovalCheck"/>), the same for the service and the
/// in-process provider. <see cref="CardIdentity"/> is the card's identity key (33) that the provider enrols for a
/// new wallet (<see cref="ProviderProtocol.CreateWallet"/>) or for the replacement card of a recovery with
/// <see cref="Lost"/> = 1; <see cref="PhoneKey"/> is the phone's static key (33), which a phone recovery's approval
/// binds and the service enrolls. <see cref="Enrollment"/> may name other keys to enroll, and the policy of a new wallet.
/// </summary>
public sealed record ProviderSession(
    byte[] Handle,
    ProviderProtocol Protocol,
    byte[] WalletId,
    int[] Signers,
    int Lost = 0,
    byte[]? Hash = null,
    uint[]? Path = null,
    byte[]? Transaction = null,
    byte[]? CardApproval = null,
    byte[]? CardIdentity = null,
    byte[]? PhoneKey = null,
    ProviderEnrollment? Enrollment = null);

/// <summary>The provider declined a request; <see cref="Reason"/> is its stable machine-readable code.</summary>
public sealed class ProviderRefusedException(string reason, string message) : Exception(message)
{
    /// <summary>Stable code, for example <c>policy.daily-limit</c>, <c>auth.replay</c>, <c>rate-limited</c>.</summary>
    public string Reason { get; } = reason;
}
