using System.Globalization;
using Nianbao.Cli.Output;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>
/// The human-readable view of a report in the terminal: metadata, the three tables drawn with the
/// national format's own Chinese labels (table 二 block by block, so each row has its own columns —
/// the 2019 format's too), amounts with their unit, and the findings in the run's language.
/// </summary>
internal static class ReportSummary
{
    public static void Write(Report report)
    {
        var title = $"{report.Source?.FileName ?? Lang.T("（报告）", "(report)")} — {report.Agency ?? Lang.T("机关不明", "agency unknown")} "
                    + $"{report.Year?.ToString(CultureInfo.InvariantCulture) ?? Lang.T("年度不明", "year unknown")} · {Lang.T("格式", "template")} {report.Template.ToContractName()}";
        AnsiConsole.Write(new Rule(Markup.Escape(title)).LeftJustified());
        var sections = string.Join(" ", Enumerable.Range(1, 6).Select(n => report.Sections.Any(s => s.Number == n)
            ? $"[green]{StatutorySections.ChineseNumerals[n - 1]}[/]" : $"[red]{StatutorySections.ChineseNumerals[n - 1]}✗[/]"));
        AnsiConsole.MarkupLine($"{Lang.T("六个部分", "sections")}: {sections}" + (report.PublishedOn is { } d ? $"   {Lang.T("发布日期", "published")}: {d:yyyy-MM-dd}" : ""));
        foreach (var table in report.Tables) WriteTable(table);
        WriteFindings(null, report);
    }

    private static string Caption(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => "二、主动公开政府信息情况",
        TableKind.Applications => "三、收到和处理政府信息公开申请情况",
        _ => "四、政府信息公开行政复议、行政诉讼情况",
    };

    private static void WriteTable(TableValues values)
    {
        if (values.Kind == TableKind.ActiveDisclosure)
        {
            // Table 二 is blocks with their own columns (制发/废止/现行有效; 处理决定数量; 收费金额…).
            AnsiConsole.Write(new Rule(Caption(values.Kind)).LeftJustified().RuleStyle("grey"));
            foreach (var block in values.Schema.Rows.GroupBy(r => (r.Group, Shape: string.Join("|", r.Fields.Select(f => f.Key)))))
                AnsiConsole.Write(Grid(values, block.Key.Group ?? "", [.. block]));
            return;
        }
        AnsiConsole.Write(Grid(values, Caption(values.Kind), values.Schema.Rows));
    }

    private static Table Grid(TableValues values, string title, IReadOnlyList<RowSchema> rows)
    {
        var fields = rows[0].Fields;
        var grid = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        grid.AddColumn(values.Kind == TableKind.ActiveDisclosure ? "信息内容" : "");
        foreach (var f in fields) grid.AddColumn(new TableColumn(Markup.Escape(Heading(values, rows[0], f))).RightAligned());
        foreach (var row in rows)
        {
            var cells = new List<string> { Markup.Escape(Label(row)) };
            foreach (var f in fields)
            {
                var v = values[row.Key, f.Key];
                cells.Add(v is { } n ? Markup.Escape(Amount(values, row, f, n)) : "[grey]—[/]");
            }
            grid.AddRow(cells.ToArray());
        }
        return grid;
    }

    /// <summary>A column as the format prints it; an amount column names its unit.</summary>
    private static string Heading(TableValues values, RowSchema row, FieldSchema field)
    {
        var label = field.PrintedLabel;
        if (values.Kind == TableKind.ReviewsAndLawsuits) return label;
        if (field.UnitKey is not null && values.UnitOf(row.Key, field.Key) is { } unit) return $"{label}（{unit}）";
        return label;
    }

    private static string Amount(TableValues values, RowSchema row, FieldSchema field, decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (field.Kind != ValueKind.Money) return text;
        var unit = values.UnitOf(row.Key, field.Key) ?? (field.PrintedLabel.Contains("万元", StringComparison.Ordinal) ? "万元" : null);
        return unit is null ? text : text + unit;
    }

    /// <summary>Row labels as printed, sub-items with their group: "（三）1.属于国家秘密", "行政复议".</summary>
    private static string Label(RowSchema row)
    {
        var label = row.PrintedLabel;
        if (row.ItemNumber is not null && row.Group is { Length: >= 3 } group && group[0] == '（') label = group[..3] + label;
        return label.Length > 30 ? label[..30] + "…" : label;
    }

    public static void WriteFindings(string? path, Report report)
    {
        if (path is not null)
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(path)}[/] — {Markup.Escape(report.Agency ?? "?")} {report.Year?.ToString(CultureInfo.InvariantCulture) ?? "?"} ({report.Template.ToContractName()})");
        if (report.Findings.Count == 0) { AnsiConsole.MarkupLine($"  [green]{Lang.T("没有发现问题", "no findings")}[/]"); return; }
        foreach (var f in report.Findings.OrderByDescending(f => f.Severity))
        {
            var color = f.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "blue" };
            var cells = f.Cells.Count > 0 ? $" [grey]({Markup.Escape(string.Join(", ", f.Cells.Take(4)))}{(f.Cells.Count > 4 ? ", …" : "")})[/]" : "";
            AnsiConsole.MarkupLine($"  [{color}]{Lang.Severity(f.Severity),-7}[/] {Markup.Escape(f.Rule)} {Markup.Escape(Lang.Message(f))}{cells}");
        }
    }
}
