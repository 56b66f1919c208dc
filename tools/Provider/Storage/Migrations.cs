namespace CardFirmware.Provider.Storage;

/// <summary>
/// The provider's one schema as numbered migrations, applied in order and recorded in <c>schema_migrations</c>.
/// Column types come from the dialect ({blob}, {long}, {serial}); everything else is SQL both backends accept.
/// Append a migration to change the schema; never edit one that shipped.
/// </summary>
public static class Migrations
{
    public static readonly IReadOnlyList<(int Number, string Sql)> All =
    [
        (1, """
            CREATE TABLE wallets (
              id {blob} PRIMARY KEY, phone_key {blob} NOT NULL, card_key {blob} NOT NULL,
              public_key {blob} NOT NULL, chain_code {blob} NOT NULL, key_id {blob} NOT NULL,
              share_sealed {blob} NOT NULL, share_version INTEGER NOT NULL,
              policy {blob} NOT NULL, policy_version INTEGER NOT NULL, needs_refresh INTEGER NOT NULL,
              created_at {long} NOT NULL);
            CREATE TABLE sessions (
              handle {blob} PRIMARY KEY, wallet_id {blob} NOT NULL, protocol INTEGER NOT NULL,
              signers INTEGER NOT NULL, lost INTEGER NOT NULL, hash {blob}, path {blob},
              requester_key {blob} NOT NULL, seed_sealed {blob} NOT NULL, contribution {blob} NOT NULL,
              share_version INTEGER NOT NULL, new_phone_key {blob}, new_card_key {blob}, policy {blob},
              amount {long} NOT NULL, next_round INTEGER NOT NULL, state INTEGER NOT NULL, created_at {long} NOT NULL);
            CREATE TABLE rounds (
              handle {blob} NOT NULL, round INTEGER NOT NULL, inbox_hash {blob} NOT NULL,
              inbox_sealed {blob} NOT NULL, reply_sealed {blob} NOT NULL, committed_at {long} NOT NULL,
              PRIMARY KEY (handle, round));
            CREATE TABLE nonces (key {blob} NOT NULL, nonce {blob} NOT NULL, at {long} NOT NULL, PRIMARY KEY (key, nonce));
            CREATE TABLE delays (wallet_id {blob} NOT NULL, hash {blob} NOT NULL, first_at {long} NOT NULL, PRIMARY KEY (wallet_id, hash));
            CREATE TABLE audit (
              id {serial}, at {long} NOT NULL, wallet_id {blob} NOT NULL, handle {blob},
              action TEXT NOT NULL, allowed INTEGER NOT NULL, reason TEXT NOT NULL, node TEXT NOT NULL);
            """),
        (2, """
            CREATE INDEX sessions_spend ON sessions (wallet_id, created_at);
            CREATE INDEX nonces_by_time ON nonces (key, at);
            CREATE INDEX audit_by_wallet ON audit (wallet_id, id);
            """),
        (3, """
            CREATE TABLE provider_keys (id INTEGER PRIMARY KEY, public_key {blob} NOT NULL, key_sealed {blob} NOT NULL, created_at {long} NOT NULL);
            ALTER TABLE wallets ADD COLUMN approval_counter {long} NOT NULL DEFAULT 0
            """),

        // A session's deadline (Unix seconds): it expires unless its next round is committed before then. Sessions
        // opened before this migration get 0, so the first expiry sweep closes any that were left open.
        (4, """
            ALTER TABLE sessions ADD COLUMN expires_at {long} NOT NULL DEFAULT 0;
            CREATE INDEX sessions_open_by_deadline ON sessions (state, expires_at);
            """),
    ];

    /// <summary>The statements of <paramref name="sql"/> with the dialect's types.</summary>
    public static IEnumerable<string> Statements(string sql, ISqlDialect dialect) =>
        sql.Replace("{blob}", dialect.Blob).Replace("{long}", dialect.Long).Replace("{serial}", dialect.Serial)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
