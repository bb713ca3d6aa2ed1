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
/// A report's cells as stored (migration 0093, in the compact form of 0101: <see cref="CellCode"/>): one JSON array,
/// UTF-8 (<see cref="Json"/>), its n-th item the n-th cell of its layout (<see cref="Layout"/>) — made on a parse
/// worker during an import (<see cref="CellSetWriter"/>), so the writer inserts one row per report.
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
                Cell(status, value, unit, src);
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
                Cell(value is null ? CellStatus.Blank : CellStatus.Value, value, null, null);
            }
        Byte((byte)']');
        var cells = first ? null : new CellSet(layout, Utf8Text.Lent(_buffer.AsSpan(0, _length)));
        return (cells, vector ? _vector.ToString() : null);
    }

    /// <summary>
    /// One cell as stored since migration 0101 (<see cref="CellCode"/>): [code, value_text, src_start, src_length,
    /// src_text, unit, page, box, src_table, src_row, src_column], trailing nulls left out; src_length and
    /// src_text only when they cannot be made from the others (the code says which), value_text as a JSON
    /// number when it is an integer in canonical form. Its seq is its place in the array (the layout's).
    /// </summary>
    private void Cell(string status, decimal? value, string? unit, CellSource? src)
    {
        Span<char> chars = stackalloc char[64];
        var valueLength = 0;
        if (value is { } v) v.TryFormat(chars, out valueLength, default, CultureInfo.InvariantCulture);
        var valueText = chars[..valueLength];
        var box = src?.Box;
        // src_text is the value's text (the usual case: the document printed the number as it is), or none
        // for neither; src_length the length of src_text when that is plain ASCII (so .NET and SQL count alike).
        var srcText = src?.Text;
        var explicitText = srcText is null ? value is not null : value is null || !valueText.SequenceEqual(srcText);
        var explicitLength = src is not null && !(src.Length == srcText!.Length && System.Text.Ascii.IsValid(srcText));
        var code = CellCode.Of(status, src is null ? null : ConfidenceNames[(int)src.Confidence], explicitText, explicitLength);
        // How many of the ten fields after the code are written: up to the last that is not null.
        var count = src?.Column is not null ? 10 : src?.Row is not null ? 9 : src?.Table is not null ? 8 : box is not null ? 7
            : unit is not null ? 5 : explicitText && srcText is not null ? 4 : explicitLength ? 3 : src is not null ? 2 : value is not null ? 1 : 0;
        Byte((byte)'[');
        Int(code);
        for (var field = 0; field < count; field++)
        {
            Byte((byte)',');
            switch (field)
            {
                case 0:
                    if (value is null) Null();
                    else if (CellCode.IsCanonicalInteger(valueText)) AsciiText(valueText);
                    else
                    {
                        Byte((byte)'"');
                        AsciiText(valueText);
                        Byte((byte)'"');
                    }
                    break;
                case 1: if (src is not null) Int(src.Start); else Null(); break;
                case 2: if (explicitLength) Int(src!.Length); else Null(); break;
                case 3: if (explicitText && srcText is not null) String(srcText); else Null(); break;
                case 4: if (unit is not null) String(unit); else Null(); break;
                case 5: if (box is { } page) Int(page.Page); else Null(); break;
                case 6: if (box is { } b) String(string.Create(CultureInfo.InvariantCulture, $"{b.Left:0.#},{b.Bottom:0.#},{b.Right:0.#},{b.Top:0.#}")); else Null(); break;
                case 7: if (src!.Table is { } table) Int(table); else Null(); break;
                case 8: if (src!.Row is { } row) Int(row); else Null(); break;
                case 9: if (src!.Column is { } column) Int(column); else Null(); break;
            }
        }
        Byte((byte)']');
    }

    // A decimal's text: digits, a sign, a point — ASCII.
    private void AsciiText(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        foreach (var ch in text) _buffer[_length++] = (byte)ch;
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
/// The first item of a stored cell (migration 0101): its status, its confidence and whether src_text and
/// src_length are stored or made from the others, as one small integer — bits 0–2 the status, 3–5 the
/// confidence (their places in <see cref="Statuses"/> and <see cref="Confidences"/>), 6 src_text stored,
/// 7 src_length stored. The view <c>cells</c> maps them back with the same tables (keep them in step with
/// the migration's SQL); a usual cell (value, exact, printed as read) is code 0.
/// </summary>
internal static class CellCode
{
    public static readonly string[] Statuses = [CellStatus.Value, CellStatus.Blank, CellStatus.Ambiguous, CellStatus.Unread];
    // Index 5 is no confidence (a cell with no source); settledByNeighbour only comes from one's own UPDATE of the view.
    public static readonly string?[] Confidences = ["exact", "solvedByArithmetic", "solvedByNarrative", "placedByOrder", "ocr", null, "settledByNeighbour"];

    public const int TextStored = 64;
    public const int LengthStored = 128;

    public static int Of(string status, string? confidence, bool textStored, bool lengthStored)
    {
        var s = Array.IndexOf(Statuses, status);
        var c = Array.IndexOf(Confidences, confidence);
        if (s < 0 || c < 0) throw new ArgumentException($"a cell of status {status} and confidence {confidence ?? "none"} cannot be stored");
        return s | c << 3 | (textStored ? TextStored : 0) | (lengthStored ? LengthStored : 0);
    }

    public static string StatusOf(int code) => Statuses[code & 7];
    public static string? ConfidenceOf(int code) => Confidences[(code >> 3) & 7];

    /// <summary>
    /// Whether a value_text is stored as a JSON number: an integer as decimal.ToString writes it (no leading
    /// zero, no "-0", no point) of at most 15 digits, which both databases read back to the same text.
    /// </summary>
    public static bool IsCanonicalInteger(ReadOnlySpan<char> text)
    {
        var digits = text.Length > 0 && text[0] == '-' ? text[1..] : text;
        if (digits.Length is 0 or > 15) return false;
        if (digits[0] == '0') return text.Length == 1;
        foreach (var ch in digits) if (ch is < '0' or > '9') return false;
        return true;
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
    // A stored cell's items: code, value_text, src_start, src_length, src_text, unit, page, box, src_table, src_row, src_column.
    private const int StoredCount = 11;

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
            var pos = 0; // a cell's place in the layout is its place in every cell set of it
            foreach (var cell in cells.Layout.Cells)
            {
                var path = cell.Path;
                if (!_pathIds.TryGetValue(path, out var pathId))
                {
                    _pathIds[path] = pathId = next++;
                    _db.Execute("INSERT INTO cell_paths (id, path, table_name, row_key, field) VALUES (@pathId, @path, @table, @row, @field)",
                        new { pathId, path, table = cell.TableName, row = cell.RowKey, field = cell.Field }, _tx);
                }
                _db.Execute("INSERT INTO cell_layout_paths (layout_id, pos, seq, path_id) VALUES (@id, @pos, @seq, @pathId)", new { id, pos = pos++, seq = cell.Seq, pathId }, _tx);
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

    /// <summary>A cell of a layout: its seq, its path's text and parts.</summary>
    internal sealed record LayoutPath(int Seq, string Path, string TableName, string RowKey, string Field);

    /// <summary>The cells of one layout (<paramref name="layoutId"/>) or of all, by layout then place in a cell set.</summary>
    internal static Dictionary<int, LayoutPath[]> ReadLayouts(IDbConnection db, IDbTransaction? tx, int? layoutId)
    {
        var rows = db.Query<(int LayoutId, int Pos, int Seq, string Path, string TableName, string RowKey, string Field)>(
            "SELECT lp.layout_id, lp.pos, lp.seq, p.path, p.table_name, p.row_key, p.field FROM cell_layout_paths lp JOIN cell_paths p ON p.id = lp.path_id"
            + (layoutId is null ? "" : " WHERE lp.layout_id = @layoutId"), new { layoutId }, tx);
        var layouts = new Dictionary<int, List<LayoutPath?>>();
        foreach (var r in rows)
        {
            if (!layouts.TryGetValue(r.LayoutId, out var paths)) layouts[r.LayoutId] = paths = [];
            while (paths.Count <= r.Pos) paths.Add(null);
            paths[r.Pos] = new LayoutPath(r.Seq, r.Path, r.TableName, r.RowKey, r.Field);
        }
        if (layoutId is { } id && !layouts.ContainsKey(id)) layouts[id] = [];
        return layouts.ToDictionary(l => l.Key, l => l.Value.Select((p, pos) => p ?? throw new InvalidDataException($"cell layout {l.Key} has no cell at place {pos}")).ToArray());
    }

    /// <summary>A settled cell's overlay on the document's reading.</summary>
    internal sealed record Settlement(string ValueText, string? SrcText, string NeighbourId);

    /// <summary>The settlements of the reports <paramref name="where"/> picks (a clause on <c>report_no</c>).</summary>
    internal static Dictionary<(long ReportNo, int Seq), Settlement> ReadSettlements(IDbConnection db, IDbTransaction? tx, string where, object args) =>
        db.Query<(long ReportNo, int Seq, string ValueText, string? SrcText, string NeighbourId)>(
            $"SELECT report_no, seq, value_text, src_text, neighbour_id FROM cell_settlements {where}", args, tx)
            .ToDictionary(s => (s.ReportNo, s.Seq), s => new Settlement(s.ValueText, s.SrcText, s.NeighbourId));

    /// <summary>
    /// The cells of one stored set, as the view <c>cells</c> shows them (settlements overlaid), in stored (seq)
    /// order: each item of the array is the cell at its place in the layout (<see cref="CellCode"/>; a null item
    /// is a cell deleted through the view).
    /// </summary>
    internal static List<(int Seq, string? ValueText, CellEntry Cell)> Decode(string reportId, long reportNo, string json, LayoutPath[] layout,
        Dictionary<(long ReportNo, int Seq), Settlement> settled)
    {
        var cells = new List<(int, string?, CellEntry)>(layout.Length);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Expect(ref reader, JsonTokenType.StartArray);
        var fields = new object?[StoredCount];
        for (var pos = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; pos++)
        {
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (reader.TokenType != JsonTokenType.StartArray) throw new InvalidDataException($"cells of report {reportId}: unexpected {reader.TokenType}");
            Array.Clear(fields);
            var i = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (i == StoredCount) throw new InvalidDataException($"cells of report {reportId}: a cell of more than {StoredCount} items");
                var at = i++;
                fields[at] = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => reader.GetString(),
                    // value_text as a number is its own text (an integer of up to 15 digits: more than an int holds).
                    JsonTokenType.Number => at == 1 ? Encoding.UTF8.GetString(reader.ValueSpan) : reader.GetInt32(),
                    var t => throw new InvalidDataException($"cells of report {reportId}: unexpected {t}"),
                };
            }
            if (pos >= layout.Length) throw new InvalidDataException($"cells of report {reportId}: a cell at place {pos} of a layout of {layout.Length}");
            var path = layout[pos];
            var code = (int)fields[0]!;
            var ownText = (string?)fields[1];
            var srcStart = (int?)fields[2];
            var srcText = (code & CellCode.TextStored) != 0 ? (string?)fields[4] : ownText;
            var srcLength = (code & CellCode.LengthStored) != 0 ? (int?)fields[3] : srcStart is null || srcText is null ? null : srcText.Length;
            var settlement = settled.Count > 0 && settled.TryGetValue((reportNo, path.Seq), out var s) ? s : null;
            var valueText = settlement?.ValueText ?? ownText;
            cells.Add((path.Seq, valueText, new CellEntry
            {
                ReportId = reportId, Path = path.Path, TableName = path.TableName, RowKey = path.RowKey, Field = path.Field,
                Status = settlement is null ? CellCode.StatusOf(code) : CellStatus.Settled,
                Value = valueText is null ? null : decimal.Parse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture),
                Unit = (string?)fields[5],
                Confidence = settlement is null ? CellCode.ConfidenceOf(code) : "settledByNeighbour",
                SrcStart = srcStart, SrcLength = srcLength,
                SrcText = settlement is null ? srcText : settlement.SrcText,
                Page = (int?)fields[6], Box = (string?)fields[7], SrcTable = (int?)fields[8], SrcRow = (int?)fields[9], SrcColumn = (int?)fields[10],
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
