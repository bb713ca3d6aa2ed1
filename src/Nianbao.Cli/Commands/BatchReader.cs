using Nianbao.Domain;
using Nianbao.Pipeline;
using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>
/// Reads many files through the pipeline (in parallel, each file isolated). A bad file becomes an
/// outcome with a clear message; it never stops the batch. Shows a progress bar when stderr is a
/// terminal.
/// </summary>
internal static class BatchReader
{
    /// <summary>
    /// Each outcome handed to <paramref name="done"/> as soon as its file and every file before it are
    /// done (so output streams in the order given), with a progress bar on stderr only when stderr is a
    /// terminal and <paramref name="progress"/> allows it.
    /// </summary>
    public static void Stream(IReadOnlyList<string> files, ReportPipeline pipeline, bool progress, Action<ReadOutcome> done, bool checking = true)
    {
        var inputs = files.Select(PipelineInput.FromFile).ToList();
        if (!progress || files.Count <= 1 || Console.IsErrorRedirected)
        {
            foreach (var o in pipeline.ReadMany(inputs, inOrder: true)) done(o);
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var description = checking ? Output.Lang.T($"检查 {files.Count} 个文件", $"Checking {files.Count} files") : Output.Lang.T($"读取 {files.Count} 个文件", $"Reading {files.Count} files");
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description, maxValue: files.Count);
                foreach (var o in pipeline.ReadMany(inputs, inOrder: true)) { done(o); task.Increment(1); }
            });
        ProgressEnd.Print(console, description);
    }
}
