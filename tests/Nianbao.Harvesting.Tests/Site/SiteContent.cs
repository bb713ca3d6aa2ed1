using System.Net;
using System.Text;
using Nianbao.Domain;
using Nianbao.Harvesting;
using Nianbao.Rendering;
using Nianbao.Synthetic;

namespace Nianbao.Harvesting.Tests.Site;

/// <summary>A report the site publishes, and the URL whose outcome must be "imported" (the page or the attachment).</summary>
internal sealed record SiteReport(string Key, Report Truth, string Title, string ImportUrlPath);

/// <summary>One entry of the column: its title, where it links, and how its URL must end.</summary>
internal sealed record SiteEntry(string Title, string Href, HarvestOutcome Expected);

/// <summary>
/// A generated county government website (清水县人民政府), as their CMSs print it: a 政府信息公开 index
/// page, a 政府信息公开年报 column over three list pages (one in GBK) with header, menu, sidebar and
/// footer, and among the reports the notices every such column carries. Reports come from the
/// synthetic generator (known numbers) and are rendered by Nianbao.Rendering into the report formats
/// sites publish: in the article body, or attached as DOCX, PDF (Chromium), XLSX, DOC, WPS, XLS
/// (LibreOffice) and a scanned image. Built once; every test serves it from its own loopback server.
/// </summary>
internal sealed class SiteContent
{
    private static readonly Lazy<SiteContent> Instance = new(() => new SiteContent());
    public static SiteContent Shared => Instance.Value;

    public const string IndexPath = "/xxgk/index.html";
    public const string ColumnPath = "/xxgk/ndbg/index.html";
    public const string MovedFrom = "/xxgk/ndbg/old/t20210520_201.html";
    public const string MovedTo = "/xxgk/ndbg/202105/t20210520_201.html";
    public const string LoopA = "/xxgk/ndbg/loop/a.html";
    public const string LoopB = "/xxgk/ndbg/loop/b.html";
    public const string FlakyPath = "/xxgk/ndbg/202302/t20230210_202.html";
    public const string SlowPath = "/xxgk/ndbg/202203/t20220301_205.html";
    public const string GonePath = "/xxgk/ndbg/202201/t20220115_204.html";
    public const string BigPage = "/xxgk/ndbg/202204/t20220401_206.html";
    public const string BigFile = "/xxgk/ndbg/202204/P020220401_206.pdf";
    public const string PrivatePath = "/xxgk/ndbg/private/t20200110_207.html";
    public const string ImagePage = "/xxgk/ndbg/202001/t20200120_110.html";
    public const string ImageFile = "/xxgk/ndbg/202001/P020200120_110.png";
    /// <summary>Linked only from the sidebar (site furniture): never an entry, never fetched.</summary>
    public const string SidebarFile = "/xxgk/ndbg/files/2024年政务公开工作要点.doc";
    public const int BigFileBytes = 2 * 1024 * 1024;

    public static readonly string[] Notices =
    [
        "关于做好2024年政府信息公开工作年度报告编制发布工作的通知",
        "清水县2024年政务公开工作要点",
        "清水县2024年度政府信息公开工作计划",
        "全县政府信息公开工作培训会议召开",
        "关于2023年度政府信息公开工作考核结果的通报",
        "《清水县2023年政府信息公开工作年度报告》解读",
    ];

    /// <summary>Static files by path: pages and attachments (list pages are made per server: they hold its port).</summary>
    public Dictionary<string, (byte[] Bytes, string ContentType)> Files { get; } = new();
    public List<SiteReport> Reports { get; } = [];
    /// <summary>The column's entries in order (reports, failures and notices interleaved), before the other-host one.</summary>
    public List<SiteEntry> Entries { get; } = [];

    private SiteContent()
    {
        using var work = new TempFolder("nianbao-harvest-site-");
        var seed = 7301;
        Report Next(ReportTemplate template)
        {
            var report = ReportGenerator.Generate(new GenerationSpec(seed++, template, NumberScale.Small, Inconsistent: false)).Truth;
            return report.PublishedOn is null ? report with { PublishedOn = new DateOnly(report.Year!.Value + 1, 1, 20) } : report;
        }

        // A: the report in the article body (TRS-style #zoom container).
        var a = Next(ReportTemplate.Format2021);
        AddBodyReport("A", a, "/xxgk/ndbg/202501/t20250120_101.html", "<div id=\"zoom\">{0}</div>");
        // B–G: cover notes with the report attached in each document format.
        var b = Next(ReportTemplate.Format2021);
        AddAttachedReport("B", b, "/xxgk/ndbg/202401/t20240118_102.html", "/xxgk/ndbg/202401/P020240118_102.docx", new DocxRenderer().Render(b), Docx);
        var c = Next(ReportTemplate.Format2021);
        AddAttachedReport("C", c, "/xxgk/ndbg/202401/t20240119_103.html", "/xxgk/ndbg/202401/P020240119_103.pdf", new PdfRenderer().Render(c), "application/pdf");
        var d = Next(ReportTemplate.Format2021);
        AddAttachedReport("D", d, "/xxgk/ndbg/202401/t20240120_104.html", "/xxgk/ndbg/202401/P020240120_104.xlsx", new WorkbookWriter().Write(d), Xlsx);

        var e = Next(ReportTemplate.Format2021);
        var f = Next(ReportTemplate.Format2019);
        var g = Next(ReportTemplate.Format2021);
        File.WriteAllBytes(work["e.docx"], new DocxRenderer().Render(e));
        File.WriteAllBytes(work["f.docx"], new DocxRenderer().Render(f));
        File.WriteAllBytes(work["g.xlsx"], new WorkbookWriter().Write(g));
        LibreOffice.Convert(work.Path, "doc", work["legacy"], [work["e.docx"], work["f.docx"]]);
        LibreOffice.Convert(work.Path, "xls", work["legacy"], [work["g.xlsx"]]);
        AddAttachedReport("E", e, "/xxgk/ndbg/202301/t20230115_105.html", "/xxgk/ndbg/202301/P020230115_105.doc", File.ReadAllBytes(work["legacy/e.doc"]), "application/msword");
        // WPS Writer's .wps files are Word binary documents; sites serve them under their own extension.
        AddAttachedReport("F", f, "/xxgk/ndbg/202001/t20200116_106.html", "/xxgk/ndbg/202001/P020200116_106.wps", File.ReadAllBytes(work["legacy/f.doc"]), "application/vnd.ms-works");
        AddAttachedReport("G", g, "/xxgk/ndbg/202301/t20230117_107.html", "/xxgk/ndbg/202301/P020230117_107.xls", File.ReadAllBytes(work["legacy/g.xls"]), "application/vnd.ms-excel");

        // I: a report page that moved (the column still links the old address); plain <div>, no known container.
        var i = Next(ReportTemplate.Format2019);
        AddBodyReport("I", i, MovedTo, "<div class=\"wrap\"><div class=\"article\">{0}</div></div>", linkedAs: MovedFrom);
        // J: served 500 once, then the page.
        var j = Next(ReportTemplate.Format2021);
        AddBodyReport("J", j, FlakyPath, "<div class=\"TRS_Editor\">{0}</div>");
        // K: linked from the column straight to the file.
        var k = Next(ReportTemplate.Format2021);
        var kTitle = ReportGenerator.TitleOf(k);
        var kPath = "/xxgk/ndbg/files/P020220210_108.docx";
        Files[kPath] = (new DocxRenderer().Render(k), Docx);
        Reports.Add(new SiteReport("K", k, kTitle, kPath));
        Entries.Add(new SiteEntry(kTitle, kPath, HarvestOutcome.Imported));

        // The report as one scanned page image (blank here: nothing any reader or OCR could take a report from).
        Files[ImagePage] = (Utf8(ArticlePage("清水县石门镇2019年政府信息公开工作年度报告",
            $"<div id=\"zoom\"><p>本镇2019年度报告如下：</p><p><img src=\"{Path.GetFileName(ImageFile)}\" alt=\"年报第1页\"></p></div>")), Html);
        Files[ImageFile] = (System.Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), "image/png");
        Entries.Add(new SiteEntry("清水县石门镇2019年政府信息公开工作年度报告", ImagePage, HarvestOutcome.CoverNote));

        // Failures, each titled as a report.
        Entries.Add(new SiteEntry("清水县东湖乡2022年政府信息公开工作年度报告", LoopA, HarvestOutcome.Failed));
        Entries.Add(new SiteEntry("清水县临江镇2021年政府信息公开工作年度报告", GonePath, HarvestOutcome.Failed));
        Entries.Add(new SiteEntry("清水县望城街道2021年政府信息公开工作年度报告", SlowPath, HarvestOutcome.Failed));
        Files[SlowPath] = (Utf8(ArticlePage("清水县望城街道2021年政府信息公开工作年度报告", "<div id=\"zoom\"><p>（慢）</p></div>")), Html);
        Entries.Add(new SiteEntry("清水县青山镇2021年政府信息公开工作年度报告", BigPage, HarvestOutcome.CoverNote));
        Files[BigPage] = (Utf8(ArticlePage("清水县青山镇2021年政府信息公开工作年度报告",
            $"<div id=\"zoom\"><p>现将本镇2021年政府信息公开工作年度报告予以公布。</p><p>附件：<a href=\"{Path.GetFileName(BigFile)}\">青山镇2021年年度报告（扫描件）.pdf</a></p></div>")), Html);
        Entries.Add(new SiteEntry("清水县白楼乡2019年政府信息公开工作年度报告", PrivatePath, HarvestOutcome.SkippedByRobots));
        Files[PrivatePath] = (Utf8(ArticlePage("清水县白楼乡2019年政府信息公开工作年度报告", "<div id=\"zoom\"><p>内部</p></div>")), Html);

        // Notices between the reports; never fetched.
        var n = 0;
        foreach (var notice in Notices)
        {
            var path = $"/xxgk/ndbg/2024{++n:00}/t20240{n}01_30{n}.html";
            Files[path] = (Utf8(ArticlePage(notice, $"<div id=\"zoom\"><p>{WebUtility.HtmlEncode(notice)}。</p></div>")), Html);
            Entries.Insert(Math.Min(Entries.Count, n * 3), new SiteEntry(notice, path, HarvestOutcome.NotAReport));
        }
        Files[SidebarFile] = (Encoding.UTF8.GetBytes("not a report"), "application/msword");
        Files["/robots.txt"] = (Encoding.ASCII.GetBytes("# 清水县\nUser-agent: *\nDisallow: /xxgk/ndbg/private/\nDisallow: /admin/\n"), "text/plain");
        Files[IndexPath] = (Utf8(IndexPage()), Html);
    }

    private const string Html = "text/html; charset=utf-8";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private void AddBodyReport(string key, Report report, string path, string container, string? linkedAs = null)
    {
        var html = new HtmlRenderer().RenderString(report);
        var body = html[(html.IndexOf("<body>", StringComparison.Ordinal) + 6)..html.IndexOf("</body>", StringComparison.Ordinal)];
        var title = ReportGenerator.TitleOf(report);
        Files[path] = (Utf8(ArticlePage(title, string.Format(System.Globalization.CultureInfo.InvariantCulture, container, body))), Html);
        Reports.Add(new SiteReport(key, report, title, path));
        Entries.Add(new SiteEntry(title, linkedAs ?? path, linkedAs is null ? HarvestOutcome.Imported : HarvestOutcome.Moved));
    }

    private void AddAttachedReport(string key, Report report, string page, string file, byte[] bytes, string contentType)
    {
        var title = ReportGenerator.TitleOf(report);
        var note = $"<div id=\"zoom\"><p>现将《{WebUtility.HtmlEncode(title)}》予以公布，详见附件。</p>"
            + $"<p>附件：<a href=\"{Path.GetFileName(file)}\" title=\"{WebUtility.HtmlEncode(title)}\">{WebUtility.HtmlEncode(title)}{Path.GetExtension(file)}</a></p></div>";
        Files[page] = (Utf8(ArticlePage(title, note)), Html);
        Files[file] = (bytes, contentType);
        Reports.Add(new SiteReport(key, report, title, file));
        Entries.Add(new SiteEntry(title, page, HarvestOutcome.CoverNote));
    }

    /// <summary>The three list pages of the column, for a server on <paramref name="port"/>: index.html, index_1.html (GBK), index_2.html.</summary>
    public Dictionary<string, (byte[] Bytes, string ContentType)> ListPages(int port)
    {
        var entries = Entries.Select(e => (e.Title, e.Href)).ToList();
        // A report published on another host (a department's own site): seen, never fetched.
        entries.Insert(5, ("清水县水利局2023年政府信息公开工作年度报告", $"http://127.0.0.2:{port}/xxgk/ndbg/202401/t20240125_401.html"));
        var perPage = (entries.Count + 2) / 3;
        var pages = new Dictionary<string, (byte[], string)>();
        for (var p = 0; p < 3; p++)
        {
            var items = new StringBuilder();
            foreach (var (title, href) in entries.Skip(p * perPage).Take(perPage))
            {
                // Long titles are cut short in the list and kept whole in title="", as CMSs print them.
                var shown = title.Length > 24 ? title[..22] + "…" : title;
                items.Append($"<li><a href=\"{href}\" title=\"{WebUtility.HtmlEncode(title)}\" target=\"_blank\">{WebUtility.HtmlEncode(shown)}</a><span>2024-01-{10 + p:00}</span></li>\n");
            }
            var next = p < 2 ? $"<a href=\"index_{p + 1}.html\">下一页</a>" : "<span>下一页</span>";
            var previous = p switch { 0 => "<span>上一页</span>", 1 => "<a href=\"index.html\">上一页</a>", _ => $"<a href=\"index_{p - 1}.html\">上一页</a>" };
            var body = $"""
                <div class="list-box"><h2>政府信息公开年报</h2><ul class="news-list">
                {items}</ul>
                <div class="page-box"><script>createPageHTML(3, {p}, "index", "html");</script>
                <a href="index.html">首页</a> {previous} {next} <a href="index_2.html">尾页</a></div></div>
                """;
            var html = Page("政府信息公开年报", body, gbk: p == 1);
            pages[p == 0 ? ColumnPath : $"/xxgk/ndbg/index_{p}.html"] = p == 1
                ? (PageGbk(html), "text/html")
                : (Utf8(html), Html);
        }
        return pages;
    }

    /// <summary>The index links of the 政府信息公开 page besides the report column: none is a report.</summary>
    public static readonly (string Title, string Href)[] IndexLinks =
    [
        ("政府信息公开指南", "/xxgk/zn/index.html"),
        ("政府信息公开制度", "/xxgk/zd/index.html"),
        ("法定主动公开内容", "/xxgk/fdzdgknr/index.html"),
        ("依申请公开办理渠道", "/xxgk/ysqgk/index.html"),
    ];

    private static string IndexPage()
    {
        var links = string.Concat(IndexLinks.Select(l => $"<li><a href=\"{l.Href}\">{l.Title}</a></li>"));
        return Page("政府信息公开", $"<div class=\"xxgk-main\"><ul class=\"catalog\">{links}<li><a href=\"ndbg/index.html\">政府信息公开年报</a></li></ul></div>");
    }

    internal static string ArticlePage(string title, string content) => Page(title, $"""
        <div class="article-box"><h1>{WebUtility.HtmlEncode(title)}</h1>
        <div class="info">发布时间：2024-01-18 来源：清水县人民政府办公室 字体：[大 中 小]</div>
        {content}
        <div class="prev-next"><a href="/xxgk/ndbg/index.html">返回列表</a></div></div>
        """);

    /// <summary>The site's furniture around every page: header, menu, breadcrumb, sidebar (with a document link), footer.</summary>
    internal static string Page(string title, string main, bool gbk = false) => $"""
        <!DOCTYPE html>
        <html><head><meta charset="{(gbk ? "gb2312" : "utf-8")}"><title>{WebUtility.HtmlEncode(title)}_清水县人民政府</title></head>
        <body>
        <div class="header"><a href="/">清水县人民政府门户网站</a><div class="search"><a href="/search/">站内搜索</a></div></div>
        <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xxgk/index.html">政府信息公开</a></li>
        <li><a href="/xxgk/ndbg/index.html">政府信息公开年报</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
        <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/index.html">政府信息公开</a> &gt; {WebUtility.HtmlEncode(title)}</div>
        <div class="main">
        <div class="sidebar"><h3>相关链接</h3><ul><li><a href="{SidebarFile}">2024年政务公开工作要点.doc</a></li>
        <li><a href="/xxgk/ndbg/index.html">历年政府信息公开年度报告汇总</a></li></ul></div>
        <div class="content-right">{main}</div>
        </div>
        <div class="footer"><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a><p>清水县人民政府办公室主办 版权所有</p></div>
        </body></html>
        """;

    private static byte[] Utf8(string html) => Encoding.UTF8.GetBytes(html);

    private static byte[] PageGbk(string html)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(html);
    }
}
