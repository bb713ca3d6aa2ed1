using Nianbao.Documents.Model;
using Nianbao.Ocr;

namespace Nianbao.Documents.Ocr;

/// <summary>OCR of chosen PDF pages: each drawn by pdftoppm at the options' resolution and read by the shared engine.</summary>
internal static class PdfOcr
{
    private static readonly Lazy<OcrEngine> Engine = new(() => new OcrEngine(OcrModels.Shared));

    /// <summary>The pages read; a page that could not be read gets a needs-OCR notice saying why and is left out.</summary>
    public static Dictionary<int, OcrPage> Read(byte[] pdf, string fileName, IReadOnlyList<int> pages, OcrOptions options, DocumentBuilder builder, CancellationToken cancellation = default)
    {
        var result = new Dictionary<int, OcrPage>();
        if (pages.Count == 0) return result;
        if (!PageRasterizer.Available)
        {
            foreach (var n in pages)
                builder.AddNotice("needs-ocr", $"page {n} needs OCR, but pdftoppm is not installed (apt-get install poppler-utils)");
            return result;
        }
        var dir = Directory.CreateTempSubdirectory("nianbao-ocr-");
        try
        {
            var path = Path.Combine(dir.FullName, "input.pdf");
            File.WriteAllBytes(path, pdf);
            var done = 0;
            foreach (var n in pages)
            {
                cancellation.ThrowIfCancellationRequested();
                Limits.ReadBudget.Extend(options.PageTime);
                try
                {
                    var image = PageRasterizer.Rasterize(path, n, options.Dpi, cancellation);
                    result[n] = Engine.Value.Read(image, options.Dpi, cancellation);
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or FileNotFoundException)
                {
                    builder.AddNotice("needs-ocr", $"page {n} needs OCR, which failed: {ex.Message}");
                }
                options.Progress?.Invoke(fileName, ++done, pages.Count);
            }
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
        return result;
    }

    /// <summary>
    /// Tables inside pictures on text pages: each page drawn by pdftoppm, everything outside its
    /// pictures (given in points, origin top left) painted white, and only ruled tables read — a
    /// picture without a grid (a seal, a photo) adds nothing. Pages where OCR fails are left to their text layer.
    /// </summary>
    public static Dictionary<int, OcrPage> ReadPictures(byte[] pdf, string fileName, IReadOnlyDictionary<int, IReadOnlyList<PixelBox>> pictures, OcrOptions options, CancellationToken cancellation = default)
    {
        var result = new Dictionary<int, OcrPage>();
        if (pictures.Count == 0 || !PageRasterizer.Available) return result;
        var dir = Directory.CreateTempSubdirectory("nianbao-ocr-");
        try
        {
            var path = Path.Combine(dir.FullName, "input.pdf");
            File.WriteAllBytes(path, pdf);
            foreach (var (n, boxes) in pictures.OrderBy(p => p.Key))
            {
                cancellation.ThrowIfCancellationRequested();
                Limits.ReadBudget.Extend(options.PageTime);
                try
                {
                    var image = PageRasterizer.Rasterize(path, n, options.Dpi, cancellation);
                    var page = Engine.Value.Read(Only(image, boxes, options.Dpi / 72.0), options.Dpi, cancellation, tablesOnly: true);
                    if (page.Tables.Count > 0) result[n] = page;
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or FileNotFoundException)
                {
                    // The text layer is still read; a picture that could not be read is no worse than before.
                }
            }
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
        return result;
    }

    /// <summary>The page with everything outside the boxes (points) painted white.</summary>
    private static GrayImage Only(GrayImage page, IReadOnlyList<PixelBox> boxes, double scale)
    {
        var pixels = new byte[page.Pixels.Length];
        Array.Fill(pixels, (byte)255);
        foreach (var b in boxes)
        {
            int x0 = Math.Clamp((int)(b.Left * scale), 0, page.Width), x1 = Math.Clamp((int)Math.Ceiling(b.Right * scale), 0, page.Width);
            int y0 = Math.Clamp((int)(b.Top * scale), 0, page.Height), y1 = Math.Clamp((int)Math.Ceiling(b.Bottom * scale), 0, page.Height);
            for (var y = y0; y < y1; y++) Array.Copy(page.Pixels, y * page.Width + x0, pixels, y * page.Width + x0, x1 - x0);
        }
        return new GrayImage(page.Width, page.Height, pixels);
    }

    internal static OcrEngine SharedEngine => Engine.Value;
}
