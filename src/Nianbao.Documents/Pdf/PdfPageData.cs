namespace Nianbao.Documents.Pdf;

/// <summary>What the reader keeps of one page between its passes: glyph lines and ruling lines.</summary>
internal sealed class PdfPageData(int number, double width, double height, Rulings rulings, List<List<Glyph>> lines, bool hasImages)
{
    public int Number { get; } = number;
    public double Width { get; } = width;
    public double Height { get; } = height;
    public Rulings Rulings { get; } = rulings;
    public List<List<Glyph>> Lines { get; } = lines;
    public bool HasImages { get; } = hasImages;
}
