using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;

namespace Nianbao.Archive;

/// <summary>
/// A report's cells as stored (migration 0093): one JSON array (<see cref="Json"/>) and the layout of its
/// paths (<see cref="LayoutKey"/>), both made from the rows <see cref="ReportWriter.CellRows"/> makes —
/// on a parse worker during an import, so the writer inserts one row per report.
/// </summary>
internal sealed record CellSet(string LayoutKey, string Json, IReadOnlyList<object?[]> Rows)
{
    /// <summary>The report's cells stored; null when it has none (no row is stored for it).</summary>
    public static CellSet? Of(IReadOnlyList<object?[]> rows) =>
        rows.Count == 0 ? null : new CellSet(CellRows.LayoutKeyOf(rows), CellRows.Encode(rows), rows);
}

/// <summary>
/// Writes cells into <c>cell_sets</c> (one row per report: its cells as one JSON array, keyed by its
/// arrival number) and names their paths once per layout (<c>cell_layouts</c>, <c>cell_layout_paths</c>);
/// cells settled by a neighbouring year go to <c>cell_settlements</c>. Readers see all of it through the
/// view <c>cells</c>, row by row as before (docs/archive.md).
/// </summary>
internal static class CellRows
{
    private const int FirstStored = 6; // status … src_column in ReportWriter.CellColumns
    private const int StoredCount = 13;
    private const int ValueColumn = 7; // the decimal: not stored (value_text is, and the view makes the number from it)

    // ───────────────────────── encoding (parse workers) ─────────────────────────

    /// <summary>
    /// The cells as a JSON array of arrays: [seq, status, value_text, unit, confidence, src_start, src_length,
    /// src_text, page, box, src_table, src_row, src_column], trailing nulls left out (a blank cell is [seq,"blank"]).
    /// </summary>
    internal static string Encode(IReadOnlyList<object?[]> rows)
    {
        var sb = new StringBuilder(rows.Count * 48);
        sb.Append('[');
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (r > 0) sb.Append(',');
            sb.Append('[').Append((int)row[2]!);
            var last = FirstStored + StoredCount - 1;
            while (last > FirstStored && (row[last] is null || last == ValueColumn)) last--;
            for (var c = FirstStored; c <= last; c++)
            {
                if (c == ValueColumn) continue;
                sb.Append(',');
                switch (row[c])
                {
                    case null: sb.Append("null"); break;
                    case string s: AppendString(sb, s); break;
                    case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
                    case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
                    case var other: throw new NotSupportedException($"cells: a value of type {other.GetType().Name}");
                }
            }
            sb.Append(']');
        }
        return sb.Append(']').ToString();
    }

    // JSON string escaping: the quote, the backslash and control characters; everything else as it is
    // (Chinese text stays three bytes of UTF-8 rather than six of \uXXXX).
    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (ch >= ' ' && ch != '"' && ch != '\\') continue;
            sb.Append(s, start, i - start);
            sb.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
            });
            start = i + 1;
        }
        sb.Append(s, start, s.Length - start).Append('"');
    }

    // One string instance per distinct layout in the process, so the writer finds a layout by reference.
    private static readonly ConcurrentDictionary<string, string> Layouts = new(StringComparer.Ordinal);

    /// <summary>Every <c>seq=path</c> of the rows joined by <c>;</c> (as migration 0093 makes it from stored rows).</summary>
    internal static string LayoutKeyOf(IReadOnlyList<object?[]> rows)
    {
        var sb = new StringBuilder(rows.Count * 40);
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0) sb.Append(';');
            sb.Append(((int)rows[r][2]!).ToString(CultureInfo.InvariantCulture)).Append('=').Append((string)rows[r][1]!);
        }
        var key = sb.ToString();
        return Layouts.GetOrAdd(key, key);
    }

    // ───────────────────────── writing (the writer) ─────────────────────────

    /// <summary>Inserts the cells of several reports, each under its arrival number, inside <paramref name="tx"/>.</summary>
    public static void Insert(IDbConnection db, IDbTransaction tx, IReadOnlyList<(long ReportNo, CellSet? Cells)> reports)
    {
        if (reports.All(r => r.Cells is null)) return;
        var layouts = new LayoutIds(db, tx);
        var rows = new List<object?[]>(reports.Count);
        foreach (var (reportNo, cells) in reports)
            if (cells is not null) rows.Add([reportNo, layouts.IdOf(cells), cells.Json]);
        // One row per report: SQLite by one statement bound by position, PostgreSQL by one COPY (the column is
        // text, so the server stores the JSON as it comes).
        MultiRowInsert.Run(db, tx, "cell_sets", CellSetColumns, rows);
    }

    private static readonly string[] CellSetColumns = ["report_no", "layout_id", "cells"];

    /// <summary>The layouts of an archive, read once per window; a new one is stored with its paths.</summary>
    private sealed class LayoutIds
    {
        private readonly IDbConnection _db;
        private readonly IDbTransaction _tx;
        private readonly Dictionary<string, int> _byKey;
        private readonly Dictionary<string, int> _byInstance = new(ReferenceEqualityComparer.Instance);
        private Dictionary<string, int>? _pathIds;

        public LayoutIds(IDbConnection db, IDbTransaction tx)
        {
            // A few layouts in all. Read inside the transaction, after the window's first writes, so two
            // writers of one PostgreSQL archive (who take turns from their first write on: 0085) cannot
            // hand out the same id.
            _db = db;
            _tx = tx;
            _byKey = db.Query<(int Id, string Key)>("SELECT id, key FROM cell_layouts", transaction: tx).ToDictionary(l => l.Key, l => l.Id, StringComparer.Ordinal);
        }

        public int IdOf(CellSet cells)
        {
            // By reference first: the parse workers hand over one instance per layout (hashing a key of
            // ≈ 8,000 characters for every report would cost the writer more than the rest of its cells).
            if (_byInstance.TryGetValue(cells.LayoutKey, out var id)) return id;
            if (!_byKey.TryGetValue(cells.LayoutKey, out id)) id = Add(cells);
            _byInstance[cells.LayoutKey] = id;
            return id;
        }

        private int Add(CellSet cells)
        {
            var id = _byKey.Count == 0 ? 1 : _byKey.Values.Max() + 1;
            _db.Execute("INSERT INTO cell_layouts (id, key) VALUES (@id, @key)", new { id, key = cells.LayoutKey }, _tx);
            _pathIds ??= _db.Query<(int Id, string Path)>("SELECT id, path FROM cell_paths", transaction: _tx).ToDictionary(p => p.Path, p => p.Id, StringComparer.Ordinal);
            var next = _pathIds.Count == 0 ? 1 : _pathIds.Values.Max() + 1;
            foreach (var row in cells.Rows)
            {
                var path = (string)row[1]!;
                if (!_pathIds.TryGetValue(path, out var pathId))
                {
                    _pathIds[path] = pathId = next++;
                    _db.Execute("INSERT INTO cell_paths (id, path, table_name, row_key, field) VALUES (@pathId, @path, @table, @row, @field)",
                        new { pathId, path, table = (string)row[3]!, row = (string)row[4]!, field = (string)row[5]! }, _tx);
                }
                _db.Execute("INSERT INTO cell_layout_paths (layout_id, seq, path_id) VALUES (@id, @seq, @pathId)", new { id, seq = (int)row[2]!, pathId }, _tx);
            }
            _byKey[cells.LayoutKey] = id;
            return id;
        }
    }

    /// <summary>Removes a stored report's cells and its settlements (before it is read again).</summary>
    public static void Delete(IDbConnection db, IDbTransaction tx, long reportNo)
    {
        db.Execute("DELETE FROM cell_settlements WHERE report_no = @reportNo", new { reportNo }, tx);
        db.Execute("DELETE FROM cell_sets WHERE report_no = @reportNo", new { reportNo }, tx);
    }

    // ───────────────────────── reading ─────────────────────────

    /// <summary>Every cell of one stored report, in the schema's order (none when it has no stored cells).</summary>
    internal static IReadOnlyList<CellEntry> Read(IDbConnection db, IDbTransaction? tx, string reportId) =>
        ReadWithSeq(db, tx, reportId).Select(c => c.Cell).ToList();

    /// <summary>As <see cref="Read"/>, each cell with its seq and exact number's text.</summary>
    internal static IReadOnlyList<(int Seq, string? ValueText, CellEntry Cell)> ReadWithSeq(IDbConnection db, IDbTransaction? tx, string reportId)
    {
        var set = db.QuerySingleOrDefault<(long ReportNo, int LayoutId, string Cells)>(
            "SELECT cs.report_no, cs.layout_id, cs.cells FROM reports r JOIN cell_sets cs ON cs.report_no = r.arrival WHERE r.id = @reportId", new { reportId }, tx);
        if (set.Cells is null) return [];
        var layout = ReadLayouts(db, tx, set.LayoutId)[set.LayoutId];
        var settled = ReadSettlements(db, tx, "WHERE report_no = @reportNo", new { reportNo = set.ReportNo });
        return Decode(reportId, set.ReportNo, set.Cells, layout, settled);
    }

    /// <summary>A path of a layout: its text and its parts.</summary>
    internal sealed record LayoutPath(string Path, string TableName, string RowKey, string Field);

    /// <summary>The paths of one layout (<paramref name="layoutId"/>) or of all, by layout then seq.</summary>
    internal static Dictionary<int, Dictionary<int, LayoutPath>> ReadLayouts(IDbConnection db, IDbTransaction? tx, int? layoutId)
    {
        var rows = db.Query<(int LayoutId, int Seq, string Path, string TableName, string RowKey, string Field)>(
            "SELECT lp.layout_id, lp.seq, p.path, p.table_name, p.row_key, p.field FROM cell_layout_paths lp JOIN cell_paths p ON p.id = lp.path_id"
            + (layoutId is null ? "" : " WHERE lp.layout_id = @layoutId"), new { layoutId }, tx);
        var layouts = new Dictionary<int, Dictionary<int, LayoutPath>>();
        foreach (var r in rows)
        {
            if (!layouts.TryGetValue(r.LayoutId, out var paths)) layouts[r.LayoutId] = paths = [];
            paths[r.Seq] = new LayoutPath(r.Path, r.TableName, r.RowKey, r.Field);
        }
        if (layoutId is { } id && !layouts.ContainsKey(id)) layouts[id] = [];
        return layouts;
    }

    /// <summary>A settled cell's overlay on the document's reading.</summary>
    internal sealed record Settlement(string ValueText, string? SrcText, string NeighbourId);

    /// <summary>The settlements of the reports <paramref name="where"/> picks (a clause on <c>report_no</c>).</summary>
    internal static Dictionary<(long ReportNo, int Seq), Settlement> ReadSettlements(IDbConnection db, IDbTransaction? tx, string where, object args) =>
        db.Query<(long ReportNo, int Seq, string ValueText, string? SrcText, string NeighbourId)>(
            $"SELECT report_no, seq, value_text, src_text, neighbour_id FROM cell_settlements {where}", args, tx)
            .ToDictionary(s => (s.ReportNo, s.Seq), s => new Settlement(s.ValueText, s.SrcText, s.NeighbourId));

    /// <summary>The cells of one stored set, as the view <c>cells</c> shows them (settlements overlaid), in stored (seq) order.</summary>
    internal static List<(int Seq, string? ValueText, CellEntry Cell)> Decode(string reportId, long reportNo, string json, Dictionary<int, LayoutPath> layout,
        Dictionary<(long ReportNo, int Seq), Settlement> settled)
    {
        var cells = new List<(int, string?, CellEntry)>(256);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var seq = reader.GetInt32();
            var fields = new object?[StoredCount - 1]; // status … src_column without the value
            var i = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                fields[i++] = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => reader.GetInt32(),
                    var t => throw new InvalidDataException($"cells of report {reportId}: unexpected {t}"),
                };
            }
            var path = layout.TryGetValue(seq, out var p) ? p : throw new InvalidDataException($"cells of report {reportId}: seq {seq} is in no layout");
            var settlement = settled.Count > 0 && settled.TryGetValue((reportNo, seq), out var s) ? s : null;
            var valueText = settlement?.ValueText ?? (string?)fields[1];
            cells.Add((seq, valueText, new CellEntry
            {
                ReportId = reportId, Path = path.Path, TableName = path.TableName, RowKey = path.RowKey, Field = path.Field,
                Status = settlement is null ? (string)fields[0]! : CellStatus.Settled,
                Value = valueText is null ? null : decimal.Parse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture),
                Unit = (string?)fields[2],
                Confidence = settlement is null ? (string?)fields[3] : "settledByNeighbour",
                SrcStart = (int?)fields[4], SrcLength = (int?)fields[5],
                SrcText = settlement is null ? (string?)fields[6] : settlement.SrcText,
                Page = (int?)fields[7], Box = (string?)fields[8], SrcTable = (int?)fields[9], SrcRow = (int?)fields[10], SrcColumn = (int?)fields[11],
                NeighbourId = settlement?.NeighbourId,
            }));
        }
        return cells;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type) throw new InvalidDataException($"stored cells: expected {type}");
    }

    // ───────────────────────── settled cells ─────────────────────────

    /// <summary>
    /// Settles one ambiguous cell of a report to <paramref name="value"/>, as a neighbouring year decided
    /// (status settled, confidence settledByNeighbour, <paramref name="reading"/> as its src_text).
    /// A cell the document did not leave ambiguous, or already settled, is left as it is.
    /// </summary>
    public static void Settle(IDbConnection db, IDbTransaction tx, string reportId, string path, decimal value, string reading, string neighbour) =>
        db.Execute($"""
            INSERT INTO cell_settlements (report_no, seq, value_text, src_text, neighbour_id)
            SELECT {ReportNoOf}, seq, @text, @reading, @neighbour FROM cells WHERE report_id = @reportId AND path = @path AND status = 'ambiguous'
            """, new { text = value.ToString(CultureInfo.InvariantCulture), reading, neighbour, reportId, path }, tx);

    /// <summary>Puts a report's settled cells back to ambiguous; how many there were.</summary>
    public static int Unsettle(IDbConnection db, IDbTransaction tx, string reportId) =>
        db.Execute($"DELETE FROM cell_settlements WHERE report_no = {ReportNoOf}", new { reportId }, tx);

    /// <summary>The reports with cells <paramref name="neighbourId"/> settled (by the index on the neighbour).</summary>
    public static IReadOnlyList<string> SettledBy(IDbConnection db, IDbTransaction tx, string neighbourId) =>
        db.Query<string>("SELECT DISTINCT r.id FROM cell_settlements s JOIN reports r ON r.arrival = s.report_no WHERE s.neighbour_id = @neighbourId ORDER BY r.id",
            new { neighbourId }, tx).ToList();

    /// <summary>Puts back to ambiguous every cell <paramref name="neighbourId"/> settled.</summary>
    public static void UnsettleBy(IDbConnection db, IDbTransaction tx, string neighbourId) =>
        db.Execute("DELETE FROM cell_settlements WHERE neighbour_id = @neighbourId", new { neighbourId }, tx);

    /// <summary>The arrival number of a stored report: the key of its cells.</summary>
    internal const string ReportNoOf = "(SELECT arrival FROM reports WHERE id = @reportId)";
}
