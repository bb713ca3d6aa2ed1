using Nianbao.Domain;
using Nianbao.Pipeline;
using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>The outcome for one input file: a report, or the reason there is none.</summary>
internal sealed record FileOutcome(string Path, Report? Report, string? Error, OutcomeKind Kind = OutcomeKind.Report);

/// <summary>
/// Reads many files through the pipeline (in parallel, each file isolated). A bad file becomes an
/// error outcome with a clear message; it never stops the batch. Shows a progress bar when stderr is
/// a terminal.
/// </summary>
internal static class BatchReader
{
    public static IReadOnlyList<FileOutcome> ReadAll(IReadOnlyList<string> files, ReportPipeline pipeline)
    {
        var inputs = files.Select(PipelineInput.FromFile).ToList();
        var outcomes = new FileOutcome[files.Count];
        void Keep(ReadOutcome o) => outcomes[o.Index] = new FileOutcome(files[o.Index], o.Report, o.Reason is not null && o.Kind != OutcomeKind.NotAReport ? o.Reason : null, o.Kind);

        var showProgress = files.Count > 1 && !Console.IsErrorRedirected;
        if (!showProgress)
        {
            foreach (var o in pipeline.ReadMany(inputs)) Keep(o);
            return outcomes;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Reading {files.Count} files", maxValue: files.Count);
                foreach (var o in pipeline.ReadMany(inputs)) { Keep(o); task.Increment(1); }
            });
        return outcomes;
    }
}
