using System.CommandLine;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;

namespace Nianbao.Cli.Commands;

/// <summary><c>nianbao parse FILE|DIR|GLOB… [--json]</c>: the structured report of each file.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Report files, directories or glob patterns (e.g. 'reports/**/*.pdf').", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the data-contract JSON: one object for one file, an array for several." };
        var noProvenance = new Option<bool>("--no-provenance") { Description = "With --json: leave out where each number stands in its source (only the numbers, findings and text). 只输出数字，不输出来源位置。" };
        var ocr = OcrOption.Create();
        var limits = LimitOption.Create();
        var command = new Command("parse", "Read reports into the structured report of the data contract.") { inputs, json, noProvenance, ocr, limits };
        command.SetAction(result => Run(result.GetValue(inputs) ?? [], result.GetValue(json), result.GetValue(noProvenance), OcrOption.Pipeline(result.GetValue(ocr), result.GetValue(limits))));
        return command;
    }

    private static int Run(string[] inputs, bool json, bool noProvenance, ReportPipeline pipeline)
    {
        var expansion = InputFiles.Expand(inputs);
        foreach (var p in expansion.Problems) Console.Error.WriteLine(p);
        if (json) return WriteJson(expansion, new ReportJsonOptions { Provenance = !noProvenance }, pipeline);
        // Each summary is printed as soon as its file (and every file before it) is read: a large batch
        // streams instead of sitting in memory until the last file is done.
        var failed = false;
        BatchReader.Stream(expansion.Files, pipeline, progress: true, o =>
        {
            if (o.Report is { } report) ReportSummary.Write(report);
            else
            {
                failed = true;
                Console.Error.WriteLine(Output.Problems.Of(o));
            }
        }, checking: false);
        return failed || expansion.Problems.Count > 0 ? 2 : 0;
    }

    /// <summary>
    /// The JSON streamed to stdout as the files finish (in the order of the inputs): a batch of
    /// thousands never sits in memory as one string, and a script reading the output sees the first
    /// reports while the last are still being read. One file: one indented object. Several: an array
    /// with one compact report a line (half the bytes; `jq` or any JSON reader reads it alike).
    /// </summary>
    private static int WriteJson(InputFiles.Expansion expansion, ReportJsonOptions options, ReportPipeline pipeline)
    {
        var single = expansion.Files.Count == 1;
        var failed = false;
        var wroteOne = false;
        using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        using var writer = ReportJson.CreateWriter(stdout, indented: single);
        if (!single) stdout.WriteByte((byte)'[');
        foreach (var o in pipeline.ReadMany(expansion.Files.Select(PipelineInput.FromFile).ToList(), inOrder: true))
        {
            if (o.Report is null)
            {
                stdout.Flush();
                Console.Error.WriteLine(Output.Problems.Of(o));
                failed = true;
                continue;
            }
            if (!single) stdout.Write(wroteOne ? ",\n"u8 : "\n"u8);
            writer.Reset(stdout);
            ReportJson.Write(writer, o.Report, options);
            writer.Flush();
            wroteOne = true;
        }
        if (!single) stdout.Write(wroteOne ? "\n]\n"u8 : "]\n"u8);
        else stdout.Write(wroteOne ? "\n"u8 : "[]\n"u8);
        return failed || expansion.Problems.Count > 0 ? 2 : 0;
    }
}
