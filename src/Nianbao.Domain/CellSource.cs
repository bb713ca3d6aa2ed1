namespace Nianbao.Domain;

/// <summary>How a number was obtained from the document; every reading can be audited.</summary>
public enum ReadingConfidence
{
    /// <summary>The number stood alone in its cell or between separators.</summary>
    Exact,
    /// <summary>The number was split out of a run of digits; the table's arithmetic left one reading.</summary>
    SolvedByArithmetic,
    /// <summary>Several readings fitted the arithmetic; the narrative's figure decided between them.</summary>
    SolvedByNarrative,
    /// <summary>The cell's position was inferred from the row order because its label was detached.</summary>
    PlacedByOrder,
    /// <summary>Read by OCR from a picture of the page, every digit decided by the picture (see <see cref="CellSource.OcrConfidence"/>).</summary>
    Ocr,
}

/// <summary>A rectangle on a PDF page, in points with the origin at the bottom left.</summary>
public readonly record struct PageBox(int Page, double Left, double Bottom, double Right, double Top);

/// <summary>
/// Where one number stands in its source: an offset range in the normalized document text, the
/// printed text, and where the format allows it the page box or the table/row/column.
/// </summary>
public sealed record CellSource(int Start, int Length, string Text, ReadingConfidence Confidence)
{
    public PageBox? Box { get; init; }
    public int? Table { get; init; }
    public int? Row { get; init; }
    public int? Column { get; init; }
    /// <summary>Read by OCR: the lowest probability the recognition model gave a digit of the number (0–1).</summary>
    public double? OcrConfidence { get; init; }
}
