using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Domain.Contract;

namespace Nianbao.Server.Tests;

/// <summary>
/// The browser and server of <see cref="Browser"/> with known reports in the archive: 新县 2022 and
/// 2023, 光山县 2023 (generated with known numbers, uploaded through the API), three expected agencies
/// of 信阳市 (罗山县 has not published), and an author account of 新县.
/// </summary>
public sealed class SeededBrowser : IAsyncLifetime
{
    public const string Xinxian = "河南省信阳市新县人民政府办公室";
    public const string Guangshan = "河南省信阳市光山县人民政府办公室";
    public const string Luoshan = "河南省信阳市罗山县人民政府办公室";

    public Browser Browser { get; } = new();
    public GeneratedReportSet Reports { get; private set; } = null!;

    public sealed record GeneratedReportSet(Report Xinxian2022, Report Xinxian2023, Report Guangshan2023);

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        var x22 = Tests.Reports.Generate(Xinxian, 2022, seed: 61);
        var x23 = Tests.Reports.Generate(Xinxian, 2023, seed: 62);
        var g23 = Tests.Reports.Generate(Guangshan, 2023, seed: 63, inconsistent: true);
        using (var admin = await Browser.Server.SignedIn("admin"))
        {
            var response = await admin.PostAsync("/api/reports", Tests.Reports.Files(
                ("x22.txt", Tests.Reports.Print(x22)), ("x23.txt", Tests.Reports.Print(x23)), ("g23.txt", Tests.Reports.Print(g23))));
            var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.All(results.EnumerateArray(), r => Assert.StartsWith("imported", r.GetProperty("outcome").GetString()));
        }
        using (var store = ArchiveStore.Open(Browser.Server.Location))
            store.UpsertExpected([new ExpectedAgency(Xinxian, "411523000000"), new ExpectedAgency(Guangshan, "411522000000"), new ExpectedAgency(Luoshan, "411521000000")]);
        Browser.Server.AddAccount("xinxian", "author", agency: Xinxian);
        Reports = new GeneratedReportSet(x22.Truth, x23.Truth, g23.Truth);
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>填报, 区域看板 and 对比 through real Chromium against the real server on loopback.</summary>
public sealed partial class AuthorDashboardComparePageTests(SeededBrowser seeded) : IClassFixture<SeededBrowser>
{
    private Browser Browser => seeded.Browser;

    // The input of a cell in the tables shown (the format of the form's year; the other format's are hidden and disabled).
    private static string Cell(string path) => $".template-tables:not([hidden]) input[name=\"cell:{path}\"]";

    /// <summary>NAME.png of what the window shows (the form is too long for a full-page picture to be read).</summary>
    private static Task ViewportScreenshot(IPage page, string name) => Browser.Screenshot(page, name, fullPage: false);

    [Fact]
    public async Task An_author_fills_in_the_form_sees_a_total_that_does_not_add_up_flagged_live_submits_and_downloads_the_docx()
    {
        var page = await Browser.SignedIn("xinxian");
        await page.GotoAsync("/author");
        // An author files for their own agency: the name is given, not asked.
        Assert.Equal(SeededBrowser.Xinxian, await page.InputValueAsync("#agency"));
        Assert.True(await page.Locator("#agency").IsEditableAsync() is false);
        // The tables are the national layout: table 三's 25 rows (22 results in the 2021 format) of seven columns.
        Assert.Equal(25 * 7, await page.Locator("#table-2021-applications input.cell").CountAsync());
        Assert.Equal(15, await page.Locator("#table-2021-reviewsAndLawsuits input.cell").CountAsync());

        await page.FillAsync("#year", "2024");
        await page.FillAsync(Cell("applications.received.naturalPerson"), "17");
        await page.FillAsync(Cell("applications.received.commercial"), "4");
        await page.FillAsync(Cell("applications.received.total"), "20");
        // The check fires while typing: 17 + 4 is not 20, on the row's cells, in Chinese.
        var finding = page.Locator("#form-findings li[data-rule=\"T3-3\"]").First;
        await finding.WaitForAsync();
        Assert.Contains("本年新收", await finding.InnerTextAsync());
        Assert.Contains("applications.received.total", await finding.GetAttributeAsync("data-cells"));
        await page.Locator("td.value.has-error[data-path=\"applications.received.total\"]").WaitForAsync();
        Assert.Contains("错误", await page.InnerTextAsync("#check-status"));
        await page.EvaluateAsync("() => window.scrollTo(0, document.getElementById('table-2021-applications').getBoundingClientRect().top + window.scrollY - 120)");
        await ViewportScreenshot(page, "author");

        // Corrected, the finding goes away on its own.
        await page.FillAsync(Cell("applications.received.total"), "21");
        await page.Locator("td.value.has-error[data-path=\"applications.received.total\"]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(0, await page.Locator("#form-findings li[data-rule=\"T3-3\"]").CountAsync());
        await page.FillAsync("#section-1", "2024年，本机关认真贯彻《中华人民共和国政府信息公开条例》。");
        await page.FillAsync(Cell("reviewsAndLawsuits.review.upheld"), "1");
        await page.FillAsync(Cell("reviewsAndLawsuits.review.total"), "1");

        // Submitted to the archive as the agency's 2024 report, with the numbers typed.
        await page.ClickAsync("#submit-report");
        await page.Locator("#submitted").WaitForAsync();
        Assert.Contains("已提交到档案", await page.InnerTextAsync("#submitted"));
        var href = await page.GetAttributeAsync("#submitted-report", "href");
        var id = href!.Split('/').Last();
        var record = ReportJson.Deserialize(await (await page.APIRequest.GetAsync($"/api/reports/{id}")).TextAsync());
        Assert.Equal(SeededBrowser.Xinxian, record.Agency);
        Assert.Equal(2024, record.Year);
        Assert.Equal(17m, record[CellPath.Parse("applications.received.naturalPerson")]);
        Assert.Equal(21m, record[CellPath.Parse("applications.received.total")]);
        Assert.Null(record[CellPath.Parse("applications.received.research")]); // left empty: blank, not 0
        // The form keeps what was typed after submitting.
        Assert.Equal("21", await page.InputValueAsync(Cell("applications.received.total")));

        // The Word document in the national format, downloaded from the page.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#submitted-docx"));
        var path = Path.Combine(Path.GetTempPath(), $"nianbao-author-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
            Assert.Contains(SeededBrowser.Xinxian, xml);
            Assert.Contains(">17<", xml);
            Assert.Contains(">21<", xml);
        }
        finally { File.Delete(path); }
        Assert.Empty(Browser.Errors);
    }

    [Fact]
    public async Task An_author_can_start_the_form_from_last_years_report()
    {
        var page = await Browser.SignedIn("xinxian");
        await page.GotoAsync("/author?year=2024");
        var from = (await page.GetAttributeAsync("#start-from-previous a", "href"))!.Split("from=")[1];
        await page.ClickAsync("#start-from-previous a");
        await page.Locator("#started-from").WaitForAsync();
        Assert.Equal("2024", await page.InputValueAsync("#year"));
        foreach (var path in new[] { "applications.received.total", "applications.granted.naturalPerson", "reviewsAndLawsuits.review.total" })
            Assert.Equal(seeded.Reports.Xinxian2023[CellPath.Parse(path)]?.ToString(CultureInfo.InvariantCulture) ?? "", await page.InputValueAsync(Cell(path)));
        // The sections as the archive holds them (the text as read, normalized).
        var stored = ReportJson.Deserialize(await (await page.APIRequest.GetAsync($"/api/reports/{from}")).TextAsync());
        Assert.Equal(2023, stored.Year);
        Assert.Equal(stored.Sections[0].Text, await page.InputValueAsync("#section-1"));
        // Started from a report, the form is checked at once.
        await page.Locator("#check-status[data-errors]").WaitForAsync();
    }

    [Fact]
    public async Task The_form_download_button_gives_the_typed_report_as_docx_without_storing_it()
    {
        var page = await Browser.SignedIn("admin");
        await page.GotoAsync("/author");
        await page.FillAsync("#agency", SeededBrowser.Guangshan);
        await page.FillAsync("#year", "2025");
        await page.FillAsync(Cell("applications.received.naturalPerson"), "29");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-docx"));
        Assert.EndsWith(".docx", download.SuggestedFilename);
        Assert.Contains("2025", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"nianbao-form-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            Assert.Contains(">29<", new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd());
        }
        finally { File.Delete(path); }
        var listed = await page.APIRequest.GetAsync("/api/reports?year=2025");
        Assert.Equal("[]", (await listed.TextAsync()).Trim());
    }

    [Fact]
    public async Task The_form_is_for_authors_and_administrators_and_its_posts_need_the_anti_forgery_token()
    {
        var viewer = await Browser.SignedIn("viewer");
        Assert.DoesNotContain("填报", await viewer.InnerTextAsync("nav.main-nav"));
        Assert.Equal(403, (await viewer.GotoAsync("/author"))!.Status);

        // Signed in, but without the page's token: the check and the submission are refused and nothing is stored.
        using var client = await Browser.Server.SignedIn("xinxian");
        var fields = new Dictionary<string, string> { ["year"] = "2026", ["cell:applications.received.total"] = "3" };
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.PostAsync("/author?handler=Check", new FormUrlEncodedContent(fields))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.PostAsync("/author?handler=Submit", new FormUrlEncodedContent(fields))).StatusCode);
        Assert.Equal("[]", (await client.GetStringAsync("/api/reports?year=2026")).Trim());
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_from_the_reports_and_lists_the_agency_that_has_not_published()
    {
        var page = await Browser.SignedIn("reviewer");
        await page.GotoAsync("/dashboard?region=411500000000&year=2023");
        Assert.Contains("信阳市", await page.InnerTextAsync("#dashboard-scope"));
        Assert.Equal("2", await page.InnerTextAsync("#stat-received"));
        Assert.Equal("3", await page.InnerTextAsync("#stat-expected"));
        Assert.Equal("1", await page.InnerTextAsync("#stat-missing"));
        var missing = await page.InnerTextAsync("#missing-list");
        Assert.Contains(SeededBrowser.Luoshan, missing);
        Assert.DoesNotContain(SeededBrowser.Xinxian, missing);

        // ECharts drew SVG with the data: bars for the outcomes, their labels and the summed value of 予以公开.
        await page.Locator("#chart-outcomes svg").WaitForAsync();
        Assert.True(await page.Locator("#chart-outcomes svg path").CountAsync() >= 6);
        Assert.Contains("（一）予以公开", await page.Locator("#chart-outcomes svg").TextContentAsync());
        var granted = (seeded.Reports.Xinxian2023[CellPath.Parse("applications.granted.total")] ?? 0)
            + (seeded.Reports.Guangshan2023[CellPath.Parse("applications.granted.total")] ?? 0);
        Assert.Contains(granted.ToString(CultureInfo.InvariantCulture), await page.Locator("#chart-outcomes svg").TextContentAsync());
        foreach (var chart in new[] { "#chart-coverage", "#chart-applicants", "#chart-trend", "#chart-ranking" })
            Assert.True(await page.Locator($"{chart} svg path").CountAsync() > 0, chart);
        var trend = await page.Locator("#chart-trend svg").TextContentAsync();
        Assert.True(trend!.Contains("2022年") && trend.Contains("2023年"), trend);

        // Another metric redraws the ranking.
        await page.SelectOptionAsync("#ranking-metric", "applicationsReceived");
        Assert.Contains("共 2 个机关参与排名", await page.InnerTextAsync("#ranking-note"));
        Assert.Contains("光山县", await page.Locator("#chart-ranking svg").TextContentAsync());
        await Browser.Screenshot(page, "dashboard");
        Assert.Empty(Browser.Errors);
    }

    [Fact]
    public async Task Comparing_two_years_marks_the_cells_that_changed_and_the_text_that_changed()
    {
        var page = await Browser.SignedIn("viewer");
        await page.GotoAsync("/compare");
        await page.FillAsync("#agency", SeededBrowser.Xinxian);
        await page.FillAsync("#year", "2022");
        await page.FillAsync("#year2", "2023");
        await page.ClickAsync("#compare-form button[type=submit]");
        await page.Locator("#difference-count").WaitForAsync();
        Assert.Contains("2022年", await page.InnerTextAsync("#left-head"));
        Assert.Contains("2023年", await page.InnerTextAsync("#right-head"));

        // Each cell of table 三, on both sides, against the generated numbers: marked exactly where they differ.
        var (before, after) = (seeded.Reports.Xinxian2022, seeded.Reports.Xinxian2023);
        foreach (var path in new[] { "applications.received.total", "applications.granted.naturalPerson", "applications.totalHandled.total" })
        {
            var cell = CellPath.Parse(path);
            var right = page.Locator($"#right-applications td[data-path=\"{path}\"]");
            Assert.Equal(after[cell]?.ToString(CultureInfo.InvariantCulture) ?? "", (await right.InnerTextAsync()).Trim());
            Assert.Equal(before[cell]?.ToString(CultureInfo.InvariantCulture) ?? "", (await page.InnerTextAsync($"#left-applications td[data-path=\"{path}\"]")).Trim());
            Assert.Equal(before[cell] != after[cell], (await right.GetAttributeAsync("class"))!.Contains("differs"));
        }
        var differing = new[] { before, after }[0].Tables.SelectMany(t => t.Cells()).Count(c => before[c.Path] != after[c.Path]);
        Assert.Equal(differing, await page.Locator("[id^=right-] td.value.differs").CountAsync());
        // The narrative: the year in section 一 is marked as changed text.
        Assert.True(await page.Locator("#section-diff-1 ins").CountAsync() > 0);
        Assert.True(await page.Locator("#section-diff-1 del").CountAsync() > 0);
        await Browser.Screenshot(page, "compare");
        Assert.Empty(Browser.Errors);
    }
}
