using Npgsql;

namespace CardFirmware.Provider.Tests;

/// <summary>
/// The two backends the same suite runs on: a fresh SQLite file per test, and the throw-away PostgreSQL cluster
/// `.ci/run` starts (its Npgsql connection string in <c>PROVIDER_TEST_POSTGRES</c>); each PostgreSQL test gets a
/// database of its own. Without the variable the PostgreSQL tests skip and say why.
/// </summary>
public static class Databases
{
    public const string PostgresVariable = "PROVIDER_TEST_POSTGRES";

    public static string Sqlite()
    {
        var dir = Path.Combine(Path.GetTempPath(), "provider-tests");
        Directory.CreateDirectory(dir);
        return "sqlite:" + Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db");
    }

    public static string Postgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        Skip.If(string.IsNullOrEmpty(server), PostgresVariable + " is not set (`.ci/run` starts a throw-away PostgreSQL 15 cluster and sets it); the PostgreSQL run of this test skipped.");
        var name = "provider_" + Guid.NewGuid().ToString("N");
        using (var c = new NpgsqlConnection(server))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("CREATE DATABASE " + name, c);
            cmd.ExecuteNonQuery();
        }

        return "postgres:" + new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
