using DocumentFormat.OpenXml.Packaging;
using Nianbao.Documents.Model;
using Nianbao.Documents.Ocr;
using Nianbao.Ocr;

namespace Nianbao.Documents.Docx;

/// <summary>
/// Pictures in a Word document's text, searched for ruled tables by OCR as pictures on the text
/// pages of a PDF are (<see cref="OcrMode.Auto"/> and <see cref="OcrMode.Force"/>): a table pasted
/// as a screenshot is read into table rows in its place among the paragraphs; a picture without a
/// grid (a seal, a logo, a photo) adds nothing. Pictures that follow one another with no text or
/// table between them are one run, so a table pasted as two screenshots goes on as one table. The
/// page number of what a picture gives is the picture's number in the document (a DOCX has no pages).
/// </summary>
internal sealed class DocxPictures(MainDocumentPart main, OcrOptions options, DocumentBuilder builder, ReadLimits limits, CancellationToken cancellation)
{
    /// <summary>Smaller than this (pixels) is an icon, a seal or a signature, not a table.</summary>
    private const int MinWidth = 300, MinHeight = 120;
    /// <summary>A resolution below this is a screen default (72, 96), not what the picture was drawn at.</summary>
    private const double MinStatedDpi = 100;

    private OcrLayout? _run;
    private int _pictures;

    /// <summary>Text or a Word table came between pictures: the next picture starts a new run.</summary>
    public void Interrupt() => _run = null;

    /// <summary>Reads the picture with relationship id <paramref name="id"/>; returns the next free table index.</summary>
    public int Read(string id, int nextTable)
    {
        if (options.Mode == OcrMode.Off) return nextTable;
        cancellation.ThrowIfCancellationRequested();
        if (Bytes(id) is not { } bytes) return nextTable;
        GrayImage image;
        double? stated;
        try { (image, stated) = GrayImage.Decode(bytes)[0]; }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return nextTable; // EMF, WMF, SVG or a damaged picture: not something OCR reads, and no worse than before
        }
        if (image.Width < MinWidth || image.Height < MinHeight) return nextTable;
        var dpi = stated is { } d && d >= MinStatedDpi && d <= 1200 ? d : options.Dpi;
        Limits.ReadBudget.Extend(options.PageTime);
        OcrPage page;
        try { page = PdfOcr.SharedEngine.Read(image, dpi, cancellation, tablesOnly: true); }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or FileNotFoundException)
        {
            builder.AddNotice("needs-ocr", $"picture {_pictures + 1} needs OCR, which failed: {ex.Message}");
            return nextTable;
        }
        _pictures++;
        if (page.Tables.Count == 0) return nextTable;
        _run ??= new OcrLayout(builder, nextTable);
        _run.Add(_pictures, page, image.Height * 72.0 / dpi);
        return Math.Max(nextTable, _run.NextTable);
    }

    /// <summary>The image part's bytes; null when the id names no image part or the part is larger than a file may be.</summary>
    private byte[]? Bytes(string id)
    {
        try
        {
            if (main.GetPartById(id) is not ImagePart part) return null;
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, n);
                if (copy.Length > limits.MaxFileBytes) return null;
            }
            return copy.ToArray();
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or KeyNotFoundException or IOException or InvalidDataException or InvalidOperationException)
        {
            return null; // a broken relationship costs the picture, not the document
        }
    }
}
