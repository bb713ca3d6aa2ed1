using System.CommandLine;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Archive;

/// <summary><c>nianbao import PATH…</c>: files, folders and .zip archives into the archive, every input with its outcome.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Report files, folders (read recursively) and .zip archives.", Arity = ArgumentArity.OneOrMore };
        var db = ArchiveOptions.Db();
        var jobs = new Option<int>("--jobs") { Description = "Files read at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only the closing tally and the inputs that were not imported." };
        var ocr = OcrOption.Create();
        var limits = LimitOption.Create();
        var command = new Command("import", "导入 Import reports into the archive: files, folders, .zip archives; each input's outcome is recorded.") { paths, db, jobs, quiet, ocr, limits };
        command.SetAction(r => Run(r.GetValue(paths) ?? [], r.GetValue(db), r.GetValue(jobs), r.GetValue(quiet), r.GetValue(ocr), r.GetValue(limits)));
        return command;
    }

    private static int Run(string[] paths, string? db, int jobs, bool quiet, string? ocr, string[]? limits)
    {
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        BatchImport.UseBatchCollector();
        var importer = new ArchiveImporter(store, OcrOption.Pipeline(ocr, limits, PipelineOptions.Default with { MaxParallelism = Math.Max(1, jobs) }));
        var inputs = InputExpander.Expand(paths);
        ImportSummary summary;
        void Line(InputResult r)
        {
            if (r.Outcome is InputOutcome.Failed or InputOutcome.NotAReport) Console.Error.WriteLine($"{r.Outcome.Label()}: {r.Reason ?? r.Input}");
        }
        // A quiet run shows no bar (as `check -q`): only the problems and the tally.
        if (!quiet && !Console.IsErrorRedirected && InputExpander.Count(paths) is var count && count > 1)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            ImportSummary? done = null;
            var problems = new List<InputResult>();
            var description = $"导入 importing {count} inputs";
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(description, maxValue: count);
                    done = importer.Run(inputs, string.Join(' ', paths), new ImportOptions
                    {
                        OnResult = r => { task.Increment(1); if (r.Outcome is InputOutcome.Failed or InputOutcome.NotAReport) problems.Add(r); },
                    });
                });
            summary = done!;
            ProgressEnd.Print(console, description);
            foreach (var p in problems) Line(p);
        }
        else summary = importer.Run(inputs, string.Join(' ', paths), new ImportOptions { OnResult = Line });

        if (!quiet)
            foreach (var r in summary.Results.Where(r => r.Outcome is InputOutcome.Imported or InputOutcome.ImportedWithFindings))
                Console.Out.WriteLine($"{r.Outcome.Label()}: {r.Input} → {r.ReportId![..12]}");
        var tally = Enum.GetValues<InputOutcome>().Select(o => $"{o.Label()} {summary.Count(o)}");
        Console.Out.WriteLine($"{summary.Results.Count} 个输入 inputs: {string.Join(", ", tally)} · {store.Location.Display}");
        return summary.Count(InputOutcome.Failed) > 0 ? 2 : 0;
    }
}

/// <summary>The garbage collector's mode for a batch import (the command and its benchmark).</summary>
internal static class BatchImport
{
    /// <summary>
    /// No background collections for the rest of the process: a batch import keeps a large live set (two
    /// windows, the last 1,024 reports for the checks across years) that background collections marked beside
    /// the work. Measured (docs/performance.md, session 7): the same CPU within the noise, ≈ 10% lower peak
    /// memory. What did cut the import's CPU — no concurrent collector from the start (System.GC.Concurrent=false:
    /// a far larger gen0 budget, 19 gen0 collections instead of 125 for 2,500 reports) — is a setting of the whole
    /// process, so it would apply to <c>parse</c> (no faster so, more memory) and to the server (blocking full
    /// collections) as well: not set.
    /// </summary>
    public static void UseBatchCollector() => System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
}
