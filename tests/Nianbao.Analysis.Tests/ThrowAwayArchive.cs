using Dapper;
using Npgsql;

namespace Nianbao.Analysis.Tests;

/// <summary>
/// A temp folder and an empty archive location in it: a SQLite file, or a database of its own on the
/// throw-away PostgreSQL server of `bash test.sh` (NIANBAO_TEST_PG). Dropped with the folder on dispose.
/// </summary>
public sealed class ThrowAwayArchive : IDisposable
{
    private readonly string? _server;
    private readonly string? _database;

    public string Folder { get; }

    /// <summary>What <c>--db</c> takes: the SQLite path or the PostgreSQL connection string.</summary>
    public string Db { get; }

    public ThrowAwayArchive(string provider, string prefix)
    {
        Folder = Directory.CreateTempSubdirectory($"nianbao-{prefix}-").FullName;
        if (provider == "sqlite") { Db = Path.Combine(Folder, "archive.db"); return; }
        _server = Environment.GetEnvironmentVariable("NIANBAO_TEST_PG");
        if (string.IsNullOrWhiteSpace(_server))
            throw new InvalidOperationException("NIANBAO_TEST_PG is not set: run `bash test.sh`, which installs PostgreSQL and starts a throw-away server on 127.0.0.1.");
        _database = $"nianbao_{prefix.Replace('-', '_')}_" + Guid.NewGuid().ToString("N")[..16];
        using (var admin = new NpgsqlConnection(_server))
        {
            admin.Open();
            admin.Execute($"CREATE DATABASE {_database}");
        }
        Db = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    public void Dispose()
    {
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(_server);
            admin.Open();
            admin.Execute($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
        else Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
