namespace CardFirmware.Provider.Storage;

/// <summary>
/// A wallet as the provider stores it: the enrolled keys (phone's static key, card's identity key, 33 bytes each),
/// the xpub, the provider's sealed share (<see cref="Security.ShareVault"/>) with its key id and version (+1 per
/// refresh or recovery), the encoded policy and its version, the counter of the last card approval it accepted (reset
/// when a recovery enrolls a new card, whose counter starts afresh), and whether a secret-dependent abort means the share's
/// OT setup must be refreshed before it signs again (crypto/Threshold README "Wire format").
/// </summary>
public sealed record WalletRecord(
    byte[] Id,
    byte[] PhoneKey,
    byte[] CardKey,
    byte[] PublicKey,
    byte[] ChainCode,
    byte[] KeyId,
    byte[] ShareSealed,
    int ShareVersion,
    byte[] Policy,
    int PolicyVersion,
    bool NeedsRefresh,
    long ApprovalCounter);

/// <summary>Session states.</summary>
public enum SessionState
{
    /// <summary>Rounds remain.</summary>
    Open = 0,

    /// <summary>The provider's last round is committed.</summary>
    Done = 1,

    /// <summary>Aborted by its requester or a failed protocol check; its secret state is wiped.</summary>
    Aborted = 2,

    /// <summary>Its deadline passed before its next round was committed; its secret state is wiped.</summary>
    Expired = 3,
}

/// <summary>
/// One protocol run of the provider's party. <see cref="SeedSealed"/> is the sealed 32-byte seed every secret of
/// the party is drawn from, so the party can be rebuilt on any node by replaying the committed inboxes;
/// <see cref="ShareVersion"/> is the wallet share the run started with. <see cref="Amount"/> is what a
/// phone-and-provider signature counts against the daily limit (0 otherwise). <see cref="ExpiresAt"/> (Unix seconds)
/// is the deadline for the next round: set at open and moved on at every committed round; past it the session
/// expires on whichever node looks at it first. <see cref="ApprovalCounter"/> is the counter of the card approval the
/// session was opened on (a phone's recovery), only while it is opened.
/// </summary>
public sealed record SessionRecord(
    byte[] Handle,
    byte[] WalletId,
    int Protocol,
    int[] Signers,
    int Lost,
    byte[]? Hash,
    uint[]? Path,
    byte[] RequesterKey,
    byte[] SeedSealed,
    byte[] Contribution,
    int ShareVersion,
    byte[]? NewPhoneKey,
    byte[]? NewCardKey,
    byte[]? Policy,
    long Amount,
    int NextRound,
    SessionState State,
    long ExpiresAt,
    long? ApprovalCounter = null);

/// <summary>A committed round: the hash of the inbox it answered, the sealed inbox (it may carry secret shares) and the sealed reply.</summary>
public sealed record RoundRecord(byte[] Handle, int Round, byte[] InboxHash, byte[] InboxSealed, byte[] ReplySealed);

/// <summary>A wallet's share after the provider's last round of a key generation, refresh or recovery.</summary>
public sealed record ShareUpdate(byte[] KeyId, byte[] ShareSealed, byte[] PublicKey, byte[] ChainCode, byte[]? PhoneKey, byte[]? CardKey, byte[]? Policy);

/// <summary>One decision the provider took: who asked for what, allowed or refused, and why.</summary>
public sealed record AuditEntry(long At, byte[] WalletId, byte[]? Handle, string Action, bool Allowed, string Reason, string Node);
