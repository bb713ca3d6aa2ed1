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

    internal static OcrEngine SharedEngine => Engine.Value;
}
