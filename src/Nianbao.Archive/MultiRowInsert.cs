using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nianbao.Archive;

/// <summary>
/// Inserts many rows (a window's findings; cells go through <see cref="CellRows"/>): on PostgreSQL with the binary <c>COPY … FROM STDIN</c>
/// of Npgsql, one stream per call, values written as they are (no parameter objects, no SQL text to
/// parse); on SQLite row by row with one prepared statement, kept prepared on its connection from
/// one report to the next.
/// </summary>
internal static class MultiRowInsert
{
    // One prepared insert per connection and table (SQLite): preparing it for every report cost more than the rows.
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, (SqliteCommand Command, SqliteParameter[] Parameters)>> Prepared = new();

    public static void Run(IDbConnection db, IDbTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        switch (db)
        {
            case SqliteConnection sqlite:
                RunSqlite(sqlite, (SqliteTransaction)tx, table, columns, rows);
                return;
            case NpgsqlConnection npgsql:
                RunCopy(npgsql, table, columns, rows);
                return;
            default:
                throw new NotSupportedException(db.GetType().Name);
        }
    }

    private static void RunSqlite(SqliteConnection db, SqliteTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        // In-process SQLite has no round trips, but binds each named parameter by a linear search:
        // one prepared single-row statement, re-bound per row, is the fast way there.
        var statements = Prepared.GetOrCreateValue(db);
        var key = table + "(" + string.Join(",", columns) + ")";
        if (!statements.TryGetValue(key, out var prepared))
        {
            var command = db.CreateCommand();
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
            statements[key] = prepared = (command, parameters);
        }
        prepared.Command.Transaction = tx;
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++) prepared.Parameters[c].Value = row[c] ?? DBNull.Value;
            prepared.Command.ExecuteNonQuery();
        }
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
