using System.Net;
using Microsoft.Playwright;

namespace Nianbao.Server.Tests;

/// <summary>The Chinese pages through real Chromium against the real server on loopback.</summary>
public sealed class PageTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Pages_need_sign_in_and_the_form_signs_in_and_out()
    {
        var page = await browser.NewPage();
        await page.GotoAsync("/reports");
        Assert.EndsWith("/login?ReturnUrl=%2Freports", page.Url);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        await Browser.Screenshot(page, "login");

        await page.FillAsync("input[name=name]", "admin");
        await page.FillAsync("input[name=password]", "wrong-password");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("用户名或密码不正确", await page.InnerTextAsync(".error"));

        await page.FillAsync("input[name=password]", TestServer.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/reports");
        var nav = await page.InnerTextAsync("nav.main-nav");
        foreach (var item in new[] { "上传", "年报列表", "区域看板", "填报", "对比" }) Assert.Contains(item, nav);
        Assert.Contains("admin · 管理员", await page.InnerTextAsync(".who"));
        // The page's sign-in set the API's cookie: the API answers in the same browser.
        var session = await page.APIRequest.GetAsync("/api/session");
        Assert.Equal(200, session.Status);

        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/login");
        Assert.Equal(401, (await page.APIRequest.GetAsync("/api/session")).Status);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_missing_page_or_report_is_a_Chinese_page_while_the_API_keeps_problem_details()
    {
        var page = await browser.SignedIn("viewer");
        var response = await page.GotoAsync("/reports/0000000000000000");
        Assert.Equal(404, response!.Status);
        Assert.Equal("找不到页面", await page.InnerTextAsync("h1"));
        var api = await page.APIRequest.GetAsync("/api/reports/0000000000000000");
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"]);
    }

    [Fact]
    public async Task A_viewer_sees_no_upload_and_is_refused_the_upload_page()
    {
        var page = await browser.SignedIn("viewer");
        Assert.DoesNotContain("上传", await page.InnerTextAsync("nav.main-nav"));
        var response = await page.GotoAsync("/upload");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        Assert.Contains("无权限", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task The_login_form_without_its_anti_forgery_token_is_refused_and_static_files_come_from_the_assembly()
    {
        using var client = browser.Server.Client();
        var post = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "admin", ["password"] = TestServer.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.DoesNotContain(post.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(NianbaoServer.CookieName, StringComparison.Ordinal));

        var css = await client.GetAsync("/static/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var echarts = await client.GetAsync("/static/lib/echarts/echarts.min.js");
        Assert.Equal(HttpStatusCode.OK, echarts.StatusCode);
        Assert.True((await echarts.Content.ReadAsByteArrayAsync()).Length > 500_000);
    }

    [Fact]
    public async Task A_change_sent_by_a_browser_from_another_origin_is_refused()
    {
        using var client = await browser.Server.SignedIn("admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = Reports.Files(("a.txt", "x"u8.ToArray())) };
        request.Headers.Add("Origin", "http://intranet-neighbour.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = Reports.Files(("a.txt", "x"u8.ToArray())) };
        sameSite.Headers.Add("Sec-Fetch-Site", "same-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(sameSite)).StatusCode);
        // The same request from this server's own origin is served (here: refused as not a report, 200 with its outcome).
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = Reports.Files(("a.txt", "x"u8.ToArray())) };
        own.Headers.Add("Origin", browser.Server.BaseAddress.GetLeftPart(UriPartial.Authority));
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
    }
}
