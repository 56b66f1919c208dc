using System.Data.Common;
using Npgsql;

namespace CardFirmware.Provider.Storage;

/// <summary>
/// PostgreSQL through Npgsql, for deployments with several provider nodes on one database: rows are locked with
/// <c>SELECT … FOR UPDATE</c> inside each write transaction, and migrations under a transaction-scoped advisory lock.
/// </summary>
public sealed class PostgresDialect(string connectionString) : ISqlDialect, IDisposable
{
    // Any fixed 64-bit number names the migration lock; this one is "CFPROV01" in ASCII.
    private const long MigrationLockId = 0x4346_5052_4F56_3031;
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public string Name => "postgresql";

    public string Blob => "BYTEA";

    public string Long => "BIGINT";

    public string Serial => "BIGSERIAL PRIMARY KEY";

    public string ForUpdate => " FOR UPDATE";

    public DbConnection Open() => _source.OpenConnection();

    public IDisposable WriteGate() => NoGate.Instance;

    public void LockMigrations(DbConnection connection, DbTransaction tx)
    {
        using var c = connection.CreateCommand();
        c.Transaction = tx;
        c.CommandText = "SELECT pg_advisory_xact_lock(" + MigrationLockId + ")";
        c.ExecuteNonQuery();
    }

    public void Dispose() => _source.Dispose();

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
