namespace CardFirmware.Provider.Storage;

/// <summary>
/// Everything the provider keeps, behind one interface with a SQLite and a PostgreSQL backend
/// (<see cref="SqlProviderStore"/> over <see cref="ISqlDialect"/>). Every method that changes state is one
/// transaction, so several provider nodes may share one PostgreSQL database and a crash leaves no half-done step.
/// </summary>
public interface IProviderStore
{
    /// <summary>Applies the numbered migrations not yet applied (<see cref="Migrations"/>).</summary>
    void Migrate();

    WalletRecord? Wallet(byte[] id);

    /// <summary>The deployment's static key: public key (33) and the private key sealed by the operator's key; null before the first start.</summary>
    (byte[] PublicKey, byte[] Sealed)? StaticKey();

    /// <summary>Stores the deployment's static key unless one is stored already (the first node to start wins).</summary>
    void InsertStaticKey(byte[] publicKey, byte[] sealedKey);

    SessionRecord? Session(byte[] handle);

    RoundRecord? Round(byte[] handle, int round);

    /// <summary>Committed rounds of <paramref name="handle"/> in order.</summary>
    IReadOnlyList<RoundRecord> Rounds(byte[] handle);

    /// <summary>
    /// Records a request nonce of <paramref name="key"/> at <paramref name="now"/> (Unix seconds) unless it was seen
    /// before or the key already made <paramref name="perMinute"/> requests in the last 60 seconds.
    /// </summary>
    NonceOutcome UseNonce(byte[] key, byte[] nonce, long now, int perMinute);

    /// <summary>Forgets nonces older than <paramref name="before"/> (their requests' times are outside the window anyway).</summary>
    void ForgetNonces(long before);

    /// <summary>
    /// In one transaction, with the wallet locked: lets <paramref name="decide"/> judge the request against the
    /// wallet's spending history (<see cref="ISpendLedger"/>), then inserts <paramref name="session"/> if it was
    /// allowed and audits the decision. Returns the decision; <c>session.exists</c> if the handle is taken. A session
    /// opened on a card approval (<see cref="SessionRecord.ApprovalCounter"/>) raises the wallet's last approval counter
    /// in the same transaction, and is refused with <c>auth.replay</c> unless its counter is above it.
    /// </summary>
    Decision OpenSession(SessionRecord session, Func<ISpendLedger, Decision> decide, AuditEntry audit);

    /// <summary>
    /// Commits round <paramref name="round"/> of a session whose next round it is and whose deadline is after the
    /// audit entry's time, in one transaction: the round's record, the session's next round, state and new deadline
    /// <paramref name="expiresAt"/>, the wallet's new share if any, the audit entry. A session that becomes
    /// <see cref="SessionState.Done"/> keeps only its replies (a retried round is answered from them): its seed
    /// and inboxes are wiped. False (nothing written) if another node committed the round first, the session is no
    /// longer open or its deadline has passed.
    /// </summary>
    bool CommitRound(RoundRecord round, SessionState newState, ShareUpdate? share, long expiresAt, AuditEntry audit);

    /// <summary>
    /// Ends an open session as <paramref name="end"/> (<see cref="SessionState.Aborted"/>, or
    /// <see cref="SessionState.Expired"/> only if its deadline is not after the audit entry's time), in one
    /// transaction: releases its reserved amount, wipes its secret state (seed, sealed inboxes and replies; the
    /// rounds' inbox hashes stay) and, with <paramref name="burnShare"/>, flags the wallet's share for refresh.
    /// Audits the change, and a repeated abort (not a sweep that finds nothing to do). Returns the session's state
    /// afterwards, null if there is no such session.
    /// </summary>
    SessionState? EndSession(byte[] handle, SessionState end, bool burnShare, AuditEntry audit);

    /// <summary>Up to <paramref name="limit"/> open sessions whose deadline is not after <paramref name="now"/>.</summary>
    IReadOnlyList<byte[]> OverdueSessions(long now, int limit);

    /// <summary>
    /// Replaces the policy if its version is <paramref name="version"/> − 1 (else <c>policy.version</c>) and the card
    /// approval's <paramref name="approvalCounter"/> is above the wallet's last (else <c>auth.replay</c>), raising it.
    /// </summary>
    Decision SetPolicy(byte[] walletId, int version, byte[] policy, long approvalCounter, AuditEntry audit);

    void Audit(AuditEntry entry);

    IReadOnlyList<AuditEntry> AuditOf(byte[] walletId);

    /// <summary>How many sessions are in each state (fault checks).</summary>
    IReadOnlyDictionary<SessionState, int> SessionCounts();

    /// <summary>Every stored wallet (fault checks).</summary>
    IReadOnlyList<WalletRecord> Wallets();

    /// <summary>
    /// Ended sessions that still hold secret state they should not (fault checks): a seed or a sealed inbox of a
    /// session that is not open, or a sealed reply of one that was aborted or expired.
    /// </summary>
    int EndedSessionsHoldingSecrets();
}

/// <summary>What <see cref="IProviderStore.UseNonce"/> found.</summary>
public enum NonceOutcome
{
    Accepted,
    Replayed,
    RateLimited,
}

/// <summary>The wallet's spending as seen inside <see cref="IProviderStore.OpenSession"/>'s transaction.</summary>
public interface ISpendLedger
{
    /// <summary>Sum of the amounts of phone-and-provider signing sessions opened since <paramref name="since"/> and not aborted.</summary>
    long SpentSince(long since);

    /// <summary>When this transaction hash was first asked for (recording <paramref name="now"/> if never).</summary>
    long FirstAsked(byte[] hash, long now);
}

/// <summary>Allowed, or refused with a stable reason code.</summary>
public sealed record Decision(bool Allowed, string Reason, string Message)
{
    public static readonly Decision Allow = new(true, "allowed", "allowed");

    public static Decision Refuse(string reason, string message) => new(false, reason, message);
}
