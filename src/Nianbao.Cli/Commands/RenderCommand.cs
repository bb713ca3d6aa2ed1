using System.CommandLine;
using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Rendering;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>nianbao render REPORT.json --to docx|html|pdf|md [-o FILE]</c>: writes a report in the national
/// format. It renders whatever the report holds and lists the findings it carries; it refuses nothing.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("report") { Description = "The report as data-contract JSON (from 'nianbao new' or 'nianbao parse --json')." };
        var to = new Option<string>("--to") { Description = "Output format: docx, html, pdf or md.", Required = true };
        to.AcceptOnlyFromAmong([.. ReportRenderers.Formats]);
        var output = new Option<string?>("--output", "-o") { Description = "Output file (default: beside the input, with the format's extension)." };
        var command = new Command("render", "Write a report in the national format as Word, web page, PDF or Markdown.") { input, to, output };
        command.SetAction(result => Run(result.GetValue(input)!, result.GetValue(to)!, result.GetValue(output)));
        return command;
    }

    internal static int Run(string input, string format, string? output)
    {
        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"{input}: no such file.");
            return 2;
        }
        Report report;
        try { report = ReportJson.Deserialize(File.ReadAllText(input)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{input}: cannot be read: {ex.Message}");
            return 2;
        }
        // Any JSON that is not shaped like the contract (an empty array, a bare string, a section without number).
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine($"{input}: is not a report in the data-contract JSON: {ex.Message}");
            return 2;
        }

        var renderer = ReportRenderers.For(format);
        var target = output ?? Path.ChangeExtension(input, renderer.Extension);
        byte[] bytes;
        try { bytes = renderer.Render(report); }
        catch (RenderingException ex)
        {
            Console.Error.WriteLine($"{input}: {ex.Message}");
            return 2;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(target));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllBytes(target, bytes);
        Console.Out.WriteLine(target);
        Console.Error.WriteLine(FindingsLine(report));
        return 0;
    }

    /// <summary>"rendered with N findings: …" — the report's own findings, so nothing is published unseen.</summary>
    internal static string FindingsLine(Report report)
    {
        if (report.Findings.Count == 0) return "rendered with 0 findings";
        var items = report.Findings.OrderByDescending(f => f.Severity)
            .Select(f => $"{f.Severity.ToString().ToLowerInvariant()} {f.Rule} {f.Message}" + (f.Cells.Count > 0 ? $" ({string.Join(", ", f.Cells)})" : ""));
        return $"rendered with {report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")}:\n  " + string.Join("\n  ", items);
    }
}
