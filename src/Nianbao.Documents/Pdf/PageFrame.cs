using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// A reading frame for one text orientation on a page: coordinates turned so that text of that
/// orientation runs left to right with y up, and the page size in that frame. A table printed
/// sideways (rotated 90°) is laid out in its own frame exactly like an upright one; boxes reported
/// to the document stay in the page's own coordinates.
/// </summary>
internal sealed class PageFrame
{
    private readonly double _width;
    private readonly double _height;

    private PageFrame(TextOrientation orientation, double pageWidth, double pageHeight)
    {
        Orientation = orientation;
        _width = pageWidth;
        _height = pageHeight;
        var quarterTurn = orientation is TextOrientation.Rotate90 or TextOrientation.Rotate270;
        Width = quarterTurn ? pageHeight : pageWidth;
        Height = quarterTurn ? pageWidth : pageHeight;
    }

    public TextOrientation Orientation { get; }
    public double Width { get; }
    public double Height { get; }
    public bool IsUpright => Orientation == TextOrientation.Horizontal;

    /// <summary>
    /// The frame for one orientation. Text at other angles (<see cref="TextOrientation.Other"/>,
    /// typically a diagonal watermark) keeps page coordinates but gets a frame of its own, so its
    /// letters are never glued into the rows of the upright text underneath.
    /// </summary>
    public static PageFrame For(TextOrientation orientation, double pageWidth, double pageHeight) => new(orientation, pageWidth, pageHeight);

    /// <summary>Page coordinates → frame coordinates.</summary>
    public PdfPoint Map(PdfPoint p) => Orientation switch
    {
        // PdfPig's Rotate270: text runs up the page (+y), glyph tops toward -x.
        TextOrientation.Rotate270 => new PdfPoint(p.Y, _width - p.X),
        // Rotate90: text runs down the page (-y), glyph tops toward +x.
        TextOrientation.Rotate90 => new PdfPoint(_height - p.Y, p.X),
        TextOrientation.Rotate180 => new PdfPoint(_width - p.X, _height - p.Y),
        _ => p,
    };
}
