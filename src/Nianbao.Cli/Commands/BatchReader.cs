using Nianbao.Documents;
using Nianbao.Domain;
using Nianbao.Recognition;
using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>The outcome for one input file: a report, or the reason there is none.</summary>
internal sealed record FileOutcome(string Path, Report? Report, string? Error);

/// <summary>
/// Reads many files in parallel. A bad file becomes an error outcome with a clear message; it never
/// stops the batch. Shows a progress bar when stderr is a terminal.
/// </summary>
internal static class BatchReader
{
    public static IReadOnlyList<FileOutcome> ReadAll(IReadOnlyList<string> files, ReportPipeline pipeline)
    {
        var outcomes = new FileOutcome[files.Count];
        void ReadOne(int i)
        {
            try { outcomes[i] = new FileOutcome(files[i], pipeline.ReadFile(files[i]), null); }
            catch (DocumentReadException ex) { outcomes[i] = new FileOutcome(files[i], null, ex.Message); }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                outcomes[i] = new FileOutcome(files[i], null, $"{files[i]}: internal error while reading ({ex.GetType().Name}: {ex.Message}).");
            }
        }

        var showProgress = files.Count > 1 && !Console.IsErrorRedirected;
        if (!showProgress)
        {
            Parallel.For(0, files.Count, ReadOne);
            return outcomes;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Reading {files.Count} files", maxValue: files.Count);
                Parallel.For(0, files.Count, i => { ReadOne(i); task.Increment(1); });
            });
        return outcomes;
    }
}
