using Microsoft.Playwright;

namespace Nianbao.Server.Tests;

/// <summary>
/// The interactive API reference (Scalar, /api/docs) in real Chromium: it shows the server's own
/// OpenAPI document, and on an intranet with no internet it asks nothing of any other host — by default
/// Scalar fetches its fonts from fonts.scalar.com and offers an AI chat and telemetry run by scalar.com.
/// </summary>
public sealed class ApiReferencePageTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_reference_page_shows_every_endpoint_and_asks_no_other_host()
    {
        var page = await browser.NewPage();
        var elsewhere = new List<string>();
        // Every request of the page that is not to the server itself is recorded and refused.
        await page.Context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || url.Host == browser.Server.BaseAddress.Host && url.Port == browser.Server.BaseAddress.Port)
                await route.ContinueAsync();
            else
            {
                lock (elsewhere) elsewhere.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        await page.GotoAsync("/api/docs");
        // The document is the server's: its operations appear under their Chinese summaries.
        await Assertions.Expect(page.GetByText("登录 Sign in (sets the session cookie)").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        foreach (var group in new[] { "报告 reports", "汇总 analysis", "看板与对比 dashboard and compare", "采集 harvests" })
            await Assertions.Expect(page.GetByText(group).First).ToBeAttachedAsync();
        // Let late requests (fonts, telemetry) be made before looking.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(1_000);

        lock (elsewhere) Assert.True(elsewhere.Count == 0, "the reference page asked other hosts: " + string.Join(", ", elsewhere.Distinct()));
        Assert.DoesNotContain("fonts.scalar.com", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(browser.Errors);
    }
}
