using System.Data.Common;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nianbao.Archive;

/// <summary>
/// Opens connections to the archive and brings its schema up to date with DbUp, with the same
/// scripts on SQLite and PostgreSQL (only the binary type differs).
/// </summary>
public static class ArchiveDatabase
{
    /// <param name="prepareRepeated">
    /// PostgreSQL: statements the connection runs again and again are prepared (Npgsql's automatic preparation,
    /// 64 statements), unless the connection string says otherwise (<c>Max Auto Prepare</c>). An import runs the
    /// same few dozen statements thousands of times; parsed and planned once per connection instead of at each
    /// execution, the server's CPU for an import fell by a quarter (docs/performance.md, "Session 8: PostgreSQL").
    /// </param>
    public static DbConnection Open(ArchiveLocation location, bool prepareRepeated = false)
    {
        DbConnection connection = location.Provider == ArchiveProvider.Sqlite
            ? new SqliteConnection(location.ConnectionString)
            : new NpgsqlConnection(prepareRepeated ? WithAutoPrepare(location.ConnectionString) : location.ConnectionString);
        connection.Open();
        if (location.Provider == ArchiveProvider.Sqlite)
        {
            using var pragma = connection.CreateCommand();
            // WAL: a killed process loses at most its open transaction, and readers never block the writer.
            // A 64 MB page cache (default 2 MB): the cells' key is a content hash, so each report's rows land
            // all over the index, and with a small cache every insert read its pages again as the archive grew.
            // Checkpoints every 64 MB of journal instead of every 4 MB: an import's window writes several MB, and
            // pages written again and again (the index leaves) are copied into the database once per checkpoint.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA busy_timeout=60000; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384;";
            pragma.ExecuteNonQuery();
        }
        return connection;
    }

    private static string WithAutoPrepare(string connectionString)
    {
        // Only keys the string itself holds (NpgsqlConnectionStringBuilder would answer for every keyword it knows).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    /// <summary>
    /// Most scripts are plain SQL both databases understand; the few that cannot be (triggers) come in
    /// two files, <c>NNNN_name.sqlite.sql</c> and <c>NNNN_name.postgres.sql</c>, and each archive runs its own.
    /// </summary>
    private static bool ForProvider(string name, ArchiveProvider provider) =>
        name.EndsWith(".sqlite.sql", StringComparison.Ordinal) ? provider == ArchiveProvider.Sqlite
        : !name.EndsWith(".postgres.sql", StringComparison.Ordinal) || provider == ArchiveProvider.Postgres;

    /// <summary>
    /// The page size of a NEW SQLite archive (SQLite's default is 4,096). An import's commit is mostly SQLite
    /// writing the window's pages into the WAL and copying them into the file at the checkpoint, a few system calls
    /// a page whatever its size; a report's record and cell set (≈ 10 KB and more) span several overflow pages.
    /// With 8 KB pages an import writes about as many bytes in two-thirds of the calls: the commit's CPU fell by
    /// ≈ 25 % in a probe replaying 5,000 reports (docs/performance.md, "Session 8: pages and commit"), the file
    /// grew by 2 %. Larger pages cut the calls further but every page rewritten in a random index (reports by
    /// hash, findings, inputs) is then a larger write: 16 KB made the file 16 % larger and the rows' inserts
    /// slower. An existing archive keeps its page size (changing it means rewriting the file with VACUUM).
    /// </summary>
    public const int NewArchivePageSize = 8192;

    /// <summary>
    /// An SQLite file with no pages yet (new, or empty) gets <see cref="NewArchivePageSize"/> before anything
    /// creates a table: the page size is fixed by the first write, and in WAL mode cannot change after it.
    /// </summary>
    private static void SetPageSizeIfNew(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0) return;
        command.CommandText = $"PRAGMA page_size={NewArchivePageSize}; PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>The SQL function migration 0098 compresses the records of an existing SQLite archive with (<see cref="StoredRecord"/>).</summary>
    internal const string CompressRecordFunction = "nianbao_compress_record";

    /// <summary>Runs the scripts not yet applied; throws <see cref="ArchiveException"/> when one fails.</summary>
    public static void Migrate(ArchiveLocation location)
    {
        // SQLite: DbUp runs on a connection of ours, which knows the function 0098 needs (SQLite has no zlib).
        using var sqlite = location.Provider == ArchiveProvider.Sqlite ? new SqliteConnection(location.ConnectionString) : null;
        if (sqlite is not null)
        {
            sqlite.Open();
            SetPageSizeIfNew(sqlite);
            sqlite.CreateFunction(CompressRecordFunction, (string json) => StoredRecord.Compress(json), isDeterministic: true);
        }
        var builder = sqlite is not null
            ? DeployChanges.To.SqliteDatabase(new DbUp.Sqlite.Helpers.SharedConnection(sqlite))
            : DeployChanges.To.PostgresqlDatabase(location.ConnectionString);
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(ArchiveDatabase).Assembly, name => name.Contains(".Migrations.", StringComparison.Ordinal) && ForProvider(name, location.Provider))
            .WithVariable("blob", location.Provider == ArchiveProvider.Sqlite ? "BLOB" : "BYTEA")
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        if (!engine.IsUpgradeRequired()) return;
        var result = engine.PerformUpgrade();
        if (!result.Successful)
            throw new ArchiveException($"{location.Display}: the archive's schema could not be brought up to date ({result.ErrorScript?.Name}): {result.Error?.Message}", result.Error);
    }
}

/// <summary>A problem with the archive itself (not with one input): the message names the database and the problem.</summary>
public sealed class ArchiveException(string message, Exception? inner = null) : Exception(message, inner);
