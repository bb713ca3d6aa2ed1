using System.Diagnostics;
using Nianbao.Ocr;

namespace Nianbao.Documents.Ocr;

/// <summary>
/// PDF pages to grey pixels with poppler's <c>pdftoppm</c> (Debian package poppler-utils): the
/// renderer that draws scanned images exactly as viewers do. One process per page, with a time limit.
/// </summary>
internal static class PageRasterizer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool Available => Tool is not null;

    private static readonly Lazy<string?> ToolPath = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "pdftoppm")).FirstOrDefault(File.Exists));

    private static string? Tool => ToolPath.Value;

    /// <summary>The page as a grey image; throws <see cref="InvalidOperationException"/> with a readable reason.</summary>
    public static GrayImage Rasterize(string pdfPath, int page, int dpi, CancellationToken cancellation = default)
    {
        var tool = Tool ?? throw new InvalidOperationException("pdftoppm is not installed (apt-get install poppler-utils)");
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-gray", "-r", dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), pdfPath }) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm could not be started");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        if (!process.WaitForExit(Timeout) || !copy.Wait(Timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException($"pdftoppm took longer than {Timeout.TotalSeconds:F0} s on page {page}");
        }
        if (process.ExitCode != 0 || output.Length == 0)
            throw new InvalidOperationException($"pdftoppm could not draw page {page}: {error.Result.Trim()}");
        return GrayImage.FromNetpbm(output.GetBuffer().AsSpan(0, (int)output.Length));
    }
}
