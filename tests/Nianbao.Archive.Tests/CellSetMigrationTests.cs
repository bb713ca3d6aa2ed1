using System.Globalization;
using Dapper;
using DbUp;
using Nianbao.Archive.Import;
using Xunit;

namespace Nianbao.Archive.Tests;

/// <summary>
/// Migration 0093 converts an archive whose cells are rows of <c>cell_rows</c> (0092) into cell sets:
/// the view <c>cells</c> and <see cref="ArchiveStore.Cells(string)"/> show the same rows, columns and
/// values after it (a settled cell as settled, its document reading kept apart), and UPDATE and DELETE
/// through the view still reach the stored cells.
/// </summary>
public sealed class CellSetMigrationTests
{
    private const string Report = "aaaa000000000000000000000000000000000000000000000000000000000001";
    private const string Neighbour = "bbbb000000000000000000000000000000000000000000000000000000000002";

    // report, path, seq, table, row, field, status, value_text, unit, confidence, src_start, src_length, src_text, page, box, src_table, src_row, src_column, neighbour
    private static readonly object?[][] Rows =
    [
        [Report, "applications.received.total", 10000, "applications", "received", "total", "value", "12", null, "exact", 40, 2, "12", 1, "10,20,30,40", 2, 3, 4, null],
        [Report, "applications.received.naturalPerson", 10001, "applications", "received", "naturalPerson", "blank", null, null, null, null, null, null, null, null, null, null, null, null],
        [Report, "activeDisclosure.fees.amount", 9, "activeDisclosure", "fees", "amount", "value", "1.50", "万元", "solvedByArithmetic", 7, 4, "1.5\"\\\n", null, null, null, null, null, null],
        [Report, "activeDisclosure.rules.inForce", 3, "activeDisclosure", "rules", "inForce", "settled", "7", null, "settledByNeighbour", null, null, "7 1 0", null, null, null, null, null, Neighbour],
        [Report, "activeDisclosure.rules.issued", 4, "activeDisclosure", "rules", "issued", "ambiguous", null, null, null, null, null, null, null, null, null, null, null, null],
        [Report, "feeCollection.notifiedCount", 900000, "feeCollection", "", "notifiedCount", "unread", null, null, null, null, null, null, null, null, null, null, null, null],
    ];

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void An_archive_of_cell_rows_shows_the_same_cells_after_0093(string provider)
    {
        using var archive = TestArchive.Create(provider);
        MigrateTo0092(archive.Location);
        using (var db = ArchiveDatabase.Open(archive.Location))
        {
            var paths = InsertReportsAndPaths(db);
            InsertPaths(db, paths);
            foreach (var r in Rows)
            {
                db.Execute("""
                    INSERT INTO cell_rows (report_no, seq, path_id, status, value, value_text, unit, confidence, src_start, src_length, src_text, page, box, src_table, src_row, src_column, neighbour_id)
                    VALUES (1, @seq, @pathId, @status, @value, @text, @unit, @confidence, @start, @length, @src, @page, @box, @table, @row, @column, @neighbour)
                    """,
                    new
                    {
                        seq = r[2], pathId = paths.IndexOf((string)r[1]!) + 1, status = r[6], value = r[7] is string t ? decimal.Parse(t, CultureInfo.InvariantCulture) : (decimal?)null,
                        text = r[7], unit = r[8], confidence = r[9], start = r[10], length = r[11], src = r[12], page = r[13], box = r[14], table = r[15], row = r[16], column = r[17], neighbour = r[18],
                    });
            }
        }

        using var store = ArchiveStore.Open(archive.Location); // runs 0093 on
        var expected = Rows.OrderBy(r => (int)r[2]!).Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "∅"))).ToList();
        Assert.Equal(expected, store.Cells(Report).Select(Line).ToList());
        Assert.Equal(expected, store.Cells(new ReportFilter { IncludeHistory = true }).Select(Line).ToList());
        var view = store.Connection.Query("SELECT * FROM cells ORDER BY seq").Select(r => (IDictionary<string, object?>)r).ToList();
        Assert.Equal(expected.Count, view.Count);
        // The number's type as SQL sees it: what the NUMERIC column held (an integer, a real, a numeric).
        Assert.Equal(12m, Convert.ToDecimal(view.Single(r => (string)r["path"]! == "applications.received.total")["value"], CultureInfo.InvariantCulture));
        Assert.Equal(1.5m, Convert.ToDecimal(view.Single(r => (string)r["path"]! == "activeDisclosure.fees.amount")["value"], CultureInfo.InvariantCulture));
        Assert.Equal([Report], CellRows.SettledBy(store.Connection, null!, Neighbour));

        // A settled cell put back to ambiguous shows the document's reading again (no number, no confidence, no src_text).
        using (var tx = store.Connection.BeginTransaction())
        {
            Assert.Equal(1, CellRows.Unsettle(store.Connection, tx, Report));
            tx.Commit();
        }
        var unsettled = store.Cells(Report).Single(c => c.Path == "activeDisclosure.rules.inForce");
        Assert.Equal(("ambiguous", null, null, null, null), (unsettled.Status, unsettled.Value, unsettled.Confidence, unsettled.SrcText, unsettled.NeighbourId));

        // UPDATE and DELETE through the view.
        store.Connection.Execute("UPDATE cells SET value = 13, value_text = '13', src_text = '十三' WHERE report_id = @Report AND path = 'applications.received.total'", new { Report });
        store.Connection.Execute("DELETE FROM cells WHERE report_id = @Report AND path = 'applications.received.naturalPerson'", new { Report });
        var after = store.Cells(Report);
        Assert.Equal(expected.Count - 1, after.Count);
        var total = after.Single(c => c.Path == "applications.received.total");
        Assert.Equal((13m, "十三", "exact", 40, "10,20,30,40"), (total.Value!.Value, total.SrcText!, total.Confidence!, total.SrcStart!.Value, total.Box!));
        Assert.DoesNotContain(after, c => c.Path == "applications.received.naturalPerson");
    }

    private static string Line(CellEntry c) => string.Join("|", new object?[]
    {
        c.ReportId, c.Path, SeqOf(c), c.TableName, c.RowKey, c.Field, c.Status, c.Value?.ToString(CultureInfo.InvariantCulture), c.Unit, c.Confidence,
        c.SrcStart, c.SrcLength, c.SrcText, c.Page, c.Box, c.SrcTable, c.SrcRow, c.SrcColumn, c.NeighbourId,
    }.Select(v => v?.ToString() ?? "∅"));

    /// <summary>The two reports of the fixture (a report and its neighbour) as 0092 stores them; the paths of <see cref="Rows"/> in their id order.</summary>
    private static List<string> InsertReportsAndPaths(System.Data.IDbConnection db)
    {
        foreach (var (id, arrival) in new[] { (Report, 1), (Neighbour, 2) })
            db.Execute("""
                INSERT INTO reports (id, arrival, template, file_name, format, is_current, errors, warnings, record, reader, imported_at)
                VALUES (@id, @arrival, '2021', 'f.txt', 'text', 1, 0, 0, '{}', 'test', '2026-12-06')
                """, new { id, arrival });
        return Rows.Select(r => (string)r[1]!).Order(StringComparer.Ordinal).ToList();
    }

    private static void InsertPaths(System.Data.IDbConnection db, List<string> paths)
    {
        foreach (var r in Rows)
            db.Execute("INSERT INTO cell_paths (id, path, table_name, row_key, field) VALUES (@id, @path, @table, @row, @field)",
                new { id = paths.IndexOf((string)r[1]!) + 1, path = r[1], table = r[3], row = r[4], field = r[5] });
    }

    private static int SeqOf(CellEntry c) => (int)Rows.Single(r => (string)r[1]! == c.Path)[2]!;

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void An_archive_of_0093_cell_sets_shows_the_same_cells_after_0101(string provider)
    {
        using var archive = TestArchive.Create(provider);
        MigrateTo0092(archive.Location);
        using (var db = ArchiveDatabase.Open(archive.Location))
        {
            var paths = InsertReportsAndPaths(db);
            InsertPaths(db, paths);
            // Two reports of one layout: the first complete, the second with a cell deleted (its array shorter than its layout).
            foreach (var reportNo in new[] { 1, 2 })
                foreach (var r in Rows)
                    db.Execute("""
                        INSERT INTO cell_rows (report_no, seq, path_id, status, value, value_text, unit, confidence, src_start, src_length, src_text, page, box, src_table, src_row, src_column, neighbour_id)
                        VALUES (@reportNo, @seq, @pathId, @status, @value, @text, @unit, @confidence, @start, @length, @src, @page, @box, @table, @row, @column, @neighbour)
                        """,
                        new
                        {
                            reportNo, seq = r[2], pathId = paths.IndexOf((string)r[1]!) + 1, status = r[6], value = r[7] is string t ? decimal.Parse(t, CultureInfo.InvariantCulture) : (decimal?)null,
                            text = r[7], unit = r[8], confidence = r[9], start = r[10], length = r[11], src = r[12], page = r[13], box = r[14], table = r[15], row = r[16], column = r[17],
                            neighbour = reportNo == 1 ? r[18] : null, status2 = r[6],
                        });
            db.Execute("UPDATE cell_rows SET status = 'ambiguous' WHERE report_no = 2 AND status = 'settled'");
        }
        Migrate(archive.Location, 100); // 0093 makes the cell sets as they were stored until 0101
        List<string> before;
        using (var db = ArchiveDatabase.Open(archive.Location))
        {
            db.Execute("DELETE FROM cells WHERE report_id = @Neighbour AND path = 'activeDisclosure.rules.issued'", new { Neighbour });
            // A cell of many digits and one whose source text is not its number's.
            db.Execute("UPDATE cells SET value_text = '123456789012345678', src_text = '１２３', src_length = 3 WHERE report_id = @Neighbour AND path = 'applications.received.total'", new { Neighbour });
            before = ViewRows(db);
        }
        Assert.Equal(2 * Rows.Length - 1, before.Count);

        using var store = ArchiveStore.Open(archive.Location); // runs 0101
        Assert.Equal(before, ViewRows(store.Connection));
        Assert.Equal(before, ViewRows(store.Connection, decoded: store));
        // The view still writes: a deleted cell is gone from both, an updated one shows what was written.
        store.Connection.Execute("DELETE FROM cells WHERE report_id = @Report AND path = 'activeDisclosure.fees.amount'", new { Report });
        store.Connection.Execute("UPDATE cells SET status = 'value', value_text = '8', confidence = 'placedByOrder', src_start = 3, src_length = 1, src_text = '8' WHERE report_id = @Neighbour AND path = 'activeDisclosure.rules.inForce'", new { Neighbour });
        var after = ViewRows(store.Connection);
        Assert.Equal(ViewRows(store.Connection, decoded: store), after);
        Assert.Equal(2 * Rows.Length - 2, after.Count);
        Assert.Contains(after, l => l.StartsWith(Neighbour + "|activeDisclosure.rules.inForce|3#|activeDisclosure|rules|inForce|value|8|8|∅|placedByOrder|3#|1#|8|", StringComparison.Ordinal));
        Assert.Throws(provider == "sqlite" ? typeof(Microsoft.Data.Sqlite.SqliteException) : typeof(Npgsql.PostgresException),
            () => store.Connection.Execute("UPDATE cells SET status = 'guessed' WHERE report_id = @Report AND path = 'applications.received.total'", new { Report }));
    }

    // Every column of the view, each value with its type as the database gives it; or the same from the .NET decoder.
    private static List<string> ViewRows(System.Data.IDbConnection db, ArchiveStore? decoded = null)
    {
        if (decoded is not null)
            return [.. new[] { Report, Neighbour }.SelectMany(id => CellRows.ReadWithSeq(db, null, id).Select(c => Line(c.Cell, c.Seq, c.ValueText, typed: true))).Order(StringComparer.Ordinal)];
        var rows = new List<string>();
        using var reader = ((System.Data.Common.DbConnection)db).CreateCommand() is var cmd ? Read(cmd) : null!;
        while (reader.Read())
        {
            var values = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
                values.Add(reader.IsDBNull(i) ? "∅" : Typed(reader.GetName(i), reader.GetValue(i)));
            rows.Add(string.Join("|", values));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;

        static System.Data.Common.DbDataReader Read(System.Data.Common.DbCommand cmd)
        {
            cmd.CommandText = "SELECT report_id, path, seq, table_name, row_key, field, status, value, value_text, unit, confidence, src_start, src_length, src_text, page, box, src_table, src_row, src_column, neighbour_id FROM cells";
            return cmd.ExecuteReader();
        }
    }

    // A value with its type, the number's as a decimal (SQLite: an integer or a real; PostgreSQL: numeric).
    private static string Typed(string column, object value) => column == "value"
        ? Number(value)
        : value switch
        {
            string s => s,
            long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "#",
            var other => other.GetType().Name + ":" + Convert.ToString(other, CultureInfo.InvariantCulture),
        };

    // SQLite gives 1.50 back as the real 1.5: numbers are compared without trailing zeros.
    private static string Number(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Line(CellEntry c, int seq, string? valueText, bool typed) => string.Join("|", new object?[]
    {
        c.ReportId, c.Path, seq, c.TableName, c.RowKey, c.Field, c.Status, c.Value, valueText, c.Unit, c.Confidence,
        c.SrcStart, c.SrcLength, c.SrcText, c.Page, c.Box, c.SrcTable, c.SrcRow, c.SrcColumn, c.NeighbourId,
    }.Select((v, i) => v is null ? "∅" : i == 7 ? Number(v)
        : v is int n && typed ? n.ToString(CultureInfo.InvariantCulture) + "#" : Convert.ToString(v, CultureInfo.InvariantCulture)));

    /// <summary>The schema as it was before 0093: the scripts numbered below it.</summary>
    private static void MigrateTo0092(ArchiveLocation location) => Migrate(location, 92);

    /// <summary>The schema as the scripts numbered up to <paramref name="last"/> make it.</summary>
    private static void Migrate(ArchiveLocation location, int last)
    {
        var sqlite = location.Provider == ArchiveProvider.Sqlite;
        // As ArchiveDatabase.Migrate: SQLite on a connection that knows the function 0098 compresses records with.
        using var connection = sqlite ? new Microsoft.Data.Sqlite.SqliteConnection(location.ConnectionString) : null;
        connection?.Open();
        connection?.CreateFunction(ArchiveDatabase.CompressRecordFunction, (string json) => StoredRecord.Compress(json), isDeterministic: true);
        var builder = connection is not null ? DeployChanges.To.SqliteDatabase(new DbUp.Sqlite.Helpers.SharedConnection(connection)) : DeployChanges.To.PostgresqlDatabase(location.ConnectionString);
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(ArchiveDatabase).Assembly, name =>
            {
                var at = name.IndexOf(".Migrations.", StringComparison.Ordinal);
                if (at < 0 || int.Parse(name.AsSpan(at + 12, 4), CultureInfo.InvariantCulture) > last) return false;
                return name.EndsWith(".sqlite.sql", StringComparison.Ordinal) ? sqlite : !name.EndsWith(".postgres.sql", StringComparison.Ordinal) || !sqlite;
            })
            .WithVariable("blob", sqlite ? "BLOB" : "BYTEA")
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }
}
