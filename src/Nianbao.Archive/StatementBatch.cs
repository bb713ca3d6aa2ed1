using System.Data;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Nianbao.Archive;

/// <summary>
/// Write statements collected and run together, each written once with positional parameters
/// <c>@p0, @p1 …</c>. On SQLite each SQL text is prepared once per batch and bound by position
/// (<see cref="RawStatement"/>); on PostgreSQL all of them go to the server
/// in one <see cref="NpgsqlBatch"/>: one round trip for a whole window of reports instead of one per statement,
/// and a run of single-row inserts with the same text goes as ONE insert of arrays (<see cref="RowsInsert"/>).
/// </summary>
/// <param name="commuting">
/// The caller's word that statements of different texts may run in any order (they write different
/// tables, no trigger of one reads another's, no constraint ties them): then on PostgreSQL the statements
/// are grouped by text, in the order of each text's first statement, so that each table's rows make one run.
/// Statements of one text keep their order.
/// </param>
internal sealed partial class StatementBatch(IDbConnection db, IDbTransaction tx, bool commuting = false)
{
    private readonly List<(string Sql, object?[] Args)> _pending = [];

    public int Count => _pending.Count;

    public void Add(string sql, params object?[] args) => _pending.Add((sql, args));

    /// <summary>Runs what was added, in the order added (see <c>commuting</c>), inside the transaction.</summary>
    public void Execute()
    {
        if (_pending.Count == 0) return;
        switch (db)
        {
            case SqliteConnection sqlite:
                ExecuteSqlite(sqlite);
                break;
            case NpgsqlConnection npgsql:
                // Text already in UTF-8 (a report's record, Utf8Text) is sent as its bytes, as a text value (Single,
                // RowsInsert): decoded to a string it was encoded back to the same bytes by Npgsql, ≈ 60 KB of work a record.
                using (var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)tx))
                {
                    var statements = commuting
                        ? _pending.Select((s, i) => (s, i)).GroupBy(x => x.s.Sql, StringComparer.Ordinal).SelectMany(g => g.Select(x => x.s)).ToList()
                        : _pending;
                    for (var start = 0; start < statements.Count;)
                    {
                        var sql = statements[start].Sql;
                        var end = start + 1;
                        while (end < statements.Count && string.Equals(statements[end].Sql, sql, StringComparison.Ordinal)) end++;
                        if (end - start > 1 && RowsInsert.Parse(sql) is { } insert)
                            foreach (var command in insert.Commands(statements, start, end)) batch.BatchCommands.Add(command);
                        else
                            for (var i = start; i < end; i++) batch.BatchCommands.Add(Single(statements[i].Sql, statements[i].Args));
                        start = end;
                    }
                    batch.ExecuteNonQuery();
                }
                break;
            default:
                throw new NotSupportedException(db.GetType().Name);
        }
        _pending.Clear();
    }

    /// <summary>
    /// SQLite: each SQL text prepared once per batch through SQLitePCL (the library Microsoft.Data.Sqlite runs
    /// on, on the connection's own handle and so inside its open transaction) and bound by position. Through
    /// Microsoft.Data.Sqlite each execution cost ≈ 1.3 µs and each named parameter ≈ 0.2 µs more — a report's
    /// row has 17 — on top of what SQLite takes to store it (the same way as <see cref="CellRows"/>).
    /// </summary>
    private void ExecuteSqlite(SqliteConnection db)
    {
        var handle = db.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var statements = new Dictionary<string, sqlite3_stmt>(StringComparer.Ordinal);
        try
        {
            foreach (var (sql, args) in _pending)
            {
                if (!statements.TryGetValue(sql, out var statement))
                {
                    var rc = raw.sqlite3_prepare_v2(handle, PositionalSqlite(sql), out statement);
                    if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
                    statements[sql] = statement;
                }
                RawStatement.Run(handle, statement, args);
            }
        }
        finally
        {
            foreach (var statement in statements.Values) statement.Dispose();
        }
    }

    internal static NpgsqlBatchCommand Single(string sql, object?[] args)
    {
        var command = new NpgsqlBatchCommand(Positional(sql));
        foreach (var arg in args)
            command.Parameters.Add(arg is Utf8Text text
                ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = text.Span.ToArray() }
                : new NpgsqlParameter { Value = arg ?? DBNull.Value });
        return command;
    }

    private static readonly ConditionalWeakTable<string, string> PositionalSql = new();
    private static readonly ConditionalWeakTable<string, string> PositionalSqliteSql = new();

    // @p0 → ?1: SQLite's numbered parameters (a parameter used twice is one, as @p0 was).
    private static string PositionalSqlite(string sql) =>
        PositionalSqliteSql.GetValue(sql, s => NamedParameter().Replace(s, m => "?" + (int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) + 1)));

    // @p0 → $1: a batch's commands take positional parameters.
    private static string Positional(string sql) =>
        PositionalSql.GetValue(sql, s => NamedParameter().Replace(s, m => "$" + (int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) + 1)));

    [GeneratedRegex(@"@p(\d+)")]
    private static partial Regex NamedParameter();
}

/// <summary>
/// A single-row <c>INSERT INTO t (a, b …) VALUES (@p0, NULL, @p1 …) [ON CONFLICT …]</c> run for many rows as
/// <c>INSERT INTO t (a, b …) SELECT u.p0, NULL, u.p1 … FROM unnest($1, $2 …) AS u(p0, p1 …) [ON CONFLICT …]</c>,
/// each parameter an array of its rows' values (PostgreSQL). The server parses, plans and fires statement
/// triggers once for the run instead of once a row; a row conflicting with an earlier row of the same run is
/// skipped by <c>ON CONFLICT … DO NOTHING</c> as it was when it came later; the rows go in the order given.
/// </summary>
internal sealed partial class RowsInsert
{
    // Arrays are capped so that no statement nears PostgreSQL's 1 GB limit on a value (originals can be large files).
    private const long MaxBytes = 32L << 20;

    private readonly string _head;      // INSERT INTO t (a, b …)
    private readonly string[] _items;   // @pN or NULL, one per column
    private readonly string _tail;      // ON CONFLICT … or ""
    private readonly int _parameters;

    private RowsInsert(string head, string[] items, string tail, int parameters) => (_head, _items, _tail, _parameters) = (head, items, tail, parameters);

    private static readonly ConditionalWeakTable<string, StrongBox<RowsInsert?>> Parsed = new();

    /// <summary>The insert's parts, or null when <paramref name="sql"/> is not a single-row insert of parameters and NULLs.</summary>
    public static RowsInsert? Parse(string sql) => Parsed.GetValue(sql, s => new StrongBox<RowsInsert?>(Read(s))).Value;

    private static RowsInsert? Read(string sql)
    {
        var m = Shape().Match(sql);
        if (!m.Success) return null;
        var items = m.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToArray();
        var parameters = 0;
        foreach (var item in items)
        {
            if (item.Equals("NULL", StringComparison.OrdinalIgnoreCase)) continue;
            var p = ParameterItem().Match(item);
            if (!p.Success) return null;
            parameters = Math.Max(parameters, int.Parse(p.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) + 1);
        }
        // Only DO NOTHING keeps the meaning of rows that meet an earlier row of the same run (DO UPDATE would refuse to touch a row twice).
        var tail = m.Groups["tail"].Value.Trim();
        if (tail.Length > 0 && !DoNothing().IsMatch(tail)) return null;
        return new RowsInsert(m.Groups["head"].Value.Trim(), items, tail, parameters);
    }

    /// <summary>The commands inserting statements [start, end) — one, or a few when the rows' bytes are many.</summary>
    public IEnumerable<NpgsqlBatchCommand> Commands(IReadOnlyList<(string Sql, object?[] Args)> statements, int start, int end)
    {
        var from = start;
        long bytes = 0;
        for (var i = start; i < end; i++)
        {
            foreach (var arg in statements[i].Args) bytes += arg switch { string s => 2L * s.Length, byte[] b => b.LongLength, Utf8Text t => t.Length, _ => 8 };
            if (bytes >= MaxBytes || i == end - 1)
            {
                if (Command(statements, from, i + 1) is { } command) yield return command;
                else
                    for (var j = from; j <= i; j++) yield return StatementBatch.Single(statements[j].Sql, statements[j].Args);
                from = i + 1;
                bytes = 0;
            }
        }
    }

    private NpgsqlBatchCommand? Command(IReadOnlyList<(string Sql, object?[] Args)> statements, int start, int end)
    {
        var count = end - start;
        var arrays = new Array?[_parameters];
        var types = new NpgsqlDbType[_parameters];
        for (var p = 0; p < _parameters; p++)
        {
            // The array's type is the values' own type (as a single-row statement's parameter would be);
            // a parameter that is NULL in every row goes as a NULL literal, which takes the column's type.
            Type? type = null;
            for (var i = start; i < end; i++)
            {
                var value = statements[i].Args[p];
                if (value is null) continue;
                var t = value.GetType();
                if (type is null) type = t;
                else if (type != t)
                {
                    if ((type == typeof(int) || type == typeof(long)) && (t == typeof(int) || t == typeof(long))) type = typeof(long);
                    else return null;
                }
            }
            if (type is null) continue;
            (arrays[p], types[p]) = type switch
            {
                _ when type == typeof(string) => ((Array)Fill(statements, start, count, p, v => (string)v), NpgsqlDbType.Text),
                _ when type == typeof(byte[]) => (Fill(statements, start, count, p, v => (byte[])v), NpgsqlDbType.Bytea),
                // Text given as its UTF-8 bytes: an array of byte arrays, each written as a text value.
                _ when type == typeof(Utf8Text) => (Fill(statements, start, count, p, v => ((Utf8Text)v).Span.ToArray()), NpgsqlDbType.Text),
                _ when type == typeof(int) => (FillValues(statements, start, count, p, v => (int)v), NpgsqlDbType.Integer),
                _ when type == typeof(long) => (FillValues(statements, start, count, p, v => v is int i ? i : (long)v), NpgsqlDbType.Bigint),
                _ when type == typeof(decimal) => (FillValues(statements, start, count, p, v => (decimal)v), NpgsqlDbType.Numeric),
                _ when type == typeof(double) => (FillValues(statements, start, count, p, v => (double)v), NpgsqlDbType.Double),
                _ when type == typeof(bool) => (FillValues(statements, start, count, p, v => (bool)v), NpgsqlDbType.Boolean),
                _ => ((Array?)null, default(NpgsqlDbType)),
            };
            if (arrays[p] is null) return null;
        }

        var used = Enumerable.Range(0, _parameters).Where(p => arrays[p] is not null).ToList();
        var position = used.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var sql = new StringBuilder(_head).Append(" SELECT ");
        sql.AppendJoin(", ", _items.Select(item =>
        {
            if (item.Equals("NULL", StringComparison.OrdinalIgnoreCase)) return "NULL";
            var p = int.Parse(ParameterItem().Match(item).Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            return arrays[p] is null ? "NULL" : "u.c" + position[p];
        }));
        if (used.Count > 0)
            sql.Append(" FROM unnest(").AppendJoin(", ", used.Select((_, i) => "$" + (i + 1))).Append(") AS u(").AppendJoin(", ", used.Select((_, i) => "c" + i)).Append(')');
        else
            sql.Append(" FROM generate_series(1, ").Append(count).Append(')');
        if (_tail.Length > 0) sql.Append(' ').Append(_tail);
        var command = new NpgsqlBatchCommand(sql.ToString());
        foreach (var p in used) command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | types[p], Value = arrays[p] });
        return command;
    }

    private static T?[] Fill<T>(IReadOnlyList<(string Sql, object?[] Args)> statements, int start, int count, int p, Func<object, T> convert) where T : class
    {
        var values = new T?[count];
        for (var i = 0; i < count; i++) values[i] = statements[start + i].Args[p] is { } v ? convert(v) : null;
        return values;
    }

    private static T?[] FillValues<T>(IReadOnlyList<(string Sql, object?[] Args)> statements, int start, int count, int p, Func<object, T> convert) where T : struct
    {
        var values = new T?[count];
        for (var i = 0; i < count; i++) values[i] = statements[start + i].Args[p] is { } v ? convert(v) : null;
        return values;
    }

    [GeneratedRegex(@"^\s*(?<head>INSERT\s+INTO\s+\w+\s*\([\w\s,]+\))\s*VALUES\s*\((?<values>[^()]*)\)(?<tail>[^;]*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^@p(\d+)$")]
    private static partial Regex ParameterItem();

    [GeneratedRegex(@"^ON\s+CONFLICT\s*(\([\w\s,]+\))?\s*DO\s+NOTHING$", RegexOptions.IgnoreCase)]
    private static partial Regex DoNothing();
}

/// <summary>One execution of a statement prepared through SQLitePCL, its values bound by position.</summary>
internal static class RawStatement
{
    /// <summary>Binds <paramref name="values"/> to parameters 1, 2 …, steps once, and resets the statement with its bindings cleared.</summary>
    public static void Run(sqlite3 handle, sqlite3_stmt statement, IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var index = i + 1;
            var rc = values[i] switch
            {
                null => raw.SQLITE_OK, // cleared after the previous execution
                string text => raw.sqlite3_bind_text(statement, index, text),
                // Stored as binding its string stored it (SQLite keeps text as UTF-8), without the string; an empty span would bind NULL.
                Utf8Text { Length: > 0 } text => raw.sqlite3_bind_text(statement, index, text.Span),
                Utf8Text => raw.sqlite3_bind_text(statement, index, ""),
                int n => raw.sqlite3_bind_int64(statement, index, n),
                long n => raw.sqlite3_bind_int64(statement, index, n),
                bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
                double d => raw.sqlite3_bind_double(statement, index, d),
                // As text, as Microsoft.Data.Sqlite binds a decimal: a NUMERIC column stores it as an integer or a real.
                decimal d => raw.sqlite3_bind_text(statement, index, d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                // An empty span would bind NULL: an empty blob is a zero-length blob, as Microsoft.Data.Sqlite binds it.
                byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(statement, index, 0),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                var other => throw new NotSupportedException($"a value of type {other.GetType().Name}"),
            };
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
        }
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
        if (step is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) SqliteException.ThrowExceptionForRC(step, handle);
    }
}
