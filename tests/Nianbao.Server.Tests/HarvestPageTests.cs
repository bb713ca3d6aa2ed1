using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Nianbao.Server.Tests;

/// <summary>
/// 采集 through real Chromium: an administrator starts a harvest of a loopback site (127.0.0.1 only) on the
/// page, watches it run (one report held back by the site until the page has shown the other imported),
/// and sees the tally and every URL's outcome; a viewer has no 采集 and is refused the page.
/// </summary>
public sealed class HarvestPageTests(Browser browser) : IClassFixture<Browser>
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";

    [Fact]
    public async Task An_administrator_starts_a_harvest_on_the_page_and_follows_it_to_its_tally()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["/ndbg/xinxian-2023.txt"] = Reports.Print(Reports.Generate(Xinxian, 2023, 81)),
            ["/ndbg/guangshan-2023.txt"] = Reports.Print(Reports.Generate(Guangshan, 2023, 82)),
        };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (site, root) = await ReportSite.StartAsync(files, "/ndbg/guangshan-2023.txt", ct => release.Task.WaitAsync(ct));
        await using var _ = site;
        var urls = new[] { "/ndbg/xinxian-2023.txt", "/ndbg/guangshan-2023.txt", "/ndbg/gone-2022.txt" }.Select(p => new Uri(root, p).AbsoluteUri).ToArray();

        var page = await browser.SignedIn("admin");
        Assert.Contains("采集", await page.InnerTextAsync("nav.main-nav"));
        await page.ClickAsync("nav.main-nav a[href='/harvest']");
        await page.WaitForURLAsync("**/harvest");
        Assert.Equal("还没有采集。", await page.InnerTextAsync("#harvest-none"));

        // A URL that is not http(s) is refused on the page with the API's message; nothing starts.
        await page.FillAsync("textarea[name=Urls]", "file:///etc/passwd");
        await page.ClickAsync("#harvest-start");
        Assert.Contains("网址无效", await page.InnerTextAsync("#harvest-problem"));
        Assert.Equal(0, await page.Locator("#harvest-run").CountAsync());

        await page.FillAsync("textarea[name=Urls]", string.Join("\n", urls));
        await page.FillAsync("input[name=Since]", "2022");
        await page.ClickAsync("#harvest-start");
        await page.WaitForURLAsync("**/harvest?run=*");
        Assert.Equal("进行中", await page.InnerTextAsync("#harvest-status"));

        // While the site holds 光山县 back, the page redraws itself from the API: 新县 appears imported, with a link to the report.
        var xinxian = page.Locator("#harvest-outcomes tbody tr", new() { HasText = urls[0] });
        await Assertions.Expect(xinxian).ToContainTextAsync("已导入年报");
        Assert.Equal("进行中", await page.InnerTextAsync("#harvest-status"));
        Assert.StartsWith("/reports/", await xinxian.Locator("a").GetAttributeAsync("href"));
        // A second harvest is refused while this one runs (the page and the API share one runner).
        using (var api = await browser.Server.SignedIn("admin"))
        {
            var busy = await api.PostAsync("/api/harvests", new StringContent($$"""{"urls":["{{urls[0]}}"]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        }

        release.SetResult();
        await Assertions.Expect(page.Locator("#harvest-status")).ToHaveTextAsync("已完成", new() { Timeout = 60_000 });
        var rows = await page.Locator("#harvest-outcomes tbody tr").AllAsync();
        var outcomes = new Dictionary<string, string>();
        foreach (var row in rows) outcomes[await row.Locator("td").Nth(0).InnerTextAsync()] = await row.GetAttributeAsync("data-outcome") ?? "";
        Assert.Equal(new Dictionary<string, string> { [urls[0]] = "imported", [urls[1]] = "imported", [urls[2]] = "failed" }, outcomes);
        Assert.Contains("HTTP 404", await page.Locator("#harvest-outcomes tbody tr", new() { HasText = urls[2] }).InnerTextAsync());
        Assert.Equal("3", await page.InnerTextAsync("#harvest-count"));
        Assert.Equal("已导入年报 2", await page.InnerTextAsync("#harvest-tally .tally-item[data-outcome=imported]"));
        Assert.Equal("失败 1", await page.InnerTextAsync("#harvest-tally .tally-item[data-outcome=failed]"));
        // The run is listed with its closing tally.
        Assert.Contains("已导入年报 2", await page.InnerTextAsync("#harvest-runs tbody tr"));
        await Browser.Screenshot(page, "harvest");

        // The reports are in the archive: the list shows both agencies.
        await page.GotoAsync("/reports?year=2023");
        var list = await page.InnerTextAsync("#report-list");
        Assert.Contains(Xinxian, list);
        Assert.Contains(Guangshan, list);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_viewer_has_no_harvest_link_and_is_refused_the_page()
    {
        var page = await browser.SignedIn("viewer");
        Assert.DoesNotContain("采集", await page.InnerTextAsync("nav.main-nav"));
        var response = await page.GotoAsync("/harvest");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);

        // The form's post without its anti-forgery token is refused, even for an administrator.
        using var admin = await browser.Server.SignedIn("admin");
        var post = await admin.PostAsync("/harvest", new FormUrlEncodedContent(new Dictionary<string, string> { ["Urls"] = "http://127.0.0.1:9/x" }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }
}
