using Dapper;
using Npgsql;

namespace Nianbao.Archive.Tests;

/// <summary>
/// A fresh, empty archive for one test on a real database: an SQLite file in a temp folder, or a new
/// database on the PostgreSQL server named by NIANBAO_TEST_PG (test.sh starts a throw-away cluster on
/// loopback). Without that server the PostgreSQL tests fail: a test skipped is not a test passed.
/// </summary>
public sealed class TestArchive : IDisposable
{
    public const string PostgresVariable = "NIANBAO_TEST_PG";

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private readonly string? _database;
    private readonly string? _server;

    private TestArchive(ArchiveLocation location, string folder, string? server, string? database)
    {
        Location = location;
        Folder = folder;
        _server = server;
        _database = database;
    }

    public ArchiveLocation Location { get; }

    /// <summary>A temp folder for the test's input files (and the SQLite file).</summary>
    public string Folder { get; }

    /// <summary>What to pass as <c>--db</c>.</summary>
    public string DbOption => Location.Provider == ArchiveProvider.Sqlite ? Location.Display : Location.ConnectionString;

    public static TestArchive Create(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("nianbao-archive-test-").FullName;
        if (provider == "sqlite")
            return new TestArchive(ArchiveLocation.Parse(Path.Combine(folder, "archive.db")), folder, null, null);
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException($"{PostgresVariable} is not set: run `bash test.sh`, which installs PostgreSQL and starts a throw-away server on 127.0.0.1.");
        var database = "nianbao_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            admin.Execute($"CREATE DATABASE {database}");
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database };
        return new TestArchive(ArchiveLocation.Parse(builder.ConnectionString), folder, server, database);
    }

    public ArchiveStore Open() => ArchiveStore.Open(Location);

    /// <summary>Another empty archive of the same provider (for comparing two imports).</summary>
    public TestArchive Sibling() => Create(Location.Provider == ArchiveProvider.Sqlite ? "sqlite" : "postgres");

    public string WriteFile(string relative, byte[] bytes)
    {
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
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
