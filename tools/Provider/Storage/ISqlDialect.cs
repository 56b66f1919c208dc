using System.Data.Common;

namespace CardFirmware.Provider.Storage;

/// <summary>What differs between the two SQL backends: connections, column types, row locks, migration lock.</summary>
public interface ISqlDialect
{
    /// <summary>Short name for logs ("sqlite", "postgresql").</summary>
    string Name { get; }

    /// <summary>An open connection.</summary>
    DbConnection Open();

    /// <summary>Byte string column type.</summary>
    string Blob { get; }

    /// <summary>64-bit integer column type.</summary>
    string Long { get; }

    /// <summary>Auto-numbered primary key column.</summary>
    string Serial { get; }

    /// <summary>Suffix that locks the selected rows until the transaction ends ("" where the transaction already excludes other writers).</summary>
    string ForUpdate { get; }

    /// <summary>Held around every write transaction (SQLite: one writer per process; PostgreSQL: nothing, rows are locked).</summary>
    IDisposable WriteGate();

    /// <summary>Serialises concurrent migrations of one database by several nodes (inside <paramref name="tx"/>).</summary>
    void LockMigrations(DbConnection connection, DbTransaction tx);
}
