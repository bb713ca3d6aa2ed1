using System.CommandLine;
using Nianbao.Documents;
using Nianbao.Documents.Ocr;
using Nianbao.Pipeline;

namespace Nianbao.Cli.Commands;

/// <summary><c>--ocr auto|off|force</c> of every command that reads files, and the pipeline it gives.</summary>
internal static class OcrOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--ocr")
        {
            Description = "OCR of pictures of text 文字识别: auto = scanned pages and image files (默认); off = never; force = every PDF page, ignoring its text layer (乱码文本层).",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "off", "force");
        return option;
    }

    /// <summary>The pipeline for a mode; progress per OCR'd page goes to stderr when it is a terminal.</summary>
    /// <remarks>The run's <c>--limit</c> settings (<see cref="LimitOption"/>) go into the pipeline's read limits.</remarks>
    public static ReportPipeline Pipeline(string? mode, string[]? limits = null, PipelineOptions? pipelineOptions = null)
    {
        OcrModes.TryParse(mode, out var parsed);
        if (limits is { Length: > 0 })
        {
            var raised = LimitOption.Apply(limits);
            var given = pipelineOptions ?? PipelineOptions.Default;
            // A longer read time must not be cut short by the whole file's (longer) budget after it.
            pipelineOptions = given with { Limits = raised, FileTimeout = raised.MaxReadTime * 2 > given.FileTimeout ? raised.MaxReadTime * 2 : given.FileTimeout };
        }
        if (parsed == OcrMode.Auto && Console.IsErrorRedirected && pipelineOptions is null) return ReportPipeline.Default;
        var options = new OcrOptions(parsed)
        {
            Progress = Console.IsErrorRedirected ? null : (file, page, pages) =>
            {
                if (pages > 1) Console.Error.WriteLine($"OCR {Path.GetFileName(file)}: 第 {page}/{pages} 页 (page {page} of {pages})");
            },
        };
        return new ReportPipeline(pipelineOptions, readers: DocumentReaders.With(options));
    }
}
