using System.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Nianbao.Archive;

/// <summary>
/// Inserts many rows (a window's findings; cells go through <see cref="CellRows"/>): on PostgreSQL with the binary <c>COPY … FROM STDIN</c>
/// of Npgsql, one stream per call, values written as they are (no parameter objects, no SQL text to
/// parse); on SQLite row by row with one statement bound by position.
/// </summary>
internal static class MultiRowInsert
{
    public static void Run(IDbConnection db, IDbTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        switch (db)
        {
            case SqliteConnection sqlite:
                RunSqlite(sqlite, table, columns, rows);
                return;
            case NpgsqlConnection npgsql:
                RunCopy(npgsql, table, columns, rows);
                return;
            default:
                throw new NotSupportedException(db.GetType().Name);
        }
    }

    private static void RunSqlite(SqliteConnection db, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        // In-process SQLite has no round trips; Microsoft.Data.Sqlite spent more on each execution and each
        // named parameter than SQLite on the row. One statement per call, bound by position (StatementBatch).
        var handle = db.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var rc = raw.sqlite3_prepare_v2(handle, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})", out var statement);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
            foreach (var row in rows) RawStatement.Run(handle, statement, row);
    }

    private static void RunCopy(NpgsqlConnection db, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        // COPY joins the connection's open transaction; the values' CLR types (string, int, long, decimal)
        // are the columns' types (text, integer, bigint, numeric).
        using var writer = db.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            writer.StartRow();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: writer.WriteNull(); break;
                    case string s: writer.Write(s); break;
                    case int i: writer.Write(i); break;
                    case long l: writer.Write(l); break;
                    case decimal d: writer.Write(d); break;
                    default: throw new NotSupportedException($"{table}: a value of type {value.GetType().Name}");
                }
            }
        }
        writer.Complete();
    }
}
