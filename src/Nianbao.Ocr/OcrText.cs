namespace Nianbao.Ocr;

/// <summary>A rectangle in pixels of the page image, origin top left (x right, y down).</summary>
public readonly record struct PixelBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;
    public double CenterY => (Top + Bottom) / 2;
    public static PixelBox Union(PixelBox a, PixelBox b) =>
        new(Math.Min(a.Left, b.Left), Math.Min(a.Top, b.Top), Math.Max(a.Right, b.Right), Math.Max(a.Bottom, b.Bottom));
}

/// <summary>One recognised character: its box on the page and the model's probability for it.</summary>
public sealed record OcrChar(string Text, PixelBox Box, float Confidence)
{
    /// <summary>
    /// The probability of each digit 0–9 for this glyph, look-alike letters counted with their
    /// digit (o and 〇 with 0, l and 丨 with 1): what a number cell's character may be. Null for
    /// characters that did not come from the recognition model (inserted spaces).
    /// </summary>
    public IReadOnlyList<float>? Digits { get; init; }
}

/// <summary>One recognised run of text (a line, or a line of a table cell).</summary>
public sealed record OcrText(IReadOnlyList<OcrChar> Chars, PixelBox Box)
{
    public string Text => string.Concat(Chars.Select(c => c.Text));
    public float MinConfidence => Chars.Count == 0 ? 1f : Chars.Min(c => c.Confidence);

    /// <summary>
    /// The pixels show a short level dash standing apart before the rest of the line: a minus sign
    /// whatever the model read (it sometimes drops a faint one), so a number without it is not decided.
    /// </summary>
    public bool LeadingDash { get; init; }
}

/// <summary>A cell of a ruled table: its grid position (spans for merged cells), box and text lines top to bottom.</summary>
public sealed record OcrCell(int Row, int Column, int RowSpan, int ColumnSpan, PixelBox Box, IReadOnlyList<OcrText> Lines);

/// <summary>A ruled table found from its ruling lines.</summary>
public sealed record OcrTable(PixelBox Box, IReadOnlyList<double> ColumnEdges, IReadOnlyList<double> RowEdges, IReadOnlyList<OcrCell> Cells)
{
    public int Rows => RowEdges.Count - 1;
    public int Columns => ColumnEdges.Count - 1;
}

/// <summary>What OCR read on one page image, with the deskew applied before reading.</summary>
public sealed record OcrPage(int Width, int Height, double Dpi, double SkewDegrees, IReadOnlyList<OcrText> Lines, IReadOnlyList<OcrTable> Tables);
