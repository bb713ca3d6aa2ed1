namespace Nianbao.Documents.Model;

/// <summary>The formats a report arrives in; the contract name goes into <c>source.format</c>.</summary>
public enum SourceFormat { Text, Markdown, Html, Pdf, Docx, Xlsx, Xls, Image }

public static class SourceFormatNames
{
    public static string ToContractName(this SourceFormat f) => f.ToString().ToLowerInvariant();
}

/// <summary>A rectangle on a PDF page in points, origin at the bottom left.</summary>
public readonly record struct TextBox(int Page, double Left, double Bottom, double Right, double Top)
{
    public static TextBox Union(TextBox a, TextBox b) =>
        new(a.Page, Math.Min(a.Left, b.Left), Math.Min(a.Bottom, b.Bottom), Math.Max(a.Right, b.Right), Math.Max(a.Top, b.Top));
}

/// <summary>
/// One cell of a line: a table cell of an HTML/DOCX/PDF table, a tab- or pipe-separated field of a
/// text line, or the whole line of running text. Offsets are into <see cref="SourceDocument.Text"/>.
/// </summary>
public sealed record DocCell(int Start, int Length, string Text)
{
    /// <summary>Grid column of a real table cell (after rowspan/colspan expansion); null for text.</summary>
    public int? Column { get; init; }
    public int ColumnSpan { get; init; } = 1;

    /// <summary>For PDF: one box per character of <see cref="Text"/>, so any substring can be located.</summary>
    public IReadOnlyList<TextBox>? CharBoxes { get; init; }

    /// <summary>OCR only: the recognition model's confidence (0–1) per character of <see cref="Text"/>.</summary>
    public IReadOnlyList<float>? CharConfidences { get; init; }

    /// <summary>
    /// OCR only: the readings a number cell allows when the picture does not decide a digit
    /// (5/6/8, a faint stroke); <see cref="Text"/> is the likeliest. The table's identities choose.
    /// </summary>
    public IReadOnlyList<string>? Readings { get; init; }

    /// <summary>True when the cell was read by OCR from a picture.</summary>
    public bool IsOcr => CharConfidences is not null;

    /// <summary>OCR only: the lowest character confidence of a substring (how sure the picture is of it).</summary>
    public float? ConfidenceOf(int offsetInCell, int length)
    {
        if (CharConfidences is null || length <= 0 || offsetInCell < 0 || offsetInCell + length > CharConfidences.Count) return null;
        var min = 1f;
        for (var i = 0; i < length; i++) min = Math.Min(min, CharConfidences[offsetInCell + i]);
        return min;
    }

    public TextBox? BoxOf(int offsetInCell, int length)
    {
        if (CharBoxes is null || length <= 0 || offsetInCell < 0 || offsetInCell + length > CharBoxes.Count) return null;
        var box = CharBoxes[offsetInCell];
        for (var i = 1; i < length; i++) box = TextBox.Union(box, CharBoxes[offsetInCell + i]);
        return box;
    }
}

/// <summary>
/// One line of the document in reading order: a paragraph line, or one row of a table. A table row
/// knows its table and row index so provenance can say "table 2, row 5, column 3".
/// </summary>
public sealed record DocLine(int Start, int Length, IReadOnlyList<DocCell> Cells)
{
    /// <summary>Index of the source table (0-based, in document order) when this line is a table row.</summary>
    public int? Table { get; init; }
    public int? Row { get; init; }
    public int? Page { get; init; }
    public bool IsTableRow => Table is not null;
}

/// <summary>
/// Something the reader noticed that the report must mention (e.g. a page without text layer): a code,
/// the message in English, and its values by name (<c>page</c>, <c>count</c>…), so a later stage can
/// tell it in the user's language from a catalog keyed by the code.
/// </summary>
public sealed record DocumentNotice(string Code, string Message)
{
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];
}

/// <summary>
/// What every format reader produces: normalized text, lines and cells traceable to the source.
/// Recognizers see only this, never the file format.
/// </summary>
public sealed class SourceDocument
{
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required SourceFormat Format { get; init; }
    public string? Encoding { get; init; }
    public required NormalizedText Text { get; init; }
    public required IReadOnlyList<DocLine> Lines { get; init; }
    public IReadOnlyList<DocumentNotice> Notices { get; init; } = [];

    /// <summary>Document properties the format carries (HTML title, PDF Title), keyed by name.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public string Slice(int start, int length) => Text.Value.Substring(start, length);
}
