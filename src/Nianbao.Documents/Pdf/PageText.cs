using Nianbao.Documents.Model;

namespace Nianbao.Documents.Pdf;

/// <summary>An axis-parallel box in page coordinates (points, origin bottom left).</summary>
internal readonly record struct PdfBox(double Left, double Bottom, double Right, double Top);

/// <summary>One printed character (or ligature) with its box in PDF points, origin bottom left.</summary>
/// <remarks>
/// Left..Top and Baseline are in the reading frame (<see cref="PageFrame"/>); <see cref="Source"/> is
/// the box in the page's own PdfPig coordinates, which is what the document reports.
/// </remarks>
internal sealed record Glyph(string Text, double Left, double Bottom, double Right, double Top, double Baseline, double Size, PdfBox Source)
{
    public double CenterX => (Left + Right) / 2;

    public TextBox Box(int page) => new(page, Source.Left, Source.Bottom, Source.Right, Source.Top);

    public bool IsCjk => Text.Length > 0 && IsCjkChar(Text[0]);

    public static bool IsCjkChar(char c) => c >= '\u2E80' && c <= '\u9FFF' || c >= '\uF900' && c <= '\uFAFF' || c >= '\uFF00' && c <= '\uFFEF' || c >= '\u3000' && c <= '\u303F';
}

/// <summary>
/// A run of glyphs on one baseline that belongs together: a table cell's text on that line, or a
/// piece of running text. Glyphs are ordered left to right.
/// </summary>
internal sealed class Segment(List<Glyph> glyphs)
{
    public List<Glyph> Glyphs { get; } = glyphs;
    public double Left => Glyphs[0].Left;
    public double Right => Glyphs[^1].Right;
    public double Baseline => Glyphs.Average(g => g.Baseline);
    public double Size => Glyphs.Max(g => g.Size);
    public double Top => Glyphs.Max(g => g.Top);
    public double Bottom => Glyphs.Min(g => g.Bottom);

    /// <summary>The ruled cell the segment sits in, when ruling lines enclose it on all four sides.</summary>
    public CellFrame? Frame { get; set; }
}

/// <summary>The rectangle of ruling lines around a piece of text.</summary>
internal readonly record struct CellFrame(double Left, double Bottom, double Right, double Top)
{
    private const double Tolerance = 1.5;

    public bool SameAs(CellFrame o) => Near(Left, o.Left) && Near(Right, o.Right) && Near(Top, o.Top) && Near(Bottom, o.Bottom);
    public bool SameBand(CellFrame o) => Near(Top, o.Top) && Near(Bottom, o.Bottom);
    public bool OverlapsHorizontally(CellFrame o) => Left < o.Right - Tolerance && o.Left < Right - Tolerance;
    private static bool Near(double a, double b) => Math.Abs(a - b) <= Tolerance;
}

/// <summary>The glyphs of one baseline, split into segments.</summary>
internal sealed class TextLine(List<Segment> segments)
{
    public List<Segment> Segments { get; } = segments;
    public double Baseline => Segments.SelectMany(s => s.Glyphs).Average(g => g.Baseline);
    public double Left => Segments[0].Left;
    public double Right => Segments[^1].Right;
    public double Size => Segments.Max(s => s.Size);
    public bool IsRuled => Segments.Any(s => s.Frame is not null);
}
