using System.Diagnostics;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>
/// Prints HTML to PDF with headless Chromium, the way a report author's browser would. Missing
/// Chromium is a failure with a clear message, never a silent skip: the PDF tests would prove nothing.
/// </summary>
public static class ChromiumPdf
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static byte[] Print(string html)
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"{ChromiumPath} is missing: the generated-PDF tests print HTML with headless Chromium. Install the Debian packages chromium and fonts-wqy-microhei.");
        var dir = Directory.CreateTempSubdirectory("nianbao-pdf-");
        try
        {
            var htmlPath = Path.Combine(dir.FullName, "report.html");
            var pdfPath = Path.Combine(dir.FullName, "report.pdf");
            File.WriteAllText(htmlPath, html);
            var start = new ProcessStartInfo(ChromiumPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-extensions", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}",
                $"--print-to-pdf={pdfPath}", "--no-pdf-header-footer", new Uri(htmlPath).AbsoluteUri,
            }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish printing within {Timeout.TotalSeconds}s");
            }
            if (!File.Exists(pdfPath) || new FileInfo(pdfPath).Length == 0)
                Assert.Fail($"chromium exited {process.ExitCode} without writing a PDF: {stdout.Result} {stderr.Result}");
            // To look at what was printed: NIANBAO_KEEP_PDF=/some/dir keeps a copy of every PDF and its HTML.
            if (Environment.GetEnvironmentVariable("NIANBAO_KEEP_PDF") is { Length: > 0 } keep)
            {
                Directory.CreateDirectory(keep);
                var name = $"chromium-{DateTime.UtcNow:HHmmssfff}-{Environment.CurrentManagedThreadId}";
                File.Copy(pdfPath, Path.Combine(keep, name + ".pdf"), overwrite: true);
                File.Copy(htmlPath, Path.Combine(keep, name + ".html"), overwrite: true);
            }
            return File.ReadAllBytes(pdfPath);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
