using System.Collections.Concurrent;
using System.Data;
using System.Text;
using Dapper;

namespace Nianbao.Archive;

/// <summary>
/// Inserts many rows with one statement per chunk (<c>INSERT … VALUES (…), (…), …</c>), which both
/// SQLite and PostgreSQL take: a report's hundred and more cells cost one round trip, not a hundred.
/// </summary>
internal static class MultiRowInsert
{
    /// <summary>Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters for 20 columns.</summary>
    private const int ChunkRows = 200;

    private static readonly ConcurrentDictionary<(string Table, int Rows), string> Statements = new();

    public static void Run(IDbConnection db, IDbTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows)
    {
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
