using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CardFirmware.Provider.Storage;

/// <summary>
/// SQLite, the embedded default: one file, no set-up. WAL journal so readers never wait for the writer; writes are
/// serialised in the process (<see cref="WriteGate"/>), which is why a SQLite database serves one provider node.
/// </summary>
public sealed class SqliteDialect(string path) : ISqlDialect
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly string _connection = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Name => "sqlite";

    public string Blob => "BLOB";

    public string Long => "INTEGER";

    public string Serial => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public string ForUpdate => "";

    public DbConnection Open()
    {
        var c = new SqliteConnection(_connection);
        c.Open();
        using var pragma = c.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return c;
    }

    public IDisposable WriteGate()
    {
        _writer.Wait();
        return new Release(_writer);
    }

    public void LockMigrations(DbConnection connection, DbTransaction tx)
    {
    }

    private sealed class Release(SemaphoreSlim s) : IDisposable
    {
        public void Dispose() => s.Release();
    }
}
