using System.Text;
using Nianbao.Harvesting.Http;
using Nianbao.Harvesting.Pages;
using Nianbao.Harvesting.State;

namespace Nianbao.Harvesting.Tests;

public sealed class AnnualReportTitlesTests
{
    [Theory]
    [InlineData("大寨乡人民政府2023年政府信息公开工作年度报告", 2023)]
    [InlineData("清水县商务局2021年度政府信息公开工作年度报告", 2021)]
    [InlineData("2022年政府信息公开年报", 2022)]
    [InlineData("梁园区二〇二〇年政府信息公开工作年度报告", 2020)]
    [InlineData("睢县人民政府２０２４年政府信息公开工作年度报告（图解）", 2024)]
    public void A_report_title_names_its_year(string title, int year) => Assert.Equal(year, AnnualReportTitles.ReportYear(title));

    [Theory]
    [InlineData("关于做好2024年政府信息公开工作年度报告编制发布工作的通知")]
    [InlineData("清水县2024年政务公开工作要点")]
    [InlineData("清水县2024年度政府信息公开工作计划")]
    [InlineData("《清水县2023年政府信息公开工作年度报告》解读")]
    [InlineData("关于2023年度政府信息公开工作考核结果的通报")]
    [InlineData("政府信息公开年报")]
    [InlineData("政府信息公开工作年度报告")]
    public void Notices_and_columns_are_not_reports(string title) => Assert.Null(AnnualReportTitles.ReportYear(title));

    [Theory]
    [InlineData("政府信息公开年报", true)]
    [InlineData("历年政府信息公开年度报告汇总", true)]
    [InlineData("2023年政府信息公开工作年度报告", false)]
    [InlineData("政府信息公开指南", false)]
    public void A_column_link_names_reports_without_a_year(string title, bool column) => Assert.Equal(column, AnnualReportTitles.IsReportColumn(title));
}

public sealed class RobotsTxtTests
{
    private static Uri Url(string path) => new("http://example.gov.cn" + path);

    [Fact]
    public void The_longest_matching_rule_wins_and_allow_wins_a_tie()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /xxgk/\nAllow: /xxgk/ndbg/\nDisallow: /*.pdf$\nDisallow: /admin", HarvestOptions.RobotsToken);
        Assert.False(robots.Allows(Url("/xxgk/zn/index.html")));
        Assert.True(robots.Allows(Url("/xxgk/ndbg/index.html")));
        Assert.False(robots.Allows(Url("/files/report.pdf")));
        Assert.True(robots.Allows(Url("/files/report.pdf?x=1")));
        Assert.False(robots.Allows(Url("/administration/")));
        Assert.True(robots.Allows(Url("/")));
    }

    [Fact]
    public void A_group_naming_the_tool_replaces_the_star_group()
    {
        var text = "User-agent: *\nDisallow: /\n\nUser-agent: Googlebot\nUser-agent: nianbaoharvester\nDisallow: /private/\nCrawl-delay: 5\n";
        var robots = RobotsTxt.Parse(text, HarvestOptions.RobotsToken);
        Assert.True(robots.Allows(Url("/xxgk/ndbg/index.html")));
        Assert.False(robots.Allows(Url("/private/a.html")));
        Assert.Equal(TimeSpan.FromSeconds(5), robots.CrawlDelay);
    }

    [Fact]
    public void A_chinese_path_matches_its_escaped_form_and_an_unreachable_file_forbids_everything()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /年报/内部/", HarvestOptions.RobotsToken);
        Assert.False(robots.Allows(new Uri("http://example.gov.cn/年报/内部/a.html")));
        Assert.True(robots.Allows(new Uri("http://example.gov.cn/年报/a.html")));
        Assert.False(RobotsTxt.Unreachable("HTTP 503").Allows(Url("/index.html")));
        Assert.True(RobotsTxt.AllowAll.Allows(Url("/index.html")));
    }
}

public sealed class PageReaderTests
{
    private static readonly Uri Page = new("http://example.gov.cn/xxgk/ndbg/index.html");

    [Fact]
    public void A_list_page_gives_its_entries_without_navigation_and_its_further_pages_in_every_shape()
    {
        var html = """
            <html><body>
            <div class="header"><a href="/">首页</a><a href="/xxgk/ndbg/2024年工作要点.html">2024年政务公开工作要点全文</a></div>
            <ul class="list">
              <li><a href="202401/t1.html" title="大寨乡人民政府2023年政府信息公开工作年度报告">大寨乡人民政府2023年政府信息公…</a></li>
              <li><a href="202401/t2.html">关于做好年度报告编制工作的通知</a></li>
              <li><a href="files/年报.pdf">白楼镇2022年政府信息公开工作年度报告</a></li>
              <li><a href="#">更多</a></li>
            </ul>
            <div class="pages"><a href="index_1.html">2</a> <a href="list?page=3">3</a> <a href="index_9.html">下一页</a></div>
            <script>createPageHTML(4, 0, "index", "shtml");</script>
            <div class="footer"><a href="/about.html">关于本网站的说明</a></div>
            </body></html>
            """;
        var list = ListPageReader.Read(html, Page);
        Assert.Equal(
            ["大寨乡人民政府2023年政府信息公开工作年度报告", "关于做好年度报告编制工作的通知", "白楼镇2022年政府信息公开工作年度报告"],
            list.Entries.Select(e => e.Title));
        Assert.Equal(new Uri(Page, "files/年报.pdf"), list.Entries[2].Url);
        Assert.Equal(
            ["index_1.html", "list?page=3", "index_9.html", "index.shtml", "index_1.shtml", "index_2.shtml", "index_3.shtml"],
            list.Pages.Select(p => p.PathAndQuery[(p.AbsolutePath.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public void A_cover_note_yields_its_attachments_and_a_report_page_its_body()
    {
        var note = """
            <html><body><div class="nav"><a href="/x/申请表.doc">政府信息公开申请表.doc</a></div>
            <div class="TRS_Editor"><p>现将本单位2023年政府信息公开工作年度报告予以公布。</p>
            <p>附件：<a href="P0201.pdf">2023年年度报告.pdf</a> <a href="/down.jsp?id=7">统计表.xlsx</a></p></div>
            <div class="footer">版权所有</div></body></html>
            """;
        var cover = ArticleReader.Read(note, Page);
        Assert.False(cover.BodyHoldsReport);
        Assert.Equal([new Uri(Page, "P0201.pdf"), new Uri(Page, "/down.jsp?id=7")], cover.Attachments.Select(a => a.Url));

        var sections = string.Concat(new[] { "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项" }
            .Select(h => $"<h2>{h}</h2><p>{h}的正文内容，本年度共办理若干件。</p>"));
        var page = $"<html><body><div class=\"menu\"><a href=\"/\">首页</a></div><div class=\"wrap\"><div class=\"text\">{sections}</div></div></body></html>";
        var report = ArticleReader.Read(page, Page);
        Assert.True(report.BodyHoldsReport);
        Assert.Empty(report.Attachments);
    }

    [Fact]
    public void Pages_decode_from_the_http_charset_the_meta_charset_or_gb18030()
    {
        var text = "<html><head><meta charset=\"gb2312\"></head><body>政府信息公开年报</body></html>";
        var gbk = PageDecoder.Gb18030.GetBytes(text);
        Assert.Equal(text, PageDecoder.Decode(gbk, "text/html"));
        Assert.Equal(text, PageDecoder.Decode(gbk, null));
        Assert.Equal(text, PageDecoder.Decode(Encoding.UTF8.GetBytes(text), "text/html; charset=utf-8"));
        var undeclared = "<html><body>年报</body></html>";
        Assert.Equal(undeclared, PageDecoder.Decode(PageDecoder.Gb18030.GetBytes(undeclared), null));
    }
}

public sealed class JsonLinesStateStoreTests
{
    [Fact]
    public async Task Records_and_runs_survive_a_restart_and_a_line_cut_short_by_a_kill()
    {
        using var folder = new TempFolder("nianbao-harvest-state-");
        var path = folder["state.jsonl"];
        var run = new HarvestRun("r1", ["http://example.gov.cn/"], DateTimeOffset.UtcNow);
        var record = new HarvestRecord("http://example.gov.cn/a.pdf", "r1", HarvestOutcome.Imported, "大寨乡 2023", DateTimeOffset.UtcNow,
            "\"abc\"", "Thu, 18 Jan 2024 08:00:00 GMT", "00ff", "年报", LinkRole.Attachment,
            [new FoundLink("http://example.gov.cn/b.pdf", LinkRole.Attachment, "附件", 2023, Page: "http://example.gov.cn/a.html")], "rep-1");
        using (var store = new JsonLinesStateStore(path))
        {
            await store.SaveRunAsync(run, default);
            await store.SaveAsync(record, default);
        }
        File.AppendAllText(path, "{\"kind\":\"url\",\"url\":{\"url\":\"http://exa");
        using (var store = new JsonLinesStateStore(path))
        {
            Assert.Equal(1, store.SkippedLines);
            var back = await store.FindAsync(record.Url, default);
            Assert.NotNull(back);
            Assert.Equal(record with { Links = null }, back with { Links = null });
            Assert.Equal(record.Links, back.Links);
            Assert.Equal("r1", (await store.FindUnfinishedRunAsync(["http://example.gov.cn/"], default))?.Id);
            await store.SaveRunAsync(run with { FinishedAt = DateTimeOffset.UtcNow }, default);
            await store.SaveAsync(record with { Outcome = HarvestOutcome.Unchanged }, default);
        }
        using (var store = new JsonLinesStateStore(path))
        {
            Assert.Null(await store.FindUnfinishedRunAsync(["http://example.gov.cn/"], default));
            Assert.Equal(HarvestOutcome.Unchanged, (await store.FindAsync(record.Url, default))?.Outcome);
        }
    }
}
