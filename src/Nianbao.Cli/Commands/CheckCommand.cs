using System.CommandLine;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Pipeline;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>nianbao check …</c>: the findings of each report; exit 1 when any report has errors. Reports of
/// the same agency for consecutive years — among the inputs, or given with <c>--previous</c> — are
/// also checked against each other (carry-over, stock-flow, copied tables).
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Report files (any supported format, or filled-in report JSON), directories or globs.", Arity = ArgumentArity.OneOrMore };
        var previous = new Option<string[]>("--previous")
        {
            Description = "Last year's reports (files, directories or globs). Each report is checked against the previous year's report of the same agency; with one report on each side they are paired whatever the agency is called.",
            AllowMultipleArgumentsPerToken = true,
        };
        var ocr = OcrOption.Create();
        var command = new Command("check", "Check reports and list their findings; exits 1 when any report has errors, 2 when a file could not be read.") { inputs, previous, ocr };
        command.SetAction(result => Run(result.GetValue(inputs) ?? [], result.GetValue(previous) ?? [], OcrOption.Pipeline(result.GetValue(ocr))));
        return command;
    }

    private static int Run(string[] inputs, string[] previousInputs, ReportPipeline pipeline)
    {
        var expansion = InputFiles.Expand(inputs);
        var previousExpansion = previousInputs.Length > 0 ? InputFiles.Expand(previousInputs) : null;
        var problems = expansion.Problems.Concat(previousExpansion?.Problems ?? []).ToList();
        foreach (var p in problems) Console.Error.WriteLine(p);
        var outcomes = BatchReader.ReadAll(expansion.Files, pipeline);
        var previousOutcomes = previousExpansion is null ? [] : BatchReader.ReadAll(previousExpansion.Files, pipeline);
        foreach (var o in previousOutcomes.Where(o => o.Error is not null)) Console.Error.WriteLine(o.Error);

        var current = outcomes.Where(o => o.Report is not null).Select(o => o.Report!).ToList();
        var earlier = previousOutcomes.Where(o => o.Report is not null).Select(o => o.Report!).ToList();
        var notCompared = new List<string>();
        var checkedReports = ReportPipeline.CheckAcrossYears(earlier, current, notCompared);
        foreach (var line in notCompared) Console.Error.WriteLine(line);
        var withCrossYear = current.Zip(checkedReports).ToDictionary(p => p.First, p => p.Second);

        var anyError = false;
        foreach (var o in outcomes)
        {
            if (o.Error is not null) { Console.Error.WriteLine(o.Error); continue; }
            var report = withCrossYear[o.Report!];
            ReportSummary.WriteFindings(o.Path, report);
            anyError |= report.Findings.Any(f => f.Severity == Severity.Error);
        }
        if (outcomes.Concat(previousOutcomes).Any(o => o.Error is not null) || problems.Count > 0) return 2;
        return anyError ? 1 : 0;
    }

}
