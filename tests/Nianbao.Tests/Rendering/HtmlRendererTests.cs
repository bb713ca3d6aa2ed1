using AngleSharp.Html.Parser;
using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Rendering;

namespace Nianbao.Tests.Rendering;

public class HtmlRendererTests
{
    [Theory]
    [InlineData(ReportTemplate.Format2021, 1)]
    [InlineData(ReportTemplate.Format2021, 2)]
    [InlineData(ReportTemplate.Format2019, 3)]
    [InlineData(ReportTemplate.Format2019, 4)]
    public void Every_number_stands_under_its_printed_row_and_column(ReportTemplate template, int seed)
    {
        var report = SampleReports.Random(template, seed);
        var grids = PrintedGrid.FromHtml(new HtmlRenderer().RenderString(report));

        Assert.Equal(3, grids.Count);
        grids[0].AssertShows(report.ActiveDisclosure!);
        grids[1].AssertShows(report.Applications!);
        grids[2].AssertShows(report.ReviewsAndLawsuits!);
    }

    [Fact]
    public void The_cell_of_state_secrets_under_commercial_enterprises_holds_its_number()
    {
        var draft = SampleReports.Random(ReportTemplate.Format2021, 11).ToDraft();
        draft.Applications!["withheldStateSecret", "commercial"] = 4711;
        var report = draft.Publish();
        var table3 = PrintedGrid.FromHtml(new HtmlRenderer().RenderString(report))[1];

        var row = Enumerable.Range(0, table3.Rows).Single(r => table3[r, 2] == "1.属于国家秘密");
        var column = Enumerable.Range(0, table3.Columns).Single(c => table3[2, c] == "商业企业");
        Assert.Equal("4711", table3[row, column]);
        Assert.Equal("（三）不予公开", table3[row, 1]);
        Assert.Equal("三、本年度办理结果", table3[row, 0]);
    }

    [Fact]
    public void Table_three_has_the_official_heading_and_merges_2021()
    {
        var html = new HtmlRenderer().RenderString(SampleReports.Random(ReportTemplate.Format2021, 5));
        var table = new HtmlParser().ParseDocument(html).QuerySelectorAll("table")[1];
        var rows = table.QuerySelectorAll("tr");
        var note = rows[0].Children[0];
        Assert.Equal("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", note.TextContent);
        Assert.Equal(("3", "3"), (note.GetAttribute("colspan"), note.GetAttribute("rowspan")));
        Assert.Equal(("申请人情况", "7"), (rows[0].Children[1].TextContent, rows[0].Children[1].GetAttribute("colspan")));
        Assert.Equal(("自然人", "2"), (rows[1].Children[0].TextContent, rows[1].Children[0].GetAttribute("rowspan")));
        Assert.Equal(("法人或其他组织", "5"), (rows[1].Children[1].TextContent, rows[1].Children[1].GetAttribute("colspan")));
        Assert.Equal(("总计", "2"), (rows[1].Children[2].TextContent, rows[1].Children[2].GetAttribute("rowspan")));
        Assert.Equal(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], rows[2].Children.Select(c => c.TextContent));

        string? Span(string text, string attr) => table.QuerySelectorAll("td").Single(c => c.TextContent == text).GetAttribute(attr);
        Assert.Equal("22", Span("三、本年度办理结果", "rowspan"));
        Assert.Equal("8", Span("（三）不予公开", "rowspan"));
        Assert.Equal("3", Span("（四）无法提供", "rowspan"));
        Assert.Equal("5", Span("（五）不予处理", "rowspan"));
        Assert.Equal("3", Span("（六）其他处理", "rowspan"));
        Assert.Equal("2", Span("（七）总计", "colspan"));
        Assert.Equal("3", Span("一、本年新收政府信息公开申请数量", "colspan"));
        Assert.Equal("3", Span("四、结转下年度继续办理", "colspan"));
        // 25 rows in 2021: 一, 二, 22 result rows (（七）总计 included), 四.
        Assert.Equal(3 + 25, rows.Length);
    }

    [Fact]
    public void Table_three_2019_prints_other_handling_as_one_row()
    {
        var html = new HtmlRenderer().RenderString(SampleReports.Random(ReportTemplate.Format2019, 5));
        var table = new HtmlParser().ParseDocument(html).QuerySelectorAll("table")[1];
        var results = table.QuerySelectorAll("td").Single(c => c.TextContent == "三、本年度办理结果");
        Assert.Equal("20", results.GetAttribute("rowspan"));
        var other = table.QuerySelectorAll("td").Single(c => c.TextContent == "（六）其他处理");
        Assert.Equal("2", other.GetAttribute("colspan"));
        Assert.Null(other.GetAttribute("rowspan"));
        Assert.Equal(3 + 23, table.QuerySelectorAll("tr").Length);
    }

    [Theory]
    [InlineData(ReportTemplate.Format2021, new[] { "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项" })]
    [InlineData(ReportTemplate.Format2019, new[] { "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项" })]
    public void Table_two_has_a_full_width_caption_row_per_block(ReportTemplate template, string[] captions)
    {
        var html = new HtmlRenderer().RenderString(SampleReports.Random(template, 6));
        var table = new HtmlParser().ParseDocument(html).QuerySelectorAll("table")[0];
        var captionCells = table.QuerySelectorAll("tr").Where(tr => tr.Children.Length == 1).Select(tr => tr.Children[0]).ToList();
        Assert.Equal(captions, captionCells.Select(c => c.TextContent));
        Assert.All(captionCells, c => Assert.Equal("4", c.GetAttribute("colspan")));
    }

    [Fact]
    public void Table_four_has_the_two_level_heading()
    {
        var html = new HtmlRenderer().RenderString(SampleReports.Random(ReportTemplate.Format2021, 8));
        var rows = new HtmlParser().ParseDocument(html).QuerySelectorAll("table")[2].QuerySelectorAll("tr");
        Assert.Equal([("行政复议", "5"), ("行政诉讼", "10")], rows[0].Children.Select(c => (c.TextContent, c.GetAttribute("colspan"))));
        Assert.Equal(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], rows[1].Children.Select(c => c.TextContent));
        Assert.All(rows[1].Children.Take(5), c => Assert.Equal("2", c.GetAttribute("rowspan")));
        Assert.Equal(10, rows[2].Children.Length);
        Assert.Equal(15, rows[3].Children.Length);
    }

    [Fact]
    public void Null_cells_print_empty_and_money_keeps_its_decimals()
    {
        var draft = SampleReports.Random(ReportTemplate.Format2021, 9).ToDraft();
        draft.Applications!["granted", "research"] = null;
        draft.ReviewsAndLawsuits!["review", "pending"] = null;
        draft.ActiveDisclosure!["fees", "amountWanYuan"] = 12.50m;
        var report = draft.Publish();
        var grids = PrintedGrid.FromHtml(new HtmlRenderer().RenderString(report));
        grids[0].AssertShows(report.ActiveDisclosure!);
        grids[1].AssertShows(report.Applications!);
        grids[2].AssertShows(report.ReviewsAndLawsuits!);
        Assert.Contains(">12.50<", new HtmlRenderer().RenderString(report));
    }

    [Fact]
    public void Title_sections_and_placeholders()
    {
        var draft = SampleReports.Random(ReportTemplate.Format2021, 10).ToDraft();
        draft.Sections.RemoveAll(s => s.Number == 5);
        draft.Sections[draft.Sections.FindIndex(s => s.Number == 6)] = new Section(6, "其他需要报告的事项", "");
        var report = draft.Publish();
        var doc = new HtmlParser().ParseDocument(new HtmlRenderer().RenderString(report));

        Assert.Equal("测试县大寨乡人民政府2023年政府信息公开工作年度报告", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(doc.Title, doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(
            ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
            doc.QuerySelectorAll("h2").Select(h => h.TextContent));
        var placeholders = doc.QuerySelectorAll("p.placeholder").Select(p => p.TextContent).ToList();
        Assert.Equal([ReportText.MissingSection, ReportText.EmptySection], placeholders);
        Assert.Contains(doc.QuerySelectorAll("p"), p => p.TextContent.StartsWith("总体情况第一段", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_without_tables_says_so_instead_of_printing_nothing()
    {
        var report = new Report { Agency = "某局", Year = 2012, Template = ReportTemplate.Legacy, Sections = [new Section(1, "概述", "正文。")] };
        var doc = new HtmlParser().ParseDocument(new HtmlRenderer().RenderString(report));
        Assert.Empty(doc.QuerySelectorAll("table"));
        Assert.Equal(3, doc.QuerySelectorAll("p.placeholder").Count(p => p.TextContent == ReportText.MissingTable));
        // Sections 五 and 六 are absent; 二–四 are their (absent) tables.
        Assert.Equal(2, doc.QuerySelectorAll("p.placeholder").Count(p => p.TextContent == ReportText.MissingSection));
    }

    [Fact]
    public void The_page_is_A4_with_official_fonts_before_a_clean_CJK_fallback()
    {
        var html = new HtmlRenderer().RenderString(SampleReports.Random(ReportTemplate.Format2021, 1));
        Assert.Contains("size: A4", html);
        var fonts = html[html.IndexOf("font-family:", StringComparison.Ordinal)..];
        Assert.True(fonts.IndexOf("仿宋_GB2312", StringComparison.Ordinal) < fonts.IndexOf("WenQuanYi Micro Hei", StringComparison.Ordinal));
    }
}
