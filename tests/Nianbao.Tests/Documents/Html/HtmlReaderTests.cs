using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Html;
using Nianbao.Documents.Model;
using Nianbao.Tests.Documents.Formats;

namespace Nianbao.Tests.Documents.Html;

public class HtmlReaderTests
{
    private static SourceDocument Read(byte[] bytes, string name = "report.html") => DocumentReaders.Default.Read(bytes, name);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Official_layout_tables_come_back_cell_for_cell(int seed)
    {
        var report = SampleReports.Random2021(seed);
        var html = HtmlReportWriter.Write(SampleReports.TablesDocument(report), HtmlStyle.Official);
        var doc = Read(Encoding.UTF8.GetBytes(html));

        Assert.Equal(SourceFormat.Html, doc.Format);
        Assert.Equal("utf-8", doc.Encoding);
        TableAssert.DataRowsRoundTrip(doc, TableLayout.Applications(report), 0);
        TableAssert.DataRowsRoundTrip(doc, TableLayout.ReviewsAndLawsuits(report), 1);
    }

    [Fact]
    public void Header_cells_are_placed_on_the_grid_once_with_their_spans()
    {
        var report = SampleReports.Random2021(7);
        var doc = Read(Encoding.UTF8.GetBytes(HtmlReportWriter.Write(SampleReports.TablesDocument(report), HtmlStyle.Official)));
        var rows = doc.Lines.Where(l => l.Table == 0).ToList();

        // r1: 自然人 (col 3) | 法人或其他组织 (col 4, span 5) | 总计 (col 9): the 3 columns under the note are covered, not repeated.
        var r1 = rows.Single(l => l.Row == 1);
        Assert.Equal([(3, 1, "自然人"), (4, 5, "法人或其他组织"), (9, 1, "总计")], r1.Cells.Select(c => (c.Column!.Value, c.ColumnSpan, c.Text)));
        // The row under a rowspan starts where the free slots start.
        var r2 = rows.Single(l => l.Row == 2);
        Assert.Equal([4, 5, 6, 7, 8], r2.Cells.Select(c => c.Column!.Value));
        // 1.属于国家秘密 sits in column 2, under 三、 (col 0, rowspan 22) and （三）不予公开 (col 1, rowspan 8).
        var secret = rows.Single(l => l.Cells.Any(c => c.Text == "1.属于国家秘密"));
        Assert.Equal(2, secret.Cells[1].Column);
        var second = rows.Single(l => l.Cells.Any(c => c.Text == "2.其他法律行政法规禁止公开"));
        Assert.Equal(2, second.Cells[0].Column);
        Assert.DoesNotContain(second.Cells, c => c.Text.Contains("不予公开"));
    }

    [Theory]
    [InlineData("gb2312")]
    [InlineData("GBK")]
    [InlineData(null)]
    public void Word_pasted_gbk_page_reads_with_or_without_a_declared_charset(string? charset)
    {
        var report = SampleReports.Random2021(11);
        var html = HtmlReportWriter.Write(SampleReports.TablesDocument(report), HtmlStyle.WordPasted, charset);
        var bytes = HtmlReportWriter.Encode(html, gbk: true);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8

        var doc = Read(bytes, "report.htm");

        Assert.Equal("gb18030", doc.Encoding);
        TableAssert.DataRowsRoundTrip(doc, TableLayout.Applications(report), 0);
        TableAssert.DataRowsRoundTrip(doc, TableLayout.ReviewsAndLawsuits(report), 1);
        Assert.Contains("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", doc.Text.Raw);
    }

    [Fact]
    public void Word_pasted_blank_cells_are_blank_not_nbsp()
    {
        var report = SampleReports.Random2021(5);
        var layout = TableLayout.Applications(report);
        Assert.Contains(layout.DataCells(), c => c.Cell.Text == ""); // the sample has blanks to check
        var doc = Read(Encoding.UTF8.GetBytes(HtmlReportWriter.Write(SampleReports.TablesDocument(report), HtmlStyle.WordPasted)));
        TableAssert.DataRowsRoundTrip(doc, layout, 0);
        Assert.DoesNotContain(doc.Lines.Where(l => l.IsTableRow).SelectMany(l => l.Cells), c => c.Text.Length > 0 && c.Text.Trim().Length == 0);
    }

    [Fact]
    public void One_table_split_over_two_html_tables_keeps_each_part_on_its_own_grid()
    {
        var report = SampleReports.Random2021(13);
        var layout = TableLayout.Applications(report);
        var splitAt = layout.Rows.ToList().FindIndex(r => r.Cells.Any(c => c.Text.StartsWith("（四）", StringComparison.Ordinal)));
        var (first, second) = layout.SplitAt(splitAt);
        Block[] blocks =
        [
            new Heading("三、收到和处理政府信息公开申请情况"), new TableBlock(first), new TableBlock(second),
            new Heading("四、政府信息公开行政复议、行政诉讼情况"), new TableBlock(TableLayout.ReviewsAndLawsuits(report)),
        ];
        var doc = Read(Encoding.UTF8.GetBytes(HtmlReportWriter.Write(blocks, HtmlStyle.Official)));

        TableAssert.DataRowsRoundTrip(doc, first, 0);
        TableAssert.DataRowsRoundTrip(doc, second, 1);
        TableAssert.DataRowsRoundTrip(doc, TableLayout.ReviewsAndLawsuits(report), 2);
    }

    [Fact]
    public void Page_furniture_and_paragraphs_stay_in_reading_order_without_scripts_styles_or_hidden_text()
    {
        var report = SampleReports.Random2021(17);
        var doc = Read(Encoding.UTF8.GetBytes(HtmlReportWriter.Write(SampleReports.FullDocument(report), HtmlStyle.WordPasted)));

        var order = new[] { "首页 | 政务公开", "机构概况", "政策文件", "一、总体情况", "二、主动公开政府信息情况", "第二十条第（一）项", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "本年度未收取信息处理费。", "主办单位", "网站标识码：1234567890", "备案号" }
            .Select(t => TableAssert.IndexOfLine(doc, t)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        // br splits a line; script, style and display:none do not reach the text.
        Assert.DoesNotContain(doc.Lines, l => doc.Text.Value.Substring(l.Start, l.Length).Contains("网站标识码") && doc.Text.Value.Substring(l.Start, l.Length).Contains("备案号"));
        Assert.DoesNotContain("not text", doc.Text.Value);
        Assert.DoesNotContain("border:1px", doc.Text.Value);
        Assert.DoesNotContain("99999", doc.Text.Value);
        Assert.Equal("政府信息公开工作年度报告", doc.Properties["title"]);
        // The layout table around the article is not a data table: the report's tables are 0, 1, 2.
        Assert.Equal([0, 1, 2], doc.Lines.Where(l => l.IsTableRow).Select(l => l.Table!.Value).Distinct());
        TableAssert.DataRowsRoundTrip(doc, TableLayout.ActiveDisclosure(report), 0);
        TableAssert.DataRowsRoundTrip(doc, TableLayout.Applications(report), 1);
    }

    [Fact]
    public void A_nested_table_is_read_as_its_own_table_and_its_rows_do_not_join_the_outer_one()
    {
        const string html = """
            <html><body>
            <table><tr><td>左</td><td>右</td></tr>
            <tr><td>外一</td><td><table><tr><td>内</td><td>1</td></tr><tr><td>内二</td><td>2</td></tr></table></td></tr>
            </table>
            <table><tr><td>A</td><td>B</td></tr></table>
            </body></html>
            """;
        var doc = Read(Encoding.UTF8.GetBytes(html));
        var rows = doc.Lines.Where(l => l.IsTableRow).ToList();
        Assert.Equal([(0, 0), (0, 1), (1, 0)], rows.Select(r => (r.Table!.Value, r.Row!.Value)));
        Assert.Equal(["内", "1"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal(["A", "B"], rows[2].Cells.Select(c => c.Text));
        Assert.True(TableAssert.IndexOfLine(doc, "外一") < doc.Lines.ToList().IndexOf(rows[0]));
    }

    [Fact]
    public void A_table_flattened_into_paragraphs_stays_a_sequence_of_lines()
    {
        const string html = "<p>一、本年新收政府信息公开申请数量</p><p>12</p><p>0</p><p>&nbsp;</p><p>3</p>";
        var doc = Read(Encoding.UTF8.GetBytes(html), "flat.html");
        Assert.Equal(SourceFormat.Html, doc.Format);
        Assert.Equal(["一、本年新收政府信息公开申请数量", "12", "0", "3"], doc.Lines.Where(l => l.Length > 0).Select(l => doc.Text.Value.Substring(l.Start, l.Length)));
        Assert.DoesNotContain(doc.Lines, l => l.IsTableRow);
    }

    [Fact]
    public void A_line_break_inside_a_cell_does_not_split_a_chinese_label()
    {
        const string html = "<table><tr><td>（二）部分公开<br>（区分处理的）</td><td><p>1</p><p>2</p></td><td>3</td></tr></table>";
        var doc = Read(Encoding.UTF8.GetBytes(html));
        var cells = doc.Lines.Single(l => l.IsTableRow).Cells;
        Assert.Equal(["(二)部分公开(区分处理的)", "1 2", "3"], cells.Select(c => c.Text)); // normalized: full-width brackets become ASCII
        Assert.Equal("（二）部分公开（区分处理的）", doc.Text.RawSlice(cells[0].Start, cells[0].Length));
    }

    [Fact]
    public void Is_chosen_by_content_not_by_name()
    {
        var reader = new HtmlReader();
        Assert.True(reader.CanRead(Encoding.UTF8.GetBytes("\uFEFF  <!DOCTYPE html><html><body>x</body></html>"), "a.txt"));
        Assert.True(reader.CanRead(Encoding.UTF8.GetBytes("<table><tr><td>1</td></tr></table>"), "a.dat"));
        Assert.True(reader.CanRead(Encoding.UTF8.GetBytes("<p>一、总体情况</p>"), "a"));
        Assert.False(reader.CanRead(Encoding.UTF8.GetBytes("一、总体情况\n<p>not at the start</p>"), "a.html"));
        Assert.False(reader.CanRead(Encoding.UTF8.GetBytes("# 标题\n\n| a | b |"), "a.html"));
        Assert.Equal(SourceFormat.Text, Read(Encoding.UTF8.GetBytes("一、总体情况\n本年度……"), "report.html").Format);
    }

    [Fact]
    public void Rows_and_cells_hidden_with_display_none_take_no_slot()
    {
        const string html = "<table><tr><td>a</td><td style='display: none'>x</td><td>1</td></tr>"
            + "<tr style=\"DISPLAY:NONE\"><td>hidden</td><td>9</td></tr><tr><td>b</td><td>2</td></tr></table>";
        var doc = Read(Encoding.UTF8.GetBytes(html));
        var rows = doc.Lines.Where(l => l.IsTableRow).ToList();
        Assert.Equal([[(0, "a"), (1, "1")], [(0, "b"), (1, "2")]], rows.Select(r => r.Cells.Select(c => (c.Column!.Value, c.Text)).ToArray()));
        Assert.Equal([0, 1], rows.Select(r => r.Row!.Value));
        Assert.DoesNotContain("hidden", doc.Text.Value);
    }

    [Fact]
    public void Readers_are_safe_to_share_between_threads()
    {
        var inputs = Enumerable.Range(0, 24).Select(i =>
        {
            var report = SampleReports.Random2021(100 + i);
            var blocks = SampleReports.TablesDocument(report);
            var bytes = (i % 3) switch
            {
                0 => HtmlReportWriter.Encode(HtmlReportWriter.Write(blocks, HtmlStyle.WordPasted, null), gbk: true),
                1 => DocxReportWriter.Write(blocks),
                _ => XlsxReportWriter.Write([TableLayout.Applications(report)]),
            };
            return (bytes, Name: $"r{i}");
        }).ToList();
        var sequential = inputs.Select(x => Read(x.bytes, x.Name).Text.Value).ToList();
        var parallel = new string[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Read(inputs[i].bytes, inputs[i].Name).Text.Value);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void A_page_template_table_whose_cell_holds_the_article_is_read_as_paragraphs()
    {
        var report = SampleReports.Random2021(19);
        var article = string.Concat(SampleReports.FullDocument(report).Select(b => b switch
        {
            Heading h => $"<p><b>{h.Text}</b></p>",
            Formats.Paragraph p => $"<p>{p.Text}</p>",
            _ => "",
        }));
        var html = $"<html><body><table><tr><td>网站首页</td><td>政务公开</td></tr><tr><td><ul><li>年报</li></ul></td><td>{article}</td></tr></table></body></html>";
        var doc = Read(Encoding.UTF8.GetBytes(html));
        Assert.DoesNotContain(doc.Lines, l => l.IsTableRow);
        var order = new[] { "网站首页", "政务公开", "年报", "一、总体情况", "本年度本机关认真贯彻落实", "六、其他需要报告的事项", "本年度未收取信息处理费" }
            .Select(t => TableAssert.IndexOfLine(doc, t)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }
}
