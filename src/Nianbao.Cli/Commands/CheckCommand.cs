using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Cli.Output;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Pipeline;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>nianbao check …</c>: the findings of each report, streamed as files finish (in the order given),
/// then a closing tally; exit 1 when any report has errors (a file that is not a report counts), 2 when
/// a file could not be read. Reports of the same agency for consecutive years — among the inputs, or
/// given with <c>--previous</c> — are also checked against each other once the batch is read.
/// <c>--json</c> writes one JSON object per line for scripts; <c>--quiet</c> one line per file.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "报告文件、目录或通配符 | Report files (any supported format, a report record JSON or a filled-in workbook), directories or globs.", Arity = ArgumentArity.OneOrMore };
        var previous = new Option<string[]>("--previous")
        {
            Description = "上一年的报告 | Last year's reports (files, directories or globs). Each report is checked against the previous year's report of the same agency; with one report on each side they are paired whatever the agency is called.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "每个文件一行 JSON，最后一行为汇总 | One JSON object per line and file (JSON Lines), then a tally line: for scripts." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "每个文件一行 | One line per file (its verdict and counts) instead of every finding." };
        var ocr = OcrOption.Create();
        var limits = LimitOption.Create();
        var command = new Command("check", "检查报告并列出发现的问题 | Check reports and list their findings; exits 1 when any report has errors, 2 when a file could not be read.") { inputs, previous, json, quiet, ocr, limits };
        command.SetAction(result => Run(result.GetValue(inputs) ?? [], result.GetValue(previous) ?? [], result.GetValue(json), result.GetValue(quiet), OcrOption.Pipeline(result.GetValue(ocr), result.GetValue(limits))));
        return command;
    }

    /// <summary>What a batch came to.</summary>
    private sealed class Tally
    {
        public int Files, Reports, NotReports, Unreadable, WithErrors, Errors, Warnings;

        public void Count(Report report)
        {
            var errors = report.Findings.Count(f => f.Severity == Severity.Error);
            Errors += errors;
            Warnings += report.Findings.Count(f => f.Severity == Severity.Warning);
            if (errors > 0) WithErrors++;
        }

        public string Line() => Lang.T(
            $"共 {Files} 个文件：{Reports} 份报告（{WithErrors} 份有错误），错误 {Errors} 条，警告 {Warnings} 条，不是年度报告 {NotReports} 个，无法读取 {Unreadable} 个",
            $"{Files} files: {Reports} reports ({WithErrors} with errors), {Errors} errors, {Warnings} warnings, {NotReports} not reports, {Unreadable} unreadable");
    }

    private static int Run(string[] inputs, string[] previousInputs, bool json, bool quiet, ReportPipeline pipeline)
    {
        var expansion = InputFiles.Expand(inputs);
        var previousExpansion = previousInputs.Length > 0 ? InputFiles.Expand(previousInputs) : null;
        var problems = expansion.Problems.Concat(previousExpansion?.Problems ?? []).ToList();
        foreach (var p in problems) Console.Error.WriteLine(p);
        var earlier = new List<Report>();
        var previousUnreadable = false;
        if (previousExpansion is not null)
            BatchReader.Stream(previousExpansion.Files, pipeline, progress: !json, o =>
            {
                if (o.Report is not null && o.Kind == OutcomeKind.Report) earlier.Add(o.Report);
                else if (o.Kind != OutcomeKind.NotAReport) { previousUnreadable = true; Console.Error.WriteLine(Problems.Of(o)); }
            });

        var tally = new Tally { Files = expansion.Files.Count };
        var current = new List<(string Path, Report Report)>();
        BatchReader.Stream(expansion.Files, pipeline, progress: !json && !quiet, o =>
        {
            var path = expansion.Files[o.Index];
            switch (o.Kind)
            {
                case OutcomeKind.Report:
                    tally.Reports++;
                    current.Add((path, o.Report!));
                    break;
                case OutcomeKind.NotAReport:
                    tally.NotReports++;
                    break;
                default:
                    tally.Unreadable++;
                    break;
            }
            if (o.Report is { } r && o.Kind == OutcomeKind.Report) tally.Count(r);
            Write(path, o, json, quiet);
        });

        // Across years: only once every report is read; the findings are added to the reports' own.
        var notCompared = new List<string>();
        var reports = current.Select(c => c.Report).ToList();
        var checkedReports = ReportPipeline.CheckAcrossYears(earlier, reports, notCompared);
        foreach (var line in notCompared) Console.Error.WriteLine(line);
        foreach (var ((path, before), after) in current.Zip(checkedReports))
        {
            var added = after.CheckFindings.Skip(before.CheckFindings.Count).ToList();
            if (added.Count == 0) continue;
            var hadErrors = before.Findings.Any(f => f.Severity == Severity.Error);
            tally.Errors += added.Count(f => f.Severity == Severity.Error);
            tally.Warnings += added.Count(f => f.Severity == Severity.Warning);
            if (!hadErrors && added.Any(f => f.Severity == Severity.Error)) tally.WithErrors++;
            WriteAcrossYears(path, added, json, quiet);
        }

        if (json) Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tally"] = new Dictionary<string, int>
            {
                ["files"] = tally.Files, ["reports"] = tally.Reports, ["reportsWithErrors"] = tally.WithErrors, ["errors"] = tally.Errors,
                ["warnings"] = tally.Warnings, ["notReports"] = tally.NotReports, ["unreadable"] = tally.Unreadable,
            },
        }, Json));
        else if (tally.Files > 1 || previousExpansion is not null) Console.Out.WriteLine(tally.Line());

        if (tally.Unreadable > 0 || previousUnreadable || problems.Count > 0) return 2;
        return tally.WithErrors > 0 || tally.NotReports > 0 ? 1 : 0;
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Write(string path, ReadOutcome o, bool json, bool quiet)
    {
        var report = o.Report;
        if (json)
        {
            var line = new Dictionary<string, object?>
            {
                ["file"] = path,
                ["outcome"] = o.Kind switch
                {
                    OutcomeKind.Report => "report",
                    OutcomeKind.NotAReport => "notAReport",
                    OutcomeKind.TookTooLong => "tookTooLong",
                    _ => "unreadable",
                },
            };
            if (report is not null)
            {
                line["agency"] = report.Agency;
                line["year"] = report.Year;
                line["template"] = report.Template.ToContractName();
                line["errors"] = report.Findings.Count(f => f.Severity == Severity.Error);
                line["warnings"] = report.Findings.Count(f => f.Severity == Severity.Warning);
                line["findings"] = Findings(report.Findings);
            }
            else line["problem"] = Problems.Of(o);
            Console.Out.WriteLine(JsonSerializer.Serialize(line, Json));
            return;
        }
        if (report is null)
        {
            Console.Error.WriteLine(Problems.Of(o));
            if (quiet) Console.Out.WriteLine($"{path}\t{Lang.T("无法读取", "unreadable")}");
            return;
        }
        if (quiet)
        {
            var errors = report.Findings.Count(f => f.Severity == Severity.Error);
            var warnings = report.Findings.Count(f => f.Severity == Severity.Warning);
            var verdict = o.Kind == OutcomeKind.NotAReport ? Lang.T("不是年度报告", "not a report")
                : errors > 0 ? Lang.T("有错误", "errors") : warnings > 0 ? Lang.T("有警告", "warnings") : Lang.T("通过", "ok");
            Console.Out.WriteLine($"{path}\t{verdict}\t{Lang.T("错误", "errors")} {errors}\t{Lang.T("警告", "warnings")} {warnings}");
            return;
        }
        ReportSummary.WriteFindings(path, report);
    }

    private static void WriteAcrossYears(string path, IReadOnlyList<Finding> added, bool json, bool quiet)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["file"] = path, ["acrossYears"] = Findings(added) }, Json));
            return;
        }
        if (quiet)
        {
            Console.Out.WriteLine($"{path}\t{Lang.T("跨年度", "across years")}\t{string.Join(" ", added.Select(f => f.Rule).Distinct())}");
            return;
        }
        Console.Out.WriteLine(Lang.T($"{path} — 与上一年报告对比：", $"{path} — against last year's report:"));
        foreach (var f in added) Console.Out.WriteLine($"  {Lang.Severity(f.Severity),-7} {f.Rule} {Lang.Message(f)}");
    }

    private static List<Dictionary<string, object?>> Findings(IEnumerable<Finding> findings) =>
        findings.Select(f => new Dictionary<string, object?>
        {
            ["rule"] = f.Rule,
            ["severity"] = f.Severity.ToString().ToLowerInvariant(),
            ["message"] = Lang.Message(f),
            ["cells"] = f.Cells.Select(c => c.ToString()).ToList(),
        }).ToList();
}
