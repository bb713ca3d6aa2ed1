using System.Data;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nianbao.Archive;

/// <summary>
/// Write statements collected and run together, each written once with positional parameters
/// <c>@p0, @p1 …</c>. On SQLite each SQL text has one command kept prepared on its connection for
/// the connection's life (Microsoft.Data.Sqlite prepares a command's text again for every new command,
/// and preparing cost more than the work of a small insert); on PostgreSQL all of them go to the server
/// in one <see cref="NpgsqlBatch"/>: one round trip for a whole window of reports instead of one per statement.
/// </summary>
internal sealed partial class StatementBatch(IDbConnection db, IDbTransaction tx)
{
    private readonly List<(string Sql, object?[] Args)> _pending = [];

    public int Count => _pending.Count;

    public void Add(string sql, params object?[] args) => _pending.Add((sql, args));

    /// <summary>Runs what was added, in the order added, inside the transaction.</summary>
    public void Execute()
    {
        if (_pending.Count == 0) return;
        switch (db)
        {
            case SqliteConnection sqlite:
                foreach (var (sql, args) in _pending) Prepared.Command(sqlite, (SqliteTransaction)tx, sql, args).ExecuteNonQuery();
                break;
            case NpgsqlConnection npgsql:
                using (var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)tx))
                {
                    foreach (var (sql, args) in _pending)
                    {
                        var command = new NpgsqlBatchCommand(Positional(sql));
                        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
                        batch.BatchCommands.Add(command);
                    }
                    batch.ExecuteNonQuery();
                }
                break;
            default:
                throw new NotSupportedException(db.GetType().Name);
        }
        _pending.Clear();
    }

    private static readonly ConditionalWeakTable<string, string> PositionalSql = new();

    // @p0 → $1: a batch's commands take positional parameters.
    private static string Positional(string sql) =>
        PositionalSql.GetValue(sql, s => NamedParameter().Replace(s, m => "$" + (int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) + 1)));

    [GeneratedRegex(@"@p(\d+)")]
    private static partial Regex NamedParameter();
}

/// <summary>SQLite commands kept prepared on their connection, one per SQL text (parameters <c>@p0 …</c>).</summary>
internal static class Prepared
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Commands = new();

    public static SqliteCommand Command(SqliteConnection db, SqliteTransaction? tx, string sql, object?[] args)
    {
        var commands = Commands.GetOrCreateValue(db);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = db.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < args.Length; i++) command.Parameters.Add(new SqliteParameter("@p" + i, null));
            commands[sql] = command;
        }
        command.Transaction = tx;
        for (var i = 0; i < args.Length; i++) command.Parameters[i].Value = args[i] ?? DBNull.Value;
        return command;
    }
}
