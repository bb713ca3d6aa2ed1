using System.Diagnostics;
using Nianbao.Domain;

namespace Nianbao.Rendering;

/// <summary>
/// A report as PDF: the HTML page of <see cref="HtmlRenderer"/> printed by headless Chromium, so the
/// PDF and the web page are the same layout. Chromium runs with a private, throw-away profile and
/// no network, and is killed if it does not finish in time.
/// </summary>
public sealed class PdfRenderer(string chromiumPath = PdfRenderer.DefaultChromium, TimeSpan? timeout = null) : IReportRenderer
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(120);

    public string Extension => "pdf";

    public byte[] Render(Report report) => Print(new HtmlRenderer().RenderString(report));

    /// <summary>Prints an HTML page to PDF bytes.</summary>
    public byte[] Print(string html)
    {
        if (!File.Exists(chromiumPath))
            throw new RenderingException("render.no-chromium", ("path", chromiumPath));
        var work = Directory.CreateTempSubdirectory("nianbao-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "report.html");
            var output = Path.Combine(work.FullName, "report.pdf");
            File.WriteAllText(page, html);
            var start = new ProcessStartInfo(chromiumPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-extensions", "--disable-sync", "--no-default-browser-check",
                "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                $"--print-to-pdf={output}", new Uri(page).AbsoluteUri,
            })
                start.ArgumentList.Add(arg);

            using var process = Process.Start(start) ?? throw new RenderingException("render.chromium-not-started", ("path", chromiumPath));
            // Drain both pipes so a chatty Chromium never blocks on a full buffer.
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new RenderingException("render.chromium-timeout", ("seconds", Math.Round(_timeout.TotalSeconds)));
            }
            process.WaitForExit();
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
                throw new RenderingException("render.chromium-failed", ("code", process.ExitCode), ("detail", Tail(stderr.Result)));
            var bytes = File.ReadAllBytes(output);
            if (bytes.Length < 5 || bytes[0] != '%' || bytes[1] != 'P' || bytes[2] != 'D' || bytes[3] != 'F')
                throw new RenderingException("render.not-pdf");
            return bytes;
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" / ", lines.TakeLast(3));
    }
}
