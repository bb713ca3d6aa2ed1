using System.CommandLine;
using Nianbao.Domain.Findings;
using Nianbao.Recognition;

namespace Nianbao.Cli.Commands;

/// <summary><c>nianbao check …</c>: the findings of each report; exit 1 when any report has errors.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Report files (any supported format, or filled-in report JSON), directories or globs.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check reports and list their findings; exits 1 when any report has errors, 2 when a file could not be read.") { inputs };
        command.SetAction(result => Run(result.GetValue(inputs) ?? []));
        return command;
    }

    private static int Run(string[] inputs)
    {
        var expansion = InputFiles.Expand(inputs);
        foreach (var p in expansion.Problems) Console.Error.WriteLine(p);
        var outcomes = BatchReader.ReadAll(expansion.Files, ReportPipeline.Default);
        var anyError = false;
        foreach (var o in outcomes)
        {
            if (o.Error is not null) { Console.Error.WriteLine(o.Error); continue; }
            ReportSummary.WriteFindings(o.Path, o.Report!);
            anyError |= o.Report!.Findings.Any(f => f.Severity == Severity.Error);
        }
        if (outcomes.Any(o => o.Error is not null) || expansion.Problems.Count > 0) return 2;
        return anyError ? 1 : 0;
    }
}
