using System.Security.Cryptography;
using System.Text;

namespace Nianbao.Documents.Model;

/// <summary>A cell as a structured reader found it, before normalization.</summary>
public sealed record CellInput(string RawText)
{
    public int? Column { get; init; }
    public int ColumnSpan { get; init; } = 1;
    /// <summary>One box per character of <see cref="RawText"/> (PDF only).</summary>
    public IReadOnlyList<TextBox>? CharBoxes { get; init; }
    /// <summary>OCR only: the recognition model's confidence (0–1) per character of <see cref="RawText"/>.</summary>
    public IReadOnlyList<float>? CharConfidences { get; init; }
    /// <summary>OCR only: every reading of a number cell whose digits the picture does not decide (the text is the likeliest).</summary>
    public IReadOnlyList<string>? Readings { get; init; }
}

/// <summary>
/// Builds a <see cref="SourceDocument"/> for structured formats (HTML, DOCX, PDF, spreadsheets):
/// lines of cells are laid out as text (cells joined by tabs, lines by newlines), normalized, and
/// each cell keeps its offsets into that text.
/// </summary>
public sealed class DocumentBuilder(ReadLimits? limits = null)
{
    private readonly ReadLimits _limits = limits ?? ReadLimits.Default;
    private long _chars;
    private readonly List<(List<CellInput> Cells, int? Table, int? Row, int? Page)> _lines = new();
    private readonly List<DocumentNotice> _notices = new();
    private readonly Dictionary<string, string> _properties = new();

    public void AddParagraph(string text, int? page = null)
    {
        // A paragraph with embedded newlines becomes several lines: recognizers work line by line.
        foreach (var line in text.Split('\n'))
            Add([new CellInput(line.TrimEnd('\r'))], null, null, page);
    }

    public void AddRow(IEnumerable<CellInput> cells, int table, int row, int? page = null) =>
        Add(cells.ToList(), table, row, page);

    public void AddLine(IEnumerable<CellInput> cells, int? page = null) =>
        Add(cells.ToList(), null, null, page);

    /// <summary>
    /// Text and line lengths are counted as lines arrive, so a reader that extracts more than
    /// <see cref="ReadLimits.MaxTextChars"/> stops there instead of building a document that size.
    /// </summary>
    private void Add(List<CellInput> cells, int? table, int? row, int? page)
    {
        long line = cells.Count;
        foreach (var cell in cells) line += cell.RawText.Length;
        if (line > _limits.MaxLineChars)
            throw Limits.ReadLimitException.TooLarge($"一行有 {line} 个字符，上限 {_limits.MaxLineChars}", $"a line of {line} characters (the limit is {_limits.MaxLineChars})");
        _chars += line + 1;
        if (_chars > _limits.MaxTextChars)
            throw Limits.ReadLimitException.TooLarge($"文本超过 {_limits.MaxTextChars} 个字符", $"more than {_limits.MaxTextChars} characters of text");
        _lines.Add((cells, table, row, page));
    }

    public void AddNotice(string code, string message, params (string Name, object Value)[] args) =>
        _notices.Add(new DocumentNotice(code, message)
        {
            Args = args.Select(a => new KeyValuePair<string, string>(a.Name, Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).ToList(),
        });

    public void SetProperty(string name, string value) => _properties[name] = value;

    public SourceDocument Build(string fileName, byte[] bytes, SourceFormat format, string? encoding = null)
    {
        var raw = new StringBuilder();
        var value = new StringBuilder();
        var rawIndex = new List<int>();
        var lines = new List<DocLine>(_lines.Count);
        foreach (var (cells, table, row, page) in _lines)
        {
            var lineStart = value.Length;
            var docCells = new List<DocCell>(cells.Count);
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0) Append(raw, value, rawIndex, "\t");
                var cell = cells[i];
                var cellStart = value.Length;
                var boxes = cell.CharBoxes is null ? null : new List<TextBox>();
                var confidences = cell.CharConfidences is null ? null : new List<float>();
                TextNormalizer.AppendNormalized(cell.RawText, raw, value, rawIndex, boxes is null && confidences is null ? null : (rawOffset =>
                {
                    boxes?.Add(cell.CharBoxes![Math.Min(rawOffset, cell.CharBoxes.Count - 1)]);
                    confidences?.Add(cell.CharConfidences![Math.Min(rawOffset, cell.CharConfidences.Count - 1)]);
                }));
                docCells.Add(new DocCell(cellStart, value.Length - cellStart, value.ToString(cellStart, value.Length - cellStart))
                {
                    Column = cell.Column,
                    ColumnSpan = cell.ColumnSpan,
                    CharBoxes = boxes,
                    CharConfidences = confidences,
                    Readings = cell.Readings,
                });
            }
            lines.Add(new DocLine(lineStart, value.Length - lineStart, docCells) { Table = table, Row = row, Page = page });
            Append(raw, value, rawIndex, "\n");
        }
        rawIndex.Add(raw.Length);
        return new SourceDocument
        {
            FileName = fileName,
            Sha256 = Hash(bytes),
            Format = format,
            Encoding = encoding,
            Text = new NormalizedText(raw.ToString(), value.ToString(), rawIndex.ToArray()),
            Lines = lines,
            Notices = _notices.ToList(),
            Properties = new Dictionary<string, string>(_properties),
        };
    }

    private static void Append(StringBuilder raw, StringBuilder value, List<int> rawIndex, string s)
    {
        foreach (var c in s)
        {
            rawIndex.Add(raw.Length);
            raw.Append(c);
            value.Append(c);
        }
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
