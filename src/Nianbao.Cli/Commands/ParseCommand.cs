using System.CommandLine;
using Nianbao.Domain.Contract;
using Nianbao.Recognition;

namespace Nianbao.Cli.Commands;

/// <summary><c>nianbao parse FILE|DIR|GLOB… [--json]</c>: the structured report of each file.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Report files, directories or glob patterns (e.g. 'reports/**/*.pdf').", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the data-contract JSON: one object for one file, an array for several." };
        var ocr = OcrOption.Create();
        var command = new Command("parse", "Read reports into the structured report of the data contract.") { inputs, json, ocr };
        command.SetAction(result => Run(result.GetValue(inputs) ?? [], result.GetValue(json), OcrOption.Pipeline(result.GetValue(ocr))));
        return command;
    }

    private static int Run(string[] inputs, bool json, ReportPipeline pipeline)
    {
        var expansion = InputFiles.Expand(inputs);
        foreach (var p in expansion.Problems) Console.Error.WriteLine(p);
        var outcomes = BatchReader.ReadAll(expansion.Files, pipeline);
        foreach (var o in outcomes.Where(o => o.Error is not null)) Console.Error.WriteLine(o.Error);
        var reports = outcomes.Where(o => o.Report is not null).Select(o => o.Report!).ToList();
        if (json)
            Console.Out.WriteLine(ReportJson.Serialize(reports, single: expansion.Files.Count == 1));
        else
            foreach (var r in reports) ReportSummary.Write(r);
        return outcomes.Any(o => o.Error is not null) || expansion.Problems.Count > 0 ? 2 : 0;
    }
}
