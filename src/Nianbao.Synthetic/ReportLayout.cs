using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Synthetic;

/// <summary>One printed piece of a report, before a shape decides how it looks on the page.</summary>
public abstract record Block;

/// <summary>The title (<see cref="Number"/> 0) or a section heading "一、总体情况".</summary>
public sealed record Heading(int Number, string Text) : Block;

public sealed record Paragraph(string Text) : Block;

/// <summary>A block caption inside table 二, e.g. 第二十条第（一）项.</summary>
public sealed record Caption(string Text) : Block;

/// <summary>
/// A table row: label cells ("" for an empty grid cell) then value cells as printed. A header row
/// has no values and no <see cref="Row"/>; a data row names the schema row it prints.
/// </summary>
public sealed record TableRow(TableKind Table, RowSchema? Row, IReadOnlyList<string> Labels, IReadOnlyList<string> Values) : Block
{
    public bool IsHeader => Row is null;
}

/// <summary>
/// The national layout of a generated report as a list of blocks: title, the six sections in order,
/// the three tables inside sections 二–四, with the template's printed labels and header rows.
/// </summary>
public static class ReportLayout
{
    public static List<Block> Of(Report report)
    {
        var schema = TemplateSchema.For(report.Template) ?? throw new ArgumentException("generated reports use a national template");
        var blocks = new List<Block> { new Heading(0, ReportGenerator.TitleOf(report)) };
        foreach (var section in report.Sections)
        {
            blocks.Add(new Heading(section.Number, $"{StatutorySections.ChineseNumerals[section.Number - 1]}、{section.Title}"));
            blocks.Add(new Paragraph(section.Text));
            switch (section.Number)
            {
                case 2: blocks.AddRange(ActiveDisclosure(report.ActiveDisclosure!)); break;
                case 3: blocks.AddRange(Applications(report.Applications!)); break;
                case 4: blocks.AddRange(Reviews(report.ReviewsAndLawsuits!)); break;
            }
        }
        return blocks;
    }

    private static IEnumerable<Block> ActiveDisclosure(TableValues table)
    {
        string? group = null;
        foreach (var row in table.Schema.Rows)
        {
            if (row.Group != group)
            {
                group = row.Group;
                yield return new Caption(group!);
                yield return new TableRow(TableKind.ActiveDisclosure, null, ["信息内容", .. row.Fields.Select(f => HeaderLabel(table, row, f))], []);
            }
            yield return new TableRow(TableKind.ActiveDisclosure, row, [row.PrintedLabel], Values(table, row));
        }
    }

    // Money columns print their unit in the header, as the national form does; 采购总金额 prints the
    // unit the report gives, if any.
    private static string HeaderLabel(TableValues table, RowSchema row, FieldSchema field) =>
        field.UnitKey is not null ? (table.UnitOf(row.Key, field.Key) is { } unit ? $"{field.PrintedLabel}（单位：{unit}）" : field.PrintedLabel)
        : field.Kind == ValueKind.Money && !field.PrintedLabel.Contains('单') ? field.PrintedLabel + "（单位：万元）" : field.PrintedLabel;

    private const string BalanceNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    private static IEnumerable<Block> Applications(TableValues table)
    {
        const TableKind t = TableKind.Applications;
        yield return new TableRow(t, null, [BalanceNote, "", "申请人情况", "", "", "", "", "", ""], []);
        yield return new TableRow(t, null, ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"], []);
        yield return new TableRow(t, null, ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""], []);
        var shown = new HashSet<string>();
        foreach (var row in table.Schema.Rows)
        {
            string[] labels = row.Group is { } g && shown.Add(g) ? [g, row.PrintedLabel]
                : row.Group is null ? [row.PrintedLabel, ""]
                : ["", row.PrintedLabel];
            yield return new TableRow(t, row, labels, Values(table, row));
        }
    }

    private static IEnumerable<Block> Reviews(TableValues table)
    {
        const TableKind t = TableKind.ReviewsAndLawsuits;
        string[] parts = ReviewColumns.All.Select(f => f.PrintedLabel).ToArray();
        yield return new TableRow(t, null, ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""], []);
        yield return new TableRow(t, null, [.. parts, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""], []);
        yield return new TableRow(t, null, ["", "", "", "", "", .. parts, .. parts], []);
        // The fifteen numbers are one printed row; it is emitted per group so shapes can damage one group.
        foreach (var row in table.Schema.Rows)
            yield return new TableRow(t, row, [], Values(table, row));
    }

    private static string[] Values(TableValues table, RowSchema row) =>
        row.Fields.Select(f => ReportGenerator.Format(table[row.Key, f.Key])).ToArray();
}
