using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Nianbao.Documents;
using Nianbao.Documents.Text;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>nianbao bench</c>: throughput on one core, always as a ratio against a baseline measured in
/// the same run on the same input (so a slow or noisy machine does not change the verdict).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var reports = new Option<int>("--reports") { Description = "How many generated text reports to read (all text shapes in turn).", DefaultValueFactory = _ => 3000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated reports (same seed, same files).", DefaultValueFactory = _ => 2024 };
        var pdf = new Option<string[]>("--pdf") { Description = "PDF files to time against pdftotext (default: ../shared/corpus/binary/*.pdf when present).", AllowMultipleArgumentsPerToken = true };
        var scans = new Option<string[]>("--scans") { Description = "OCR bench only: PDF files whose pages are all read by OCR, timed per page against pdftoppm alone.", AllowMultipleArgumentsPerToken = true };
        var dpi = new Option<int>("--dpi") { Description = "Resolution of the OCR bench (--scans).", DefaultValueFactory = _ => 200 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of the OCR bench (--scans); the median is shown.", DefaultValueFactory = _ => 1 };
        var generate = new Option<string?>("--generate") { Description = "Only write --reports generated report files (all text shapes in turn) into this folder, for timing whole commands such as `nianbao parse DIR --json` on them." };
        var baseline = new Option<string?>("--baseline") { Description = "Only run the end-to-end baseline over the files of this folder: read, decode, NFKC-normalise and scan the digits of each file (in parallel, as parse does), and print what it saw." };
        var command = new Command("bench", "Measure reading speed per core: text reports vs read+decode, HTML/DOCX reports, PDF pages vs pdftotext, and memory as the batch grows; with --scans, OCR seconds per page.")
        {
            reports, seed, pdf, generate, baseline, scans, dpi, rounds,
        };
        command.SetAction(r => r.GetValue(scans) is { Length: > 0 } s ? OcrBench.Run(s, r.GetValue(dpi), Math.Max(1, r.GetValue(rounds)))
            : r.GetValue(generate) is { } dir ? Generate(dir, r.GetValue(reports), r.GetValue(seed))
            : r.GetValue(baseline) is { } folder ? Baseline(folder)
            : Run(r.GetValue(reports), r.GetValue(seed), r.GetValue(pdf) ?? []));
        command.Subcommands.Add(Archive.BenchImportCommand.Create());
        command.Subcommands.Add(Analysis.BenchSummaryCommand.Create());
        command.Subcommands.Add(Server.BenchServeCommand.Create());
        return command;
    }

    /// <summary>Writes the generated reports as files: the same count and seed give the same files.</summary>
    private static int Generate(string directory, int count, int seed)
    {
        Directory.CreateDirectory(directory);
        var written = 0;
        foreach (var (name, bytes) in CorpusFactory.Generate(count, seed))
        {
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
            written++;
        }
        Console.Out.WriteLine($"{written} report files written to {directory}");
        return 0;
    }

    /// <summary>
    /// The floor of any reader of these files, timed as a whole process like <c>nianbao parse DIR --json</c>:
    /// read each file, decode it (BOM, UTF-8, UTF-16, GB18030), NFKC-normalise it and scan its digit
    /// runs — no recognition, no checks, no JSON. Files in parallel, as parse reads them. Prints the
    /// totals so the work cannot be skipped.
    /// </summary>
    private static int Baseline(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        long chars = 0, runs = 0, digits = 0;
        Parallel.ForEach(files, () => (Chars: 0L, Runs: 0L, Digits: 0L), (path, _, local) =>
        {
            var decoded = TextDecoder.TryDecode(File.ReadAllBytes(path));
            if (decoded is null) return local;
            var text = decoded.Text.Normalize(System.Text.NormalizationForm.FormKC);
            var inRun = false;
            foreach (var ch in text)
            {
                var digit = ch is >= '0' and <= '9';
                if (digit) { local.Digits++; if (!inRun) local.Runs++; }
                inRun = digit;
            }
            local.Chars += text.Length;
            return local;
        }, local =>
        {
            Interlocked.Add(ref chars, local.Chars);
            Interlocked.Add(ref runs, local.Runs);
            Interlocked.Add(ref digits, local.Digits);
        });
        Console.Out.WriteLine($"{files.Count} files, {chars} characters, {runs} digit runs, {digits} digits");
        return 0;
    }

    private static int Run(int count, int seed, string[] pdfs)
    {
        if (count < 10) { Console.Error.WriteLine("bench: --reports must be at least 10."); return 2; }
        var results = new Table().Border(TableBorder.Rounded).Title("nianbao bench (one thread = one core; medians of 3 rounds)");
        results.AddColumns("workload", "items", "per second per core", "baseline", "ratio");

        AnsiConsole.MarkupLine($"Generating {count} text reports (seed {seed}) …");
        var corpus = CorpusFactory.Generate(count, seed).ToList();
        // The job is files → checked reports, so both sides start from the same files on disk
        // (in the page cache after the warm-up round): reading a file is part of either.
        var folder = Directory.CreateTempSubdirectory("nianbao-bench-");
        try
        {
            var paths = corpus.Select(c => Path.Combine(folder.FullName, c.Name)).ToList();
            for (var i = 0; i < corpus.Count; i++) File.WriteAllBytes(paths[i], corpus[i].Bytes);
            var readDecode = Median(3, () => { foreach (var path in paths) _ = TextDecoder.TryDecode(File.ReadAllBytes(path)); });
            var parseFiles = Median(3, () => { foreach (var path in paths) _ = ReportPipeline.Default.ReadFile(path); });
            results.AddRow("text report files: read, parse + check", $"{count}", Rate(count, parseFiles),
                $"read+decode {Rate(count, readDecode)}/s", $"{parseFiles / readDecode:F1}× slower");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        var decode = Median(3, () => { foreach (var (_, bytes) in corpus) _ = TextDecoder.TryDecode(bytes); });
        var parse = Median(3, () => { foreach (var (name, bytes) in corpus) _ = ReportPipeline.Default.Read(bytes, name); });
        results.AddRow("  same bytes in memory: parse + check", $"{count}", Rate(count, parse), $"decode only {Rate(count, decode)}/s", $"{parse / decode:F1}× slower");
        foreach (var shape in CorpusFactory.Cases(count, seed).GroupBy(c => c.Shape))
        {
            var files = shape.Select(c => (c.Name, c.Bytes)).ToList();
            var seconds = Median(1, () => { foreach (var (name, bytes) in files) _ = ReportPipeline.Default.Read(bytes, name); });
            results.AddRow($"  shape {shape.Key}", $"{files.Count}", Rate(files.Count, seconds), "", "");
        }

        // Structured formats: the same generated reports rendered by our own writers.
        var sample = CorpusFactory.Cases(Math.Min(count, 300), seed).Select(c => c.Report.Truth).ToList();
        foreach (var format in new[] { "html", "docx" })
        {
            var files = sample.Select((r, i) => ($"r{i}.{format}", ReportRenderers.For(format).Render(r))).ToList();
            var read = Median(3, () => { foreach (var (name, bytes) in files) _ = ReportPipeline.Default.Read(bytes, name); });
            results.AddRow($"{format} reports: parse + check", $"{files.Count}", Rate(files.Count, read), "", "");
        }

        BenchPdf(pdfs, results);
        AnsiConsole.Write(results);
        Memory(count, seed);
        return 0;
    }

    private static void BenchPdf(string[] pdfs, Table results)
    {
        if (pdfs.Length == 0)
        {
            var dir = Path.Combine("..", "shared", "corpus", "binary");
            if (Directory.Exists(dir)) pdfs = Directory.GetFiles(dir, "*.pdf").Order(StringComparer.Ordinal).ToArray();
        }
        if (pdfs.Length == 0) { results.AddRow("pdf", "—", "no PDF given (--pdf FILE…)", "", ""); return; }
        var files = pdfs.Select(p => (Path: p, Bytes: File.ReadAllBytes(p))).ToList();
        var pages = files.Sum(f => { using var d = UglyToad.PdfPig.PdfDocument.Open(f.Bytes); return d.NumberOfPages; });
        var ours = Median(3, () => { foreach (var (p, b) in files) _ = DocumentReaders.Default.Read(b, Path.GetFileName(p)); });
        double? theirs = null;
        try
        {
            theirs = Median(3, external: true, work: () =>
            {
                foreach (var (p, _) in files)
                {
                    using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", p, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
                    process.StandardOutput.ReadToEnd();
                    process.WaitForExit();
                }
            });
        }
        catch (System.ComponentModel.Win32Exception) { /* pdftotext not installed */ }
        results.AddRow("pdf pages: layout → lines and cells", $"{pages}", Rate(pages, ours),
            theirs is { } t ? $"pdftotext -layout {Rate(pages, t)}/s" : "pdftotext not installed (poppler-utils)",
            theirs is { } t2 ? $"{ours / t2:F1}× slower" : "");
    }

    /// <summary>Peak managed heap while streaming batches of growing size: flat means no per-report leak.</summary>
    private static void Memory(int count, int seed)
    {
        var grid = new Table().Border(TableBorder.Rounded).Title("memory while streaming (generate → parse → discard)");
        grid.AddColumns("batch", "peak managed heap", "after batch");
        foreach (var batch in new[] { count / 4, count })
        {
            GC.Collect();
            long peak = 0;
            var i = 0;
            foreach (var (name, bytes) in CorpusFactory.Generate(batch, seed + 1))
            {
                _ = ReportPipeline.Default.Read(bytes, name);
                if (++i % 50 == 0) peak = Math.Max(peak, GC.GetTotalMemory(false));
            }
            GC.Collect();
            grid.AddRow($"{batch}", Mb(peak), Mb(GC.GetTotalMemory(true)));
        }
        AnsiConsole.Write(grid);
        AnsiConsole.MarkupLine($"process peak working set: {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}");
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F1} MB";

    private static string Rate(int items, double seconds) => (items / seconds).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>CPU seconds of this thread's work, median of several rounds after one warm-up.</summary>
    private static double Median(int rounds, Action work, bool external = false)
    {
        work();
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            work();
            wall.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            // Single-threaded work: wall time on one core, unless the machine is busy (then CPU time is fairer).
            // A child process's work is not in this process's CPU time: time it on the wall.
            times.Add(external ? wall.Elapsed.TotalSeconds : Math.Min(wall.Elapsed.TotalSeconds, Math.Max(cpuSeconds, 1e-6)));
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
