using Nianbao.Documents.Model;
using Nianbao.Ocr;

namespace Nianbao.Documents.Ocr;

/// <summary>
/// A picture of a report or of a table (PNG, JPEG, TIFF; every page of a multi-page TIFF), read by
/// OCR into the same lines and cells as a scanned PDF page. Boxes are in points at the image's
/// stated resolution (200 dpi when it states none), origin bottom left, as for PDF pages.
/// </summary>
public sealed class ImageDocumentReader(OcrOptions options) : IDocumentReader
{
    /// <summary>A resolution below this is not what a scan states (a screen default of 72 or 96); the default is taken.</summary>
    private const double MinStatedDpi = 100;

    public SourceFormat Format => SourceFormat.Image;

    public bool CanRead(ReadOnlySpan<byte> bytes, string fileName) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8);

    public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        if (options.Mode == OcrMode.Off)
            throw new DocumentReadException(fileName, "is an image; reading it needs OCR, which is switched off (--ocr off).");
        IReadOnlyList<(GrayImage Image, double? Dpi)> frames;
        try { frames = GrayImage.Decode(bytes); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new DocumentReadException(fileName, $"is not a readable image ({ex.Message}).", ex);
        }
        var builder = new DocumentBuilder(limits);
        var layout = new OcrLayout(builder, 0);
        for (var i = 0; i < frames.Count; i++)
        {
            var (image, stated) = frames[i];
            var dpi = stated is { } d && d >= MinStatedDpi && d <= 1200 ? d : options.Dpi;
            cancellation.ThrowIfCancellationRequested();
            Limits.ReadBudget.Extend(options.PageTime);
            var page = PdfOcr.SharedEngine.Read(image, dpi, cancellation);
            if (page.Lines.Count == 0 && page.Tables.Count == 0)
                builder.AddNotice("needs-ocr", $"page {i + 1} of the image: OCR found no legible text on it");
            layout.Add(i + 1, page, image.Height * 72.0 / dpi);
            options.Progress?.Invoke(fileName, i + 1, frames.Count);
        }
        return builder.Build(fileName, bytes, SourceFormat.Image);
    }
}
