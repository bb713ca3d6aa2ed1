using System.Diagnostics;
using System.Globalization;
using Nianbao.Documents;
using Nianbao.Documents.Ocr;
using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>nianbao bench --scans FILE.pdf…</c>: seconds per page for reading PDF pages by OCR (every page
/// rasterised by pdftoppm and read, as <c>--ocr force</c> does), next to pdftoppm alone drawing the
/// same pages at the same resolution, on this machine's cores (the OCR engine uses them all).
/// </summary>
internal static class OcrBench
{
    public static int Run(string[] pdfs, int dpi, int rounds)
    {
        var files = pdfs.Select(p => (Path: p, Bytes: File.ReadAllBytes(p))).ToList();
        var pages = files.Sum(f => { using var d = UglyToad.PdfPig.PdfDocument.Open(f.Bytes); return d.NumberOfPages; });
        var readers = DocumentReaders.With(new OcrOptions(OcrMode.Force) { Dpi = dpi });
        AnsiConsole.MarkupLine($"OCR bench: {files.Count} PDF file(s), {pages} pages at {dpi} dpi, {Environment.ProcessorCount} cores, median of {rounds} round(s) after a warm-up …");
        // Warm-up: loads the models and lets the runtime plan its kernels.
        _ = readers.Read(files[0].Bytes, Path.GetFileName(files[0].Path));
        var draw = new List<double>();
        var read = new List<double>();
        var cpu = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var wall = Stopwatch.StartNew();
            foreach (var (path, _) in files)
                for (var page = 1; page <= PageCount(path); page++)
                    Pdftoppm(path, page, dpi);
            draw.Add(wall.Elapsed.TotalSeconds);
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            wall.Restart();
            foreach (var (path, bytes) in files) _ = readers.Read(bytes, Path.GetFileName(path));
            read.Add(wall.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds);
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var table = new Table().Border(TableBorder.Rounded).Title($"OCR of PDF pages at {dpi} dpi (seconds per page, wall clock)");
        table.AddColumns("workload", "pages", "s per page", "CPU s per page (this process)");
        table.AddRow("pdftoppm alone (-gray, one page per call)", $"{pages}", F(Median(draw) / pages), "—");
        table.AddRow("OCR read (pdftoppm + detection + recognition + layout)", $"{pages}", F(Median(read) / pages), F(Median(cpu) / pages));
        table.AddRow("OCR without pdftoppm", $"{pages}", F((Median(read) - Median(draw)) / pages), "");
        AnsiConsole.Write(table);
        return 0;
    }

    private static readonly Dictionary<string, int> Counts = new();

    private static int PageCount(string path)
    {
        if (Counts.TryGetValue(path, out var n)) return n;
        using var d = UglyToad.PdfPig.PdfDocument.Open(File.ReadAllBytes(path));
        return Counts[path] = d.NumberOfPages;
    }

    private static void Pdftoppm(string path, int page, int dpi)
    {
        var start = new ProcessStartInfo("pdftoppm", ["-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", path])
        { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.StandardOutput.BaseStream.CopyTo(Stream.Null);
        process.WaitForExit();
    }

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
}
