using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Runtime.CompilerServices;
using Dapper;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Archive;

/// <summary>
/// A report's cells as stored (migration 0093): one JSON array, UTF-8 (<see cref="Json"/>), and the layout of
/// its paths (<see cref="Layout"/>) — made on a parse worker during an import (<see cref="CellSetWriter"/>), so
/// the writer inserts one row per report.
/// </summary>
internal sealed record CellSet(CellLayout Layout, Utf8Text Json)
{
    /// <summary>The layout's key (as migration 0093 makes it from stored rows): one string instance per layout.</summary>
    public string LayoutKey => Layout.Key;
}

/// <summary>One cell of a layout: its seq and path, the path's parts as <c>cell_paths</c> stores them.</summary>
internal sealed record LayoutCell(int Seq, string Path, string TableName, string RowKey, string Field);

/// <summary>
/// Which path each seq of a report's cells is. It depends only on the report's table schemas, in order, and on
/// whether it prints the fee-collection table — a few per process — so it is made once for each and shared
/// (before session 8 every report built its ≈ 8,000-character key again, and 230 path strings).
/// </summary>
internal sealed class CellLayout
{
    private CellLayout(string key, IReadOnlyList<LayoutCell> cells, string?[] schemaNames)
    {
        Key = key;
        Cells = cells;
        SchemaNames = schemaNames;
    }

    /// <summary>Every <c>seq=path</c> joined by <c>;</c>.</summary>
    public string Key { get; }
    public IReadOnlyList<LayoutCell> Cells { get; }
    /// <summary>Each table's name in a <see cref="CellVector"/> (null: a schema of no national template, so no vector).</summary>
    public string?[] SchemaNames { get; }

    private static readonly ConcurrentDictionary<Shape, CellLayout> Cache = new();
    // One string instance per distinct key in the process, so the writer finds a layout by reference.
    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);

    public static CellLayout Of(IReadOnlyList<TableValues> tables, bool fee)
    {
        var schemas = new TableSchema[tables.Count];
        for (var i = 0; i < schemas.Length; i++) schemas[i] = tables[i].Schema;
        var shape = new Shape(schemas, fee);
        return Cache.TryGetValue(shape, out var layout) ? layout : Cache.GetOrAdd(shape, Make(schemas, fee));
    }

    private static CellLayout Make(TableSchema[] schemas, bool fee)
    {
        var cells = new List<LayoutCell>();
        for (var t = 0; t < schemas.Length; t++)
        {
            var schema = schemas[t];
            var tableName = schema.Kind.ToContractName();
            for (var slot = 0; slot < schema.CellCount; slot++)
            {
                var path = schema.PathAt(slot);
                cells.Add(new LayoutCell(t * ReportWriter.SeqPerTable + slot, path.ToString(), tableName, path.Row, path.Field));
            }
        }
        if (fee)
            for (var i = 0; i < FeeCollection.Columns.Count; i++)
            {
                var key = FeeCollection.Columns[i].Key;
                cells.Add(new LayoutCell(ReportWriter.FeeCollectionSeq + i, ReportWriter.FeeCollectionTable + "." + key, ReportWriter.FeeCollectionTable, "", key));
            }
        var sb = new StringBuilder(cells.Count * 40);
        foreach (var c in cells)
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(c.Seq.ToString(CultureInfo.InvariantCulture)).Append('=').Append(c.Path);
        }
        var text = sb.ToString();
        return new CellLayout(Keys.GetOrAdd(text, text), cells, schemas.Select(CellVector.SchemaName).ToArray());
    }

    // The schemas by reference: a template's schemas are made once.
    private readonly struct Shape(TableSchema[] schemas, bool fee) : IEquatable<Shape>
    {
        private readonly TableSchema[] _schemas = schemas;
        private readonly bool _fee = fee;

        public bool Equals(Shape other)
        {
            if (_fee != other._fee || _schemas.Length != other._schemas.Length) return false;
            for (var i = 0; i < _schemas.Length; i++)
                if (!ReferenceEquals(_schemas[i], other._schemas[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is Shape other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_fee);
            foreach (var s in _schemas) hash.Add(RuntimeHelpers.GetHashCode(s));
            return hash.ToHashCode();
        }
    }
}

/// <summary>
/// Writes a report's cell set and its <see cref="CellVector"/> in one pass over its tables, straight from the
/// report: no row of 19 boxed values per cell, no string per cell path (session 8: those rows were ≈ a third of
/// what an import allocated beyond parsing). The JSON is written as UTF-8 into a buffer kept per thread.
/// </summary>
internal sealed class CellSetWriter
{
    [ThreadStatic] private static CellSetWriter? t_writer;

    private byte[] _buffer = new byte[16 * 1024];
    private int _length;
    private readonly StringBuilder _vector = new(2048);

    private static readonly string[] ConfidenceNames =
        Enum.GetValues<ReadingConfidence>().Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString())).ToArray();

    private static readonly ConcurrentDictionary<string, string> EscapedUnits = new(StringComparer.Ordinal);

    /// <summary>The report's cells as stored (null: it has none) and its cell vector (null: a table of no national template).</summary>
    public static (CellSet? Cells, string? Vector) Of(Report report)
    {
        var writer = t_writer ?? new CellSetWriter();
        t_writer = null; // not shared with a nested call
        try
        {
            return writer.Write(report);
        }
        finally
        {
            if (writer._buffer.Length <= 1 << 20) t_writer = writer;
        }
    }

    private (CellSet?, string?) Write(Report report)
    {
        var tables = report.Tables.ToList();
        var fee = report.FeeCollection;
        var layout = CellLayout.Of(tables, fee is not null);
        _length = 0;
        _vector.Clear();
        HashSet<CellPath>? ambiguous = null, unread = null;
        foreach (var f in report.Findings)
        {
            if (f.Rule == Rules.AmbiguousDigits) foreach (var c in f.Cells) (ambiguous ??= []).Add(c);
            if (f.Rule.StartsWith("R-", StringComparison.Ordinal)) foreach (var c in f.Cells) (unread ??= []).Add(c);
        }
        var vector = layout.SchemaNames.All(n => n is not null);
        Byte((byte)'[');
        var first = true;
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            var schema = table.Schema;
            if (vector)
            {
                if (t > 0) _vector.Append('|');
                _vector.Append(layout.SchemaNames[t]).Append(':');
            }
            for (var slot = 0; slot < schema.CellCount; slot++)
            {
                var path = schema.PathAt(slot);
                var value = table.ValueAt(slot);
                report.Provenance.TryGetValue(path, out var src);
                var status = value is not null ? CellStatus.Value
                    : ambiguous is not null && ambiguous.Contains(path) ? CellStatus.Ambiguous
                    : unread is not null && unread.Contains(path) ? CellStatus.Unread
                    : CellStatus.Blank;
                var unit = schema.FieldAt(slot).UnitKey is not null ? table.UnitAt(slot) : null;
                if (!first) Byte((byte)',');
                first = false;
                Cell(t * ReportWriter.SeqPerTable + slot, status, value, unit, src);
                if (vector)
                {
                    if (slot > 0) _vector.Append(',');
                    switch (status)
                    {
                        case CellStatus.Value: _vector.Append(CultureInfo.InvariantCulture, $"{value!.Value}"); break;
                        case CellStatus.Ambiguous: _vector.Append('?'); break;
                        case CellStatus.Unread: _vector.Append('!'); break;
                    }
                    if (unit is not null) _vector.Append('~').Append(EscapedUnits.GetOrAdd(unit, Uri.EscapeDataString));
                }
            }
        }
        // The optional fee-collection table (信息处理费收取情况), numbered apart from the statutory tables.
        if (fee is not null)
            for (var i = 0; i < FeeCollection.Columns.Count; i++)
            {
                if (!first) Byte((byte)',');
                first = false;
                var value = fee.Values[i];
                Cell(ReportWriter.FeeCollectionSeq + i, value is null ? CellStatus.Blank : CellStatus.Value, value, null, null);
            }
        Byte((byte)']');
        var cells = first ? null : new CellSet(layout, Utf8Text.Lent(_buffer.AsSpan(0, _length)));
        return (cells, vector ? _vector.ToString() : null);
    }

    /// <summary>
    /// One cell as [seq, status, value_text, unit, confidence, src_start, src_length, src_text, page, box, src_table,
    /// src_row, src_column], trailing nulls left out (a blank cell is [seq,"blank"]).
    /// </summary>
    private void Cell(int seq, string status, decimal? value, string? unit, CellSource? src)
    {
        var box = src?.Box;
        // How many of the eleven fields after the status are written: up to the last that is not null.
        var count = src is null ? (unit is not null ? 2 : value is not null ? 1 : 0)
            : src.Column is not null ? 11 : src.Row is not null ? 10 : src.Table is not null ? 9 : box is not null ? 8 : 6;
        Byte((byte)'[');
        Int(seq);
        Byte((byte)',');
        String(status);
        for (var field = 0; field < count; field++)
        {
            Byte((byte)',');
            switch (field)
            {
                case 0: if (value is { } v) Decimal(v); else Null(); break;
                case 1: if (unit is not null) String(unit); else Null(); break;
                case 2: String(ConfidenceNames[(int)src!.Confidence]); break;
                case 3: Int(src!.Start); break;
                case 4: Int(src!.Length); break;
                case 5: String(src!.Text); break;
                case 6: if (box is { } page) Int(page.Page); else Null(); break;
                case 7: if (box is { } b) String(string.Create(CultureInfo.InvariantCulture, $"{b.Left:0.#},{b.Bottom:0.#},{b.Right:0.#},{b.Top:0.#}")); else Null(); break;
                case 8: if (src!.Table is { } table) Int(table); else Null(); break;
                case 9: if (src!.Row is { } row) Int(row); else Null(); break;
                case 10: if (src!.Column is { } column) Int(column); else Null(); break;
            }
        }
        Byte((byte)']');
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Null()
    {
        Ensure(4);
        "null"u8.CopyTo(_buffer.AsSpan(_length));
        _length += 4;
    }

    private void Int(int n)
    {
        Ensure(11);
        n.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    // As decimal.ToString(CultureInfo.InvariantCulture), the cell's value_text.
    private void Decimal(decimal d)
    {
        Byte((byte)'"');
        Ensure(64);
        d.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        Byte((byte)'"');
    }

    // JSON string escaping: the quote, the backslash and control characters; everything else as it is
    // (Chinese text stays three bytes of UTF-8 rather than six of \uXXXX).
    private void String(string s)
    {
        Byte((byte)'"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (ch >= ' ' && ch != '"' && ch != '\\') continue;
            Utf8(s.AsSpan(start, i - start));
            var escape = ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
            };
            Utf8(escape);
            start = i + 1;
        }
        Utf8(s.AsSpan(start));
        Byte((byte)'"');
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }
}

/// <summary>
/// Writes cells into <c>cell_sets</c> (one row per report: its cells as one JSON array, keyed by its
/// arrival number) and names their paths once per layout (<c>cell_layouts</c>, <c>cell_layout_paths</c>);
/// cells settled by a neighbouring year go to <c>cell_settlements</c>. Readers see all of it through the
/// view <c>cells</c>, row by row as before (docs/archive.md).
/// </summary>
internal static class CellRows
{
    private const int StoredCount = 13;

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
            foreach (var cell in cells.Layout.Cells)
            {
                var path = cell.Path;
                if (!_pathIds.TryGetValue(path, out var pathId))
                {
                    _pathIds[path] = pathId = next++;
                    _db.Execute("INSERT INTO cell_paths (id, path, table_name, row_key, field) VALUES (@pathId, @path, @table, @row, @field)",
                        new { pathId, path, table = cell.TableName, row = cell.RowKey, field = cell.Field }, _tx);
                }
                _db.Execute("INSERT INTO cell_layout_paths (layout_id, seq, path_id) VALUES (@id, @seq, @pathId)", new { id, seq = cell.Seq, pathId }, _tx);
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
