using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Nianbao.Archive;

/// <summary>
/// Writes cells into <c>cell_rows</c> (migration 0092): each row keyed by its report's arrival number and
/// its seq, its path named by an id of <c>cell_paths</c>. Readers see them through the view <c>cells</c>.
/// The rows come as <see cref="ReportWriter.CellRows"/> makes them (report id, path, seq, table, row,
/// field, then the 13 stored columns from status to src_column).
/// </summary>
internal static class CellRows
{
    private const int FirstStored = 6; // status … src_column in ReportWriter.CellColumns
    private const int StoredCount = 13;

    private const string Columns = "report_no, seq, path_id, status, value, value_text, unit, confidence, src_start, src_length, src_text, page, box, src_table, src_row, src_column";

    /// <summary>Inserts the cells of several reports, each under its arrival number, inside <paramref name="tx"/>.</summary>
    public static void Insert(IDbConnection db, IDbTransaction tx, IReadOnlyList<(long ReportNo, IReadOnlyList<object?[]> Rows)> reports)
    {
        if (reports.All(r => r.Rows.Count == 0)) return;
        var ids = PathIds(db, tx, reports.SelectMany(r => r.Rows));
        switch (db)
        {
            case SqliteConnection sqlite:
                InsertSqlite(sqlite, reports, ids);
                return;
            case NpgsqlConnection npgsql:
                InsertCopy(npgsql, reports, ids);
                return;
            default:
                throw new NotSupportedException(db.GetType().Name);
        }
    }

    /// <summary>The id of each path of <paramref name="rows"/>, adding the paths not yet in <c>cell_paths</c>.</summary>
    private static Dictionary<string, int> PathIds(IDbConnection db, IDbTransaction tx, IEnumerable<object?[]> rows)
    {
        // A few hundred paths in all (the templates' cells): read them all, every window. Read inside the
        // transaction, after the window's first writes, so two writers of one PostgreSQL archive (who take
        // turns from their first write on: 0085) cannot hand out the same id.
        var ids = db.Query<(int Id, string Path)>("SELECT id, path FROM cell_paths", transaction: tx).ToDictionary(p => p.Path, p => p.Id, StringComparer.Ordinal);
        var next = ids.Count == 0 ? 1 : ids.Values.Max() + 1;
        foreach (var row in rows)
        {
            var path = (string)row[1]!;
            if (ids.ContainsKey(path)) continue;
            ids[path] = next;
            db.Execute("INSERT INTO cell_paths (id, path, table_name, row_key, field) VALUES (@id, @path, @table, @row, @field)",
                new { id = next, path, table = (string)row[3]!, row = (string)row[4]!, field = (string)row[5]! }, tx);
            next++;
        }
        return ids;
    }

    private static void InsertSqlite(SqliteConnection db, IReadOnlyList<(long ReportNo, IReadOnlyList<object?[]> Rows)> reports, Dictionary<string, int> ids)
    {
        // Microsoft.Data.Sqlite spends ≈ 1.3 µs on each execution of a command and ≈ 0.2 µs on each named
        // parameter it binds, several times what SQLite takes to store the row (≈ 0.8 µs): 230 rows a report
        // went mostly to the binding layer. One statement of SQLitePCL (the library Microsoft.Data.Sqlite
        // itself runs on), on the connection's own handle and so inside its open transaction, bound by
        // position, costs ≈ 1.2 µs a row in all (docs/performance.md). Prepared once per call (a window).
        var handle = db.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var rc = raw.sqlite3_prepare_v2(handle, $"INSERT INTO cell_rows ({Columns}) VALUES ({string.Join(", ", Enumerable.Repeat("?", 3 + StoredCount))})", out var statement);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
        {
            foreach (var (reportNo, rows) in reports)
                foreach (var row in rows)
                {
                    raw.sqlite3_bind_int64(statement, 1, reportNo);
                    raw.sqlite3_bind_int64(statement, 2, (int)row[2]!);
                    raw.sqlite3_bind_int64(statement, 3, ids[(string)row[1]!]);
                    for (var c = 0; c < StoredCount; c++)
                    {
                        var index = 4 + c;
                        switch (row[FirstStored + c])
                        {
                            case null: break; // cleared after the previous row: most of a blank cell's columns cost no call
                            case string s: raw.sqlite3_bind_text(statement, index, s); break;
                            case int i: raw.sqlite3_bind_int64(statement, index, i); break;
                            case long l: raw.sqlite3_bind_int64(statement, index, l); break;
                            // As text, as Microsoft.Data.Sqlite binds a decimal: the NUMERIC column stores it as an integer or a real.
                            case decimal d: raw.sqlite3_bind_text(statement, index, d.ToString(CultureInfo.InvariantCulture)); break;
                            case var other: throw new NotSupportedException($"cells: a value of type {other.GetType().Name}");
                        }
                    }
                    rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, handle);
                    raw.sqlite3_reset(statement);
                    raw.sqlite3_clear_bindings(statement);
                }
        }
    }

    private static void InsertCopy(NpgsqlConnection db, IReadOnlyList<(long ReportNo, IReadOnlyList<object?[]> Rows)> reports, Dictionary<string, int> ids)
    {
        // COPY joins the connection's open transaction; the values' CLR types are the columns' types.
        using var writer = db.BeginBinaryImport($"COPY cell_rows ({Columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var (reportNo, rows) in reports)
            foreach (var row in rows)
            {
                writer.StartRow();
                writer.Write(reportNo);
                writer.Write((int)row[2]!);
                writer.Write(ids[(string)row[1]!]);
                for (var c = 0; c < StoredCount; c++)
                {
                    switch (row[FirstStored + c])
                    {
                        case null: writer.WriteNull(); break;
                        case string s: writer.Write(s); break;
                        case int i: writer.Write(i); break;
                        case long l: writer.Write(l); break;
                        case decimal d: writer.Write(d); break;
                        case var other: throw new NotSupportedException($"cells: a value of type {other.GetType().Name}");
                    }
                }
            }
        writer.Complete();
    }

    /// <summary>The arrival number of a stored report: the key of its cell rows.</summary>
    internal const string ReportNoOf = "(SELECT arrival FROM reports WHERE id = @reportId)";
}
