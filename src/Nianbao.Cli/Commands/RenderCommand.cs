using System.CommandLine;
using Nianbao.Cli.Output;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using Nianbao.Pipeline;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Rendering;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>nianbao render REPORT --to docx|html|pdf|md [-o FILE]</c>: writes a report (a record, the
/// filled-in workbook or a document) in the national format, whatever its numbers say, and prints what
/// the checks found in it. It refuses only what has nothing to render: a file that is not an annual
/// report, a report without national tables, a record that is wrong.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("report") { Description = "报告：记录 JSON、填好的工作簿或文档 | The report: a record JSON (from 'nianbao new' or 'parse --json'), the filled-in workbook from 'nianbao new', or a report document." };
        var to = new Option<string>("--to") { Description = "Output format: docx, html, pdf or md.", Required = true };
        to.AcceptOnlyFromAmong([.. ReportRenderers.Formats]);
        var output = new Option<string?>("--output", "-o") { Description = "Output file (default: beside the input, with the format's extension)." };
        var ocr = OcrOption.Create();
        var limits = LimitOption.Create();
        var command = new Command("render", "Write a report in the national format as Word, web page, PDF or Markdown.") { input, to, output, ocr, limits };
        command.SetAction(result => Run(result.GetValue(input)!, result.GetValue(to)!, result.GetValue(output), OcrOption.Pipeline(result.GetValue(ocr), result.GetValue(limits))));
        return command;
    }

    internal static int Run(string input, string format, string? output) => Run(input, format, output, ReportPipeline.Default);

    internal static int Run(string input, string format, string? output, ReportPipeline pipeline)
    {
        // The same reading as `check`: a report record, a filled-in workbook or a document, checked
        // afresh, so what is rendered is what `check` would say about it.
        var outcome = pipeline.ReadOne(PipelineInput.FromFile(input));
        if (outcome.Kind == OutcomeKind.NotAReport)
        {
            Console.Error.WriteLine(Lang.T($"{input}：不是政府信息公开工作年度报告，没有可输出的内容", $"{input}: is not an annual report; there is nothing to render"));
            return 2;
        }
        if (outcome.Report is not { } report)
        {
            Console.Error.WriteLine(Problems.Of(outcome));
            return 2;
        }
        if (TemplateSchema.For(report.Template) is null)
        {
            // A legacy or unknown report has no national tables: rendering would print empty ones.
            Console.Error.WriteLine(Lang.T($"{input}：格式为 {report.Template.ToContractName()}，没有全国统一表格，无法按全国格式输出",
                $"{input}: its format is {report.Template.ToContractName()}, which has no national tables to render"));
            return 2;
        }

        var renderer = ReportRenderers.For(format);
        var target = output ?? Path.ChangeExtension(input, renderer.Extension);
        if (Path.GetFullPath(target) == Path.GetFullPath(input))
        {
            Console.Error.WriteLine(Lang.T($"{input}：输出文件与输入相同，未覆盖；请用 -o 指定输出文件", $"{input}: the output would overwrite the input; give another file with -o"));
            return 2;
        }
        byte[] bytes;
        try { bytes = renderer.Render(report); }
        catch (RenderingException ex)
        {
            Console.Error.WriteLine(Lang.T($"{input}：{ex.Text(MessageLanguage.Zh)}", $"{input}: {ex.Text(MessageLanguage.En)}"));
            return 2;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(target));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllBytes(target, bytes);
        Console.Out.WriteLine(target);
        Console.Error.WriteLine(FindingsLine(report, Lang.Current));
        return 0;
    }

    internal static string FindingsLine(Report report) => FindingsLine(report, MessageLanguage.En);

    /// <summary>"rendered with N findings: …" — what the checks found, so nothing is published unseen.</summary>
    internal static string FindingsLine(Report report, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Zh;
        if (report.Findings.Count == 0) return zh ? "已输出，没有发现问题" : "rendered with 0 findings";
        var items = report.Findings.OrderByDescending(f => f.Severity)
            .Select(f => $"{Severity(f.Severity, zh)} {f.Rule} {FindingMessages.Text(f, language)}" + (f.Cells.Count > 0 ? $" ({string.Join(", ", f.Cells)})" : ""));
        var head = zh ? $"已输出，发现 {report.Findings.Count} 个问题：" : $"rendered with {report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")}:";
        return head + "\n  " + string.Join("\n  ", items);
    }

    private static string Severity(Severity severity, bool zh) => severity switch
    {
        Domain.Findings.Severity.Error => zh ? "错误" : "error",
        Domain.Findings.Severity.Warning => zh ? "警告" : "warning",
        _ => zh ? "提示" : "info",
    };
}
