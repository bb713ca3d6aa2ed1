using System.CommandLine;
using Nianbao.Checks;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Recognition;

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
        foreach (var (before, now) in Pairs(earlier, current))
        {
            try { now.Findings.AddRange(CrossYearChecks.Compare(before, now)); }
            catch (ArgumentException ex) { Console.Error.WriteLine($"{now.Source?.FileName}: not compared with {before.Source?.FileName}: {ex.Message}"); }
        }

        var anyError = false;
        foreach (var o in outcomes)
        {
            if (o.Error is not null) { Console.Error.WriteLine(o.Error); continue; }
            ReportSummary.WriteFindings(o.Path, o.Report!);
            anyError |= o.Report!.Findings.Any(f => f.Severity == Severity.Error);
        }
        if (outcomes.Concat(previousOutcomes).Any(o => o.Error is not null) || problems.Count > 0) return 2;
        return anyError ? 1 : 0;
    }

    /// <summary>
    /// One report given as last year's for one report to check: the user has paired them. Otherwise
    /// same agency name, consecutive years, among all the reports given.
    /// </summary>
    private static IEnumerable<(Report Previous, Report Current)> Pairs(List<Report> earlier, List<Report> current)
    {
        if (earlier.Count == 1 && current.Count == 1) return [(earlier[0], current[0])];
        var mine = current.ToHashSet(ReferenceEqualityComparer.Instance);
        return CrossYearChecks.ConsecutivePairs(earlier.Concat(current)).Where(p => mine.Contains(p.Current));
    }
}
