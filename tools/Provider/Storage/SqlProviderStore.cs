using System.Buffers.Binary;
using System.Data;
using System.Data.Common;

namespace CardFirmware.Provider.Storage;

/// <summary>
/// <see cref="IProviderStore"/> in SQL that SQLite and PostgreSQL both run; <see cref="ISqlDialect"/> supplies
/// connections, column types and row locks. Each state change is one transaction that first locks the row it
/// depends on (the session for a round, the wallet for a spend or a policy), then re-checks it.
/// </summary>
public sealed class SqlProviderStore(ISqlDialect dialect) : IProviderStore
{
    // What a wiped secret column holds (the columns are NOT NULL).
    private static readonly byte[] Wiped = [];

    public ISqlDialect Dialect => dialect;

    public void Migrate()
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        using var tx = c.BeginTransaction();
        dialect.LockMigrations(c, tx);
        Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at " + dialect.Long + " NOT NULL)");
        var applied = new HashSet<int>();
        using (var q = Cmd(c, tx, "SELECT version FROM schema_migrations"))
        using (var r = q.ExecuteReader())
        {
            while (r.Read())
            {
                applied.Add(Convert.ToInt32(r.GetValue(0)));
            }
        }

        foreach (var (number, sql) in Migrations.All.Where(m => !applied.Contains(m.Number)))
        {
            foreach (var statement in Migrations.Statements(sql, dialect))
            {
                Exec(c, tx, statement);
            }

            Exec(c, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @t)", ("v", number), ("t", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        }

        tx.Commit();
    }

    public WalletRecord? Wallet(byte[] id)
    {
        using var c = dialect.Open();
        return ReadWallet(c, null, id, false);
    }

    public (byte[] PublicKey, byte[] Sealed)? StaticKey()
    {
        using var c = dialect.Open();
        using var q = Cmd(c, null, "SELECT public_key, key_sealed FROM provider_keys WHERE id = 1");
        using var r = q.ExecuteReader();
        return r.Read() ? ((byte[])r.GetValue(0), (byte[])r.GetValue(1)) : null;
    }

    public void InsertStaticKey(byte[] publicKey, byte[] sealedKey)
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        Exec(c, null, "INSERT INTO provider_keys (id, public_key, key_sealed, created_at) VALUES (1, @p, @k, @t) ON CONFLICT DO NOTHING",
            ("p", publicKey), ("k", sealedKey), ("t", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    }

    public IReadOnlyList<WalletRecord> Wallets()
    {
        using var c = dialect.Open();
        using var q = Cmd(c, null, "SELECT " + WalletColumns + " FROM wallets ORDER BY id");
        using var r = q.ExecuteReader();
        var list = new List<WalletRecord>();
        while (r.Read())
        {
            list.Add(WalletFrom(r));
        }

        return list;
    }

    public IReadOnlyDictionary<SessionState, int> SessionCounts()
    {
        using var c = dialect.Open();
        using var q = Cmd(c, null, "SELECT state, COUNT(*) FROM sessions GROUP BY state");
        using var r = q.ExecuteReader();
        var counts = new Dictionary<SessionState, int>();
        while (r.Read())
        {
            counts[(SessionState)Convert.ToInt32(r.GetValue(0))] = Convert.ToInt32(r.GetValue(1));
        }

        return counts;
    }

    public SessionRecord? Session(byte[] handle)
    {
        using var c = dialect.Open();
        return ReadSession(c, null, handle, false);
    }

    public RoundRecord? Round(byte[] handle, int round)
    {
        using var c = dialect.Open();
        using var q = Cmd(c, null, "SELECT handle, round, inbox_hash, inbox_sealed, reply_sealed FROM rounds WHERE handle = @h AND round = @r", ("h", handle), ("r", round));
        using var r = q.ExecuteReader();
        return r.Read() ? RoundFrom(r) : null;
    }

    public IReadOnlyList<RoundRecord> Rounds(byte[] handle)
    {
        using var c = dialect.Open();
        using var q = Cmd(c, null, "SELECT handle, round, inbox_hash, inbox_sealed, reply_sealed FROM rounds WHERE handle = @h ORDER BY round", ("h", handle));
        using var r = q.ExecuteReader();
        var list = new List<RoundRecord>();
        while (r.Read())
        {
            list.Add(RoundFrom(r));
        }

        return list;
    }

    public NonceOutcome UseNonce(byte[] key, byte[] nonce, long now, int perMinute)
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        using var tx = c.BeginTransaction();
        var inserted = Exec(c, tx, "INSERT INTO nonces (key, nonce, at) VALUES (@k, @n, @t) ON CONFLICT DO NOTHING", ("k", key), ("n", nonce), ("t", now));
        if (inserted == 0)
        {
            tx.Rollback();
            return NonceOutcome.Replayed;
        }

        var recent = Convert.ToInt64(Scalar(c, tx, "SELECT COUNT(*) FROM nonces WHERE key = @k AND at > @since", ("k", key), ("since", now - 60)));
        if (recent > perMinute)
        {
            // The refused request's nonce stays recorded: it counts towards the limit and cannot be replayed.
            tx.Commit();
            return NonceOutcome.RateLimited;
        }

        tx.Commit();
        return NonceOutcome.Accepted;
    }

    public void ForgetNonces(long before)
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        Exec(c, null, "DELETE FROM nonces WHERE at < @t", ("t", before));
    }

    public Decision OpenSession(SessionRecord s, Func<ISpendLedger, Decision> decide, AuditEntry audit)
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        using var tx = c.BeginTransaction();

        // The wallet row (absent while a wallet is created) serialises the spending checks of concurrent opens.
        ReadWallet(c, tx, s.WalletId, true);
        if (Scalar(c, tx, "SELECT 1 FROM sessions WHERE handle = @h", ("h", s.Handle)) is not null)
        {
            tx.Rollback();
            return Decision.Refuse("session.exists", "A session with this handle exists.");
        }

        var decision = s.ApprovalCounter is { } counter && !RaiseApprovalCounter(c, tx, s.WalletId, counter)
            ? Decision.Refuse("auth.replay", "The card's approval was used before (its counter is not above the last one accepted).")
            : decide(new Ledger(c, tx, s.WalletId));
        if (decision.Allowed)
        {
            Exec(c, tx, """
                INSERT INTO sessions (handle, wallet_id, protocol, signers, lost, hash, path, requester_key, seed_sealed, contribution,
                  share_version, new_phone_key, new_card_key, policy, amount, next_round, state, created_at, expires_at)
                VALUES (@h, @w, @p, @s, @l, @hash, @path, @rk, @seed, @contrib, @sv, @npk, @nck, @pol, @amt, 1, 0, @t, @exp)
                """,
                ("h", s.Handle), ("w", s.WalletId), ("p", s.Protocol), ("s", SignerMask(s.Signers)), ("l", s.Lost), ("hash", s.Hash),
                ("path", EncodePath(s.Path)), ("rk", s.RequesterKey), ("seed", s.SeedSealed), ("contrib", s.Contribution),
                ("sv", s.ShareVersion), ("npk", s.NewPhoneKey), ("nck", s.NewCardKey), ("pol", s.Policy), ("amt", s.Amount), ("t", audit.At), ("exp", s.ExpiresAt));
        }

        InsertAudit(c, tx, audit with { Allowed = decision.Allowed, Reason = decision.Reason });
        tx.Commit();
        return decision;
    }

    public bool CommitRound(RoundRecord round, SessionState newState, ShareUpdate? share, long expiresAt, AuditEntry audit)
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        using var tx = c.BeginTransaction();
        var session = ReadSession(c, tx, round.Handle, true);
        if (session is null || session.State != SessionState.Open || session.NextRound != round.Round || session.ExpiresAt <= audit.At)
        {
            tx.Rollback();
            return false;
        }

        var done = newState == SessionState.Done;
        Exec(c, tx, "INSERT INTO rounds (handle, round, inbox_hash, inbox_sealed, reply_sealed, committed_at) VALUES (@h, @r, @ih, @in, @out, @t)",
            ("h", round.Handle), ("r", round.Round), ("ih", round.InboxHash), ("in", done ? Wiped : round.InboxSealed), ("out", round.ReplySealed), ("t", audit.At));
        Exec(c, tx, "UPDATE sessions SET next_round = @n, state = @s, expires_at = @exp WHERE handle = @h",
            ("n", round.Round + 1), ("s", (int)newState), ("exp", expiresAt), ("h", round.Handle));
        if (done)
        {
            // Nothing rebuilds a finished session's party: only its replies are still needed, for retried rounds.
            Exec(c, tx, "UPDATE sessions SET seed_sealed = @x WHERE handle = @h", ("x", Wiped), ("h", round.Handle));
            Exec(c, tx, "UPDATE rounds SET inbox_sealed = @x WHERE handle = @h", ("x", Wiped), ("h", round.Handle));
        }

        if (share is not null && !ApplyShare(c, tx, session, share, audit.At))
        {
            tx.Rollback();
            return false;
        }

        InsertAudit(c, tx, audit);
        tx.Commit();
        return true;
    }

    public SessionState? EndSession(byte[] handle, SessionState end, bool burnShare, AuditEntry audit)
    {
        if (end is not (SessionState.Aborted or SessionState.Expired))
        {
            throw new ArgumentOutOfRangeException(nameof(end), "A session ends aborted or expired.");
        }

        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        using var tx = c.BeginTransaction();
        var session = ReadSession(c, tx, handle, true);
        if (session is null)
        {
            tx.Rollback();
            return null;
        }

        var ends = session.State == SessionState.Open && (end == SessionState.Aborted || session.ExpiresAt <= audit.At);
        if (ends)
        {
            // The released amount no longer counts against the daily limit; the wiped seed and messages mean the
            // party can never be rebuilt, on any node.
            Exec(c, tx, "UPDATE sessions SET state = @s, amount = 0, seed_sealed = @x WHERE handle = @h", ("s", (int)end), ("x", Wiped), ("h", handle));
            Exec(c, tx, "UPDATE rounds SET inbox_sealed = @x, reply_sealed = @x WHERE handle = @h", ("x", Wiped), ("h", handle));
            if (burnShare)
            {
                Exec(c, tx, "UPDATE wallets SET needs_refresh = 1 WHERE id = @w AND share_version = @v", ("w", session.WalletId), ("v", session.ShareVersion));
            }

            InsertAudit(c, tx, audit);
        }
        else if (end == SessionState.Aborted)
        {
            InsertAudit(c, tx, audit with { Reason = "already " + session.State.ToString().ToLowerInvariant() });
        }

        tx.Commit();
        return ends ? end : session.State;
    }

    public IReadOnlyList<byte[]> OverdueSessions(long now, int limit)
    {
        using var c = dialect.Open();
        using var q = Cmd(c, null, "SELECT handle FROM sessions WHERE state = 0 AND expires_at <= @t ORDER BY expires_at LIMIT @n", ("t", now), ("n", limit));
        using var r = q.ExecuteReader();
        var list = new List<byte[]>();
        while (r.Read())
        {
            list.Add((byte[])r.GetValue(0));
        }

        return list;
    }

    public int EndedSessionsHoldingSecrets()
    {
        using var c = dialect.Open();
        return Convert.ToInt32(Scalar(c, null, """
            SELECT COUNT(*) FROM sessions s WHERE s.state <> 0 AND (length(s.seed_sealed) > 0 OR EXISTS (
              SELECT 1 FROM rounds r WHERE r.handle = s.handle AND (length(r.inbox_sealed) > 0 OR (s.state <> 1 AND length(r.reply_sealed) > 0))))
            """));
    }

    public Decision SetPolicy(byte[] walletId, int version, byte[] policy, long approvalCounter, AuditEntry audit)
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        using var tx = c.BeginTransaction();
        var wallet = ReadWallet(c, tx, walletId, true);
        var decision = wallet is null || wallet.PolicyVersion != version - 1
            ? Decision.Refuse("policy.version", "The policy version must be the current one + 1.")
            : !RaiseApprovalCounter(c, tx, walletId, approvalCounter)
                ? Decision.Refuse("auth.replay", "The card's approval was used before (its counter is not above the last one accepted).")
                : Decision.Allow;
        if (decision.Allowed)
        {
            Exec(c, tx, "UPDATE wallets SET policy = @p, policy_version = @v WHERE id = @w", ("p", policy), ("v", version), ("w", walletId));
        }

        InsertAudit(c, tx, audit with { Allowed = decision.Allowed, Reason = decision.Allowed ? audit.Reason : decision.Reason });
        tx.Commit();
        return decision;
    }

    // A card's approvals carry its persistent counter, raised before each signature: one not above the last accepted is a replay.
    private static bool RaiseApprovalCounter(DbConnection c, DbTransaction tx, byte[] walletId, long counter) =>
        Exec(c, tx, "UPDATE wallets SET approval_counter = @c WHERE id = @w AND approval_counter < @c", ("c", counter), ("w", walletId)) == 1;

    public void Audit(AuditEntry entry)
    {
        using var gate = dialect.WriteGate();
        using var c = dialect.Open();
        InsertAudit(c, null, entry);
    }

    public IReadOnlyList<AuditEntry> AuditOf(byte[] walletId)
    {
        using var c = dialect.Open();
        using var q = Cmd(c, null, "SELECT at, wallet_id, handle, action, allowed, reason, node FROM audit WHERE wallet_id = @w ORDER BY id", ("w", walletId));
        using var r = q.ExecuteReader();
        var list = new List<AuditEntry>();
        while (r.Read())
        {
            list.Add(new AuditEntry(
                Convert.ToInt64(r.GetValue(0)), (byte[])r.GetValue(1), r.IsDBNull(2) ? null : (byte[])r.GetValue(2),
                r.GetString(3), Convert.ToInt32(r.GetValue(4)) == 1, r.GetString(5), r.GetString(6)));
        }

        return list;
    }

    // A key generation inserts the wallet; a refresh or recovery replaces the share it started from (and, for a
    // recovery, the replaced party's enrolled key), so a share version moves exactly once per finished run.
    private bool ApplyShare(DbConnection c, DbTransaction tx, SessionRecord s, ShareUpdate u, long now)
    {
        if (s.Protocol == (int)CardFirmware.Host.Hybrid.ProviderProtocol.CreateWallet)
        {
            return Exec(c, tx, """
                INSERT INTO wallets (id, phone_key, card_key, public_key, chain_code, key_id, share_sealed, share_version, policy, policy_version, needs_refresh, created_at)
                VALUES (@w, @pk, @ck, @pub, @cc, @kid, @share, 1, @pol, 1, 0, @t) ON CONFLICT DO NOTHING
                """,
                ("w", s.WalletId), ("pk", u.PhoneKey), ("ck", u.CardKey), ("pub", u.PublicKey), ("cc", u.ChainCode), ("kid", u.KeyId),
                ("share", u.ShareSealed), ("pol", u.Policy), ("t", now)) == 1;
        }

        return Exec(c, tx, """
            UPDATE wallets SET key_id = @kid, share_sealed = @share, share_version = share_version + 1, needs_refresh = 0,
              phone_key = COALESCE(@pk, phone_key), card_key = COALESCE(@ck, card_key),
              approval_counter = CASE WHEN @newcard = 1 THEN 0 ELSE approval_counter END
            WHERE id = @w AND share_version = @v
            """,
            ("kid", u.KeyId), ("share", u.ShareSealed), ("pk", u.PhoneKey), ("ck", u.CardKey), ("newcard", u.CardKey is null ? 0 : 1),
            ("w", s.WalletId), ("v", s.ShareVersion)) == 1;
    }

    private const string WalletColumns = "id, phone_key, card_key, public_key, chain_code, key_id, share_sealed, share_version, policy, policy_version, needs_refresh, approval_counter";

    private WalletRecord? ReadWallet(DbConnection c, DbTransaction? tx, byte[] id, bool forUpdate)
    {
        using var q = Cmd(c, tx, "SELECT " + WalletColumns + " FROM wallets WHERE id = @w" + (forUpdate ? dialect.ForUpdate : ""), ("w", id));
        using var r = q.ExecuteReader();
        return r.Read() ? WalletFrom(r) : null;
    }

    private static WalletRecord WalletFrom(DbDataReader r) => new(
        (byte[])r.GetValue(0), (byte[])r.GetValue(1), (byte[])r.GetValue(2), (byte[])r.GetValue(3), (byte[])r.GetValue(4),
        (byte[])r.GetValue(5), (byte[])r.GetValue(6), Convert.ToInt32(r.GetValue(7)), (byte[])r.GetValue(8),
        Convert.ToInt32(r.GetValue(9)), Convert.ToInt32(r.GetValue(10)) == 1, Convert.ToInt64(r.GetValue(11)));

    private SessionRecord? ReadSession(DbConnection c, DbTransaction? tx, byte[] handle, bool forUpdate)
    {
        using var q = Cmd(c, tx, """
            SELECT handle, wallet_id, protocol, signers, lost, hash, path, requester_key, seed_sealed, contribution, share_version,
              new_phone_key, new_card_key, policy, amount, next_round, state, expires_at FROM sessions WHERE handle = @h
            """ + (forUpdate ? dialect.ForUpdate : ""), ("h", handle));
        using var r = q.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        byte[]? Bytes(int i) => r.IsDBNull(i) ? null : (byte[])r.GetValue(i);
        return new SessionRecord(
            (byte[])r.GetValue(0), (byte[])r.GetValue(1), Convert.ToInt32(r.GetValue(2)), SignersOf(Convert.ToInt32(r.GetValue(3))),
            Convert.ToInt32(r.GetValue(4)), Bytes(5), DecodePath(Bytes(6)), (byte[])r.GetValue(7), (byte[])r.GetValue(8),
            (byte[])r.GetValue(9), Convert.ToInt32(r.GetValue(10)), Bytes(11), Bytes(12), Bytes(13), Convert.ToInt64(r.GetValue(14)),
            Convert.ToInt32(r.GetValue(15)), (SessionState)Convert.ToInt32(r.GetValue(16)), Convert.ToInt64(r.GetValue(17)));
    }

    private static RoundRecord RoundFrom(DbDataReader r) =>
        new((byte[])r.GetValue(0), Convert.ToInt32(r.GetValue(1)), (byte[])r.GetValue(2), (byte[])r.GetValue(3), (byte[])r.GetValue(4));

    private static void InsertAudit(DbConnection c, DbTransaction? tx, AuditEntry e) =>
        Exec(c, tx, "INSERT INTO audit (at, wallet_id, handle, action, allowed, reason, node) VALUES (@t, @w, @h, @a, @ok, @r, @n)",
            ("t", e.At), ("w", e.WalletId), ("h", e.Handle), ("a", e.Action), ("ok", e.Allowed ? 1 : 0), ("r", e.Reason), ("n", e.Node));

    private static int SignerMask(int[] signers) => signers.Aggregate(0, (m, s) => m | (1 << s));

    private static int[] SignersOf(int mask) => Enumerable.Range(1, 3).Where(s => (mask & (1 << s)) != 0).ToArray();

    private static byte[]? EncodePath(uint[]? path)
    {
        if (path is null)
        {
            return null;
        }

        var b = new byte[path.Length * 4];
        for (var i = 0; i < path.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 4), path[i]);
        }

        return b;
    }

    private static uint[]? DecodePath(byte[]? b) =>
        b is null ? null : Enumerable.Range(0, b.Length / 4).Select(i => BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i * 4))).ToArray();

    private static DbCommand Cmd(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            if (value is null)
            {
                // An untyped NULL bytea parameter needs its type named for PostgreSQL.
                p.DbType = DbType.Binary;
            }

            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    private static int Exec(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] args)
    {
        using var cmd = Cmd(c, tx, sql, args);
        return cmd.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] args)
    {
        using var cmd = Cmd(c, tx, sql, args);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    private sealed class Ledger(DbConnection c, DbTransaction tx, byte[] wallet) : ISpendLedger
    {
        public long SpentSince(long since) => Convert.ToInt64(Scalar(c, tx,
            "SELECT COALESCE(SUM(amount), 0) FROM sessions WHERE wallet_id = @w AND created_at >= @since AND state IN (0, 1)",
            ("w", wallet), ("since", since)));

        public long FirstAsked(byte[] hash, long now)
        {
            Exec(c, tx, "INSERT INTO delays (wallet_id, hash, first_at) VALUES (@w, @h, @t) ON CONFLICT DO NOTHING", ("w", wallet), ("h", hash), ("t", now));
            return Convert.ToInt64(Scalar(c, tx, "SELECT first_at FROM delays WHERE wallet_id = @w AND hash = @h", ("w", wallet), ("h", hash)));
        }
    }
}
