using System.Collections.Concurrent;
using System.Data;
using System.Text;
using Dapper;

namespace Nianbao.Archive;

/// <summary>
/// Inserts many rows: on PostgreSQL with one statement per chunk (<c>INSERT … VALUES (…), (…), …</c>),
/// so a report's hundred and more cells cost a few round trips, not a hundred; on SQLite row by row
/// with one prepared statement.
/// </summary>
internal static class MultiRowInsert
{
    /// <summary>Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters for 20 columns.</summary>
    private const int ChunkRows = 50;

    private static readonly ConcurrentDictionary<(string Table, int Rows), string> Statements = new();

    public static void Run(IDbConnection db, IDbTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        if (db is Microsoft.Data.Sqlite.SqliteConnection)
        {
            // In-process SQLite has no round trips, but binds each named parameter by a linear search:
            // one prepared single-row statement, re-bound per row, is the fast way there.
            using var command = db.CreateCommand();
            command.Transaction = tx;
            command.CommandText = Build(table, columns, 1);
            var parameters = new IDbDataParameter[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[c] = command.CreateParameter();
                parameters[c].ParameterName = "@p" + c;
                command.Parameters.Add(parameters[c]);
            }
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Length; c++) parameters[c].Value = row[c] ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
            return;
        }
        foreach (var chunk in rows.Chunk(ChunkRows))
        {
            var sql = Statements.GetOrAdd((table, chunk.Length), key => Build(key.Table, columns, key.Rows));
            var args = new DynamicParameters();
            var n = 0;
            foreach (var row in chunk)
                foreach (var value in row)
                    args.Add("p" + n++, value);
            db.Execute(sql, args, tx);
        }
    }

    private static string Build(string table, string[] columns, int rows)
    {
        var sb = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sb.Append(", ");
            sb.Append('(');
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0) sb.Append(", ");
                sb.Append("@p").Append(n++);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }
}
