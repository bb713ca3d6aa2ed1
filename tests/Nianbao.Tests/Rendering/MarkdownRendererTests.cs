using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Rendering;

namespace Nianbao.Tests.Rendering;

public class MarkdownRendererTests
{
    private static List<string[]> PipeRows(string markdown) =>
        markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())
            .Where(cells => !cells.All(c => c == "---"))
            .ToList();

    private static string Printed(decimal? v) => v is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    [Theory]
    [InlineData(ReportTemplate.Format2021, 21)]
    [InlineData(ReportTemplate.Format2019, 22)]
    public void Every_number_is_in_the_row_of_its_label_in_column_order(ReportTemplate template, int seed)
    {
        var draft = SampleReports.Random(template, seed).ToDraft();
        draft.Applications!["rejectedRepeated", "legalService"] = null;
        var report = draft.Publish();
        var md = new MarkdownRenderer().RenderString(report);
        var rows = PipeRows(md);

        foreach (var table in new[] { report.ActiveDisclosure!, report.Applications! })
            foreach (var row in table.Schema.Rows)
            {
                // The label cell ends with the printed label (group labels come first on a group's first row).
                var line = rows.Where(r => r[0] == row.PrintedLabel || r[0].EndsWith(" " + row.PrintedLabel, StringComparison.Ordinal)).ToList();
                Assert.True(line.Count == 1, $"{row.Key}: {line.Count} rows labelled '{row.PrintedLabel}'");
                Assert.Equal(row.Fields.Select(f => Printed(table[row.Key, f.Key])), line[0].Skip(1));
            }

        // Table 四: the heading rows as printed, then the fifteen numbers in order.
        var review = report.ReviewsAndLawsuits!;
        var numbers = rows.Single(r => r.Length == 15 && r[0] == Printed(review["review", "upheld"]) && r[14] == Printed(review["lawsuitAfterReview", "total"]));
        Assert.Equal(review.Cells().Select(c => Printed(c.Value)), numbers);
        Assert.Contains(rows, r => r.Length == 15 && r[0] == "行政复议" && r[5] == "行政诉讼");
        Assert.Contains(rows, r => r.Length == 15 && r[5] == "未经复议直接起诉" && r[10] == "复议后起诉");
    }

    [Fact]
    public void Table_three_columns_and_the_groups_on_their_first_row()
    {
        var md = new MarkdownRenderer().RenderString(SampleReports.Random(ReportTemplate.Format2021, 3));
        var rows = PipeRows(md);
        Assert.Contains(rows, r => r.SequenceEqual(["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]));
        Assert.Contains(rows, r => r[0] == "三、本年度办理结果 （一）予以公开");
        Assert.Contains(rows, r => r[0] == "（三）不予公开 1.属于国家秘密");
        Assert.Contains(rows, r => r[0] == "2.其他法律行政法规禁止公开");
        Assert.Contains(rows, r => r[0] == "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
        Assert.Contains("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", md);
    }

    [Fact]
    public void Title_headings_captions_and_placeholders()
    {
        var draft = SampleReports.Random(ReportTemplate.Format2019, 4).ToDraft();
        draft.Sections.RemoveAll(s => s.Number == 1);
        var report = draft.Publish();
        var md = new MarkdownRenderer().RenderString(report);
        Assert.StartsWith("# 测试县大寨乡人民政府2020年政府信息公开工作年度报告\n", md);
        Assert.Contains("## 一、总体情况\n\n**【本节内容缺失，请补充】**", md);
        Assert.Contains("## 六、其他需要报告的事项\n\n其他需要报告的事项第一段", md);
        foreach (var caption in new[] { "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项" })
            Assert.Contains($"**{caption}**", md);
    }
}
