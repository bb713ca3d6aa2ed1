using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Documents.Formats;

/// <summary>A block of a generated report document, in reading order.</summary>
public abstract record Block;
public sealed record Heading(string Text) : Block;
public sealed record Paragraph(string Text) : Block;
public sealed record TableBlock(TableLayout Layout) : Block;

/// <summary>
/// Reports with random non-zero numbers, a few blank cells and some totals that deliberately do not
/// add up (a reader must return what is printed, never what the arithmetic wants).
/// </summary>
public static class SampleReports
{
    public static Report Random2021(int seed, bool withBlanks = true)
    {
        var random = new Random(seed);
        var report = ReportDraft.Blank(ReportTemplate.Format2021, "某某县某某镇人民政府", 2023);

        var active = report.ActiveDisclosure!;
        foreach (var row in active.Schema.Rows)
            foreach (var field in row.Fields)
                active[row.Key, field.Key] = field.Kind == ValueKind.Money
                    ? Math.Round((decimal)(random.Next(1, 100000) / 100.0), 2)
                    : random.Next(1, 500);

        var applications = report.Applications!;
        var schema = applications.Schema;
        foreach (var row in schema.Rows)
        {
            decimal sum = 0;
            foreach (var field in ApplicationColumns.Applicants)
            {
                decimal? value = withBlanks && random.Next(12) == 0 ? null : random.Next(1, 300);
                applications[row.Key, field] = value;
                sum += value ?? 0;
            }
            // Most rows add up; every fifth row's printed total is off by a little, as published totals sometimes are.
            applications[row.Key, ApplicationColumns.Total] = random.Next(5) == 0 ? sum + random.Next(1, 9) : sum;
        }
        foreach (var field in ApplicationColumns.All.Select(f => f.Key))
        {
            var sum = ApplicationRows.ResultRows(schema).Sum(r => applications[r.Key, field] ?? 0);
            applications[ApplicationRows.TotalHandled, field] = field == ApplicationColumns.Research ? sum + 3 : sum;
        }

        var reviews = report.ReviewsAndLawsuits!;
        foreach (var row in reviews.Schema.Rows)
        {
            decimal sum = 0;
            foreach (var part in ReviewColumns.Parts)
            {
                decimal value = random.Next(1, 40);
                reviews[row.Key, part] = value;
                sum += value;
            }
            reviews[row.Key, ReviewColumns.Total] = row.Key == ReviewRows.LawsuitDirect ? sum - 1 : sum;
        }
        return report.Publish();
    }

    /// <summary>The whole report in the 2021 national format: six sections, each with a line of text, and the three tables.</summary>
    public static IReadOnlyList<Block> FullDocument(Report report) =>
    [
        new Heading($"{report.Agency}{report.Year}年政府信息公开工作年度报告"),
        new Paragraph($"本报告统计期限为{report.Year}年1月1日至12月31日。"),
        new Heading("一、总体情况"),
        new Paragraph("本年度本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息，依法办理政府信息公开申请。"),
        new Heading("二、主动公开政府信息情况"),
        new TableBlock(TableLayout.ActiveDisclosure(report)),
        new Heading("三、收到和处理政府信息公开申请情况"),
        new TableBlock(TableLayout.Applications(report)),
        new Heading("四、政府信息公开行政复议、行政诉讼情况"),
        new TableBlock(TableLayout.ReviewsAndLawsuits(report)),
        new Heading("五、存在的主要问题及改进情况"),
        new Paragraph("政府信息公开工作仍存在公开内容不够全面等问题，下一步将加强培训。"),
        new Heading("六、其他需要报告的事项"),
        new Paragraph("本年度未收取信息处理费。"),
    ];

    /// <summary>Tables 三 and 四 with the page furniture a saved government page has around them.</summary>
    public static IReadOnlyList<Block> TablesDocument(Report report) =>
    [
        new Paragraph("首页 > 政务公开 > 政府信息公开年报"),
        new Heading("三、收到和处理政府信息公开申请情况"),
        new TableBlock(TableLayout.Applications(report)),
        new Heading("四、政府信息公开行政复议、行政诉讼情况"),
        new TableBlock(TableLayout.ReviewsAndLawsuits(report)),
        new Paragraph("主办单位：某某县人民政府办公室 网站标识码：1234567890"),
    ];
}
