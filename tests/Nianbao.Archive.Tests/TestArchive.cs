namespace Nianbao.Archive.Tests;

/// <summary>
/// A fresh, empty archive for one test on a real database: an SQLite file in a temp folder, or a new
/// database on the PostgreSQL server named by NIANBAO_TEST_PG (test.sh starts a throw-away cluster on
/// loopback). Without that server the PostgreSQL tests fail: a test skipped is not a test passed.
/// </summary>
public sealed class TestArchive : IDisposable
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private readonly ThrowAwayArchive _place;

    private TestArchive(ThrowAwayArchive place)
    {
        _place = place;
        Location = ArchiveLocation.Parse(place.Db);
    }

    public ArchiveLocation Location { get; }

    /// <summary>A temp folder for the test's input files (and the SQLite file).</summary>
    public string Folder => _place.Folder;

    /// <summary>What to pass as <c>--db</c>.</summary>
    public string DbOption => Location.Provider == ArchiveProvider.Sqlite ? Location.Display : Location.ConnectionString;

    public static TestArchive Create(string provider) => new(new ThrowAwayArchive(provider, "archive-test"));

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

    public void Dispose() => _place.Dispose();
}
