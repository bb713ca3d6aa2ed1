namespace Nianbao.TestSupport;

/// <summary>
/// Room for a fresh, empty archive for one test: a temp folder, and in it an SQLite file ("sqlite"), or a
/// database of its own on the throw-away PostgreSQL server of NIANBAO_TEST_PG ("postgres").
/// Folder and database are removed on dispose.
/// </summary>
public sealed class ThrowAwayArchive : IDisposable
{
    /// <summary>The two databases every archive test runs on.</summary>
    public static readonly IReadOnlyList<string> ProviderNames = ["sqlite", "postgres"];

    private readonly ThrowAwayDatabase? _database;

    /// <param name="provider">"sqlite" or "postgres".</param>
    /// <param name="prefix">Names the temp folder (<c>nianbao-PREFIX-…</c>) and the database.</param>
    public ThrowAwayArchive(string provider, string prefix)
    {
        if (!ProviderNames.Contains(provider)) throw new ArgumentException($"provider is sqlite or postgres, not {provider}", nameof(provider));
        Folder = Directory.CreateTempSubdirectory($"nianbao-{prefix}-").FullName;
        if (provider == "sqlite") { Db = Path.Combine(Folder, "archive.db"); return; }
        try { _database = new ThrowAwayDatabase(prefix); }
        catch { DeleteFolder(); throw; }
        Db = _database.ConnectionString;
    }

    public string Folder { get; }

    /// <summary>What <c>--db</c> takes: the SQLite path or the PostgreSQL connection string.</summary>
    public string Db { get; }

    public bool IsPostgres => _database is not null;

    public void Dispose()
    {
        if (_database is not null) _database.Dispose();
        else Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        DeleteFolder();
    }

    private void DeleteFolder()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
