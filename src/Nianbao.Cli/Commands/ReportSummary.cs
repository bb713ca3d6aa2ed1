using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>The human-readable view of a report in the terminal: metadata, tables drawn, findings listed.</summary>
internal static class ReportSummary
{
    public static void Write(Report report)
    {
        var title = $"{report.Source?.FileName ?? "(report)"} — {report.Agency ?? "agency unknown"} {report.Year?.ToString() ?? "year unknown"} · template {report.Template.ToContractName()}";
        AnsiConsole.Write(new Rule(Markup.Escape(title)).LeftJustified());
        var sections = string.Join(" ", Enumerable.Range(1, 6).Select(n => report.Sections.Any(s => s.Number == n) ? $"[green]{n}[/]" : $"[red]{n}✗[/]"));
        AnsiConsole.MarkupLine($"sections: {sections}" + (report.PublishedOn is { } d ? $"   published: {d:yyyy-MM-dd}" : ""));
        foreach (var table in report.Tables) WriteTable(table);
        WriteFindings(null, report);
    }

    private static void WriteTable(TableValues values)
    {
        var width = values.Schema.Rows.Max(r => r.Fields.Count);
        var grid = new Table().Border(TableBorder.Rounded).Title(values.Kind.ToContractName());
        grid.AddColumn("row");
        var header = values.Schema.Rows.First(r => r.Fields.Count == width).Fields;
        foreach (var f in header) grid.AddColumn(new TableColumn(Markup.Escape(f.Key)).RightAligned());
        foreach (var row in values.Schema.Rows)
        {
            var cells = new List<string> { Markup.Escape(row.Key) };
            for (var i = 0; i < width; i++)
            {
                if (i >= row.Fields.Count) { cells.Add(""); continue; }
                var v = values[row.Key, row.Fields[i].Key];
                cells.Add(v is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[grey]null[/]");
            }
            grid.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(grid);
    }

    public static void WriteFindings(string? path, Report report)
    {
        if (path is not null)
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(path)}[/] — {Markup.Escape(report.Agency ?? "?")} {report.Year?.ToString() ?? "?"} ({report.Template.ToContractName()})");
        if (report.Findings.Count == 0) { AnsiConsole.MarkupLine("  [green]no findings[/]"); return; }
        foreach (var f in report.Findings.OrderByDescending(f => f.Severity))
        {
            var color = f.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "blue" };
            var cells = f.Cells.Count > 0 ? $" [grey]({Markup.Escape(string.Join(", ", f.Cells.Take(4)))}{(f.Cells.Count > 4 ? ", …" : "")})[/]" : "";
            AnsiConsole.MarkupLine($"  [{color}]{f.Severity.ToString().ToLowerInvariant(),-7}[/] {Markup.Escape(f.Rule)} {Markup.Escape(f.Message)}{cells}");
        }
    }
}
