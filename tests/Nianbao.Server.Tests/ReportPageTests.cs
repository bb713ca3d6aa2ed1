using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nianbao.Domain;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using static Microsoft.Playwright.Assertions;

namespace Nianbao.Server.Tests;

/// <summary>
/// Upload, the report list, the report page with each number's source, and decisions — through the
/// real pages in Chromium, with reports generated from known numbers in several formats.
/// </summary>
public sealed class ReportPageTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly CellPath Received = CellPath.Parse("applications.received.total");
    private static readonly CellPath Granted = CellPath.Parse("applications.granted.naturalPerson");

    private static async Task<string> ReportIdOf(IPage page, string agency)
    {
        await page.GotoAsync("/reports?agency=" + Uri.EscapeDataString(agency));
        var row = page.Locator("#report-list tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        return (await row.GetAttributeAsync("data-report"))!;
    }

    /// <summary>Clicks the number of <paramref name="path"/> and returns the text highlighted in the source pane.</summary>
    private static async Task<string> ClickNumber(IPage page, CellPath path)
    {
        await page.Locator($"td[data-path='{path}'] button.num").ClickAsync();
        var mark = page.Locator("#source-text mark.source-mark");
        await Expect(mark).ToHaveCountAsync(1);
        return await mark.InnerTextAsync();
    }

    [Fact]
    public async Task Files_dropped_or_picked_upload_one_by_one_and_each_number_shows_its_source_in_text_html_docx_and_pdf()
    {
        const string textAgency = "河南省信阳市新县人民政府办公室", htmlAgency = "河南省信阳市光山县人民政府办公室",
            docxAgency = "河南省信阳市商城县人民政府办公室", pdfAgency = "河南省信阳市罗山县人民政府办公室";
        var text = Reports.Generate(textAgency, 2023, seed: 31);
        var html = Reports.Generate(htmlAgency, 2023, seed: 32);
        var docx = Reports.Generate(docxAgency, 2023, seed: 33);
        var pdf = Reports.Generate(pdfAgency, 2023, seed: 34);
        var seed = Directory.GetFiles(Browser.Seeds(), "*.txt").Order(StringComparer.Ordinal).First();

        var page = await browser.SignedIn("admin");
        await page.GotoAsync("/upload");
        await page.SetInputFilesAsync("#file-input", new[]
        {
            new FilePayload { Name = "xinxian-2023.txt", MimeType = "text/plain", Buffer = Reports.Print(text) },
            new FilePayload { Name = "guangshan-2023.html", MimeType = "text/html", Buffer = ReportRenderers.For("html").Render(html.Truth) },
            new FilePayload { Name = "shangcheng-2023.docx", MimeType = "application/octet-stream", Buffer = ReportRenderers.For("docx").Render(docx.Truth) },
            new FilePayload { Name = "luoshan-2023.pdf", MimeType = "application/pdf", Buffer = ReportRenderers.For("pdf").Render(pdf.Truth) },
            new FilePayload { Name = "minutes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("会议纪要：今天讨论了午餐安排。") },
        });
        // Dropped files take the same way as picked ones.
        var dropped = await page.EvaluateHandleAsync(
            "([name, text]) => { const dt = new DataTransfer(); dt.items.add(new File([text], name, { type: 'text/plain' })); return dt; }",
            new[] { Path.GetFileName(seed), await File.ReadAllTextAsync(seed) });
        await page.DispatchEventAsync("#drop-zone", "drop", new Dictionary<string, object> { ["dataTransfer"] = dropped });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#upload-list tr[data-state]').length === 6", null, new() { Timeout = 60_000 });

        foreach (var name in new[] { "xinxian-2023.txt", "guangshan-2023.html", "shangcheng-2023.docx", "luoshan-2023.pdf", Path.GetFileName(seed) })
        {
            var row = page.Locator($"#upload-list tr[data-file='{name}']");
            Assert.True(await row.GetAttributeAsync("data-state") is "ok" or "warning", $"{name}: {await row.InnerTextAsync()}");
            Assert.Equal(100, await row.Locator("progress").EvaluateAsync<int>("p => p.value"));
            await Expect(row.Locator("a")).ToHaveTextAsync("查看");
        }
        var minutes = page.Locator("#upload-list tr[data-file='minutes.txt']");
        Assert.Equal("error", await minutes.GetAttributeAsync("data-state"));
        Assert.Contains("不是年度报告", await minutes.InnerTextAsync());
        await Browser.Screenshot(page, "upload");

        // The list has the five reports (the other tests of the class may have added theirs); a filter by agency narrows it to one.
        await page.GotoAsync("/reports");
        foreach (var name in new[] { "xinxian-2023.txt", "guangshan-2023.html", "shangcheng-2023.docx", "luoshan-2023.pdf", Path.GetFileName(seed) })
            await Expect(page.Locator("#report-list td.file", new() { HasText = name })).ToHaveCountAsync(1);
        await Browser.Screenshot(page, "reports");

        // Text: the number's span in the document text.
        var id = await ReportIdOf(page, textAgency);
        await page.GotoAsync("/reports/" + id);
        Assert.Equal(text.Printed(Received), await page.InnerTextAsync($"td[data-path='{Received}'] button.num"));
        Assert.Equal(text.Printed(Received), await ClickNumber(page, Received));
        Assert.Contains(text.Printed(Granted), await ClickNumber(page, Granted));

        // HTML and DOCX: the cell of the document's own table.
        foreach (var (agency, generated) in new[] { (htmlAgency, html), (docxAgency, docx) })
        {
            await page.GotoAsync("/reports/" + await ReportIdOf(page, agency));
            Assert.Equal(generated.Printed(Received), await ClickNumber(page, Received));
            await Expect(page.Locator(".src-table td.src-hit mark.source-mark")).ToHaveCountAsync(1);
            Assert.Contains("原文第", await page.InnerTextAsync("#source-info"));
        }

        // PDF: the page drawn as an image with the number's box on it, and the text span.
        await page.GotoAsync("/reports/" + await ReportIdOf(page, pdfAgency));
        Assert.Equal(pdf.Printed(Received), await ClickNumber(page, Received));
        var box = page.Locator("#pdf-box");
        await Expect(box).ToBeVisibleAsync();
        var image = await page.Locator("#pdf-page").BoundingBoxAsync();
        var drawn = await box.BoundingBoxAsync();
        Assert.True(image is not null && drawn is not null);
        Assert.True(await page.Locator("#pdf-page").EvaluateAsync<int>("i => i.naturalWidth") > 500);
        // The box lies on the page, is about one number high, and the page is the one the provenance names.
        Assert.InRange(drawn!.X, image!.X, image.X + image.Width);
        Assert.InRange(drawn.Y, image.Y, image.Y + image.Height);
        Assert.InRange(drawn.Height, 4, 40);
        Assert.Equal(await page.GetAttributeAsync($"td[data-path='{Received}']", "data-page"), await box.GetAttributeAsync("data-page"));
        Assert.Matches(@"第 \d+ 页", await page.InnerTextAsync("#source-info"));
        await Browser.Screenshot(page, "report-pdf");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_dismissed_finding_keeps_its_decision_after_re_parsing_and_a_viewer_cannot_decide()
    {
        const string agency = "河南省信阳市潢川县人民政府办公室";
        var generated = Reports.Generate(agency, 2022, seed: 41, inconsistent: true);
        Assert.NotEmpty(generated.Alterations);
        var page = await browser.SignedIn("reviewer");
        var upload = await page.APIRequest.PostAsync("/api/reports", new()
        {
            Multipart = page.APIRequest.CreateFormData().Append("file", new FilePayload { Name = "huangchuan-2022.txt", MimeType = "text/plain", Buffer = Reports.Print(generated) }),
        });
        Assert.Equal(200, upload.Status);
        var id = await ReportIdOf(page, agency);
        // The list's 仅有错误的 filter keeps it, and only reports with errors.
        await page.GotoAsync("/reports");
        await page.CheckAsync("input[name=hasErrors]");
        await page.ClickAsync("#filters button[type=submit]");
        await Expect(page.Locator($"#report-list tr[data-report='{id}']")).ToHaveCountAsync(1);
        foreach (var count in await page.Locator("#report-list tbody tr td:nth-child(6)").AllInnerTextsAsync())
            Assert.True(int.Parse(count) > 0);
        await page.GotoAsync("/reports/" + id);

        // The altered totals are flagged in the tables.
        foreach (var altered in generated.AlteredCells)
            await Expect(page.Locator($"td[data-path='{altered}']")).ToHaveClassAsync(new Regex(@"\bflag\b"));
        var finding = page.Locator("li.finding.error").First;
        var rule = (await finding.GetAttributeAsync("data-rule"))!;
        // A finding's cell link shows that cell's source.
        await finding.Locator("a.cell-link").First.ClickAsync();
        await Expect(page.Locator("#source-text mark.source-mark")).ToHaveCountAsync(1);

        await finding.Locator("input[name=comment]").FillAsync("原文如此，已与机关核实");
        await finding.Locator("button.dismiss").ClickAsync();
        var decided = page.Locator($"li.finding[data-rule='{rule}'] .decision").First;
        await Expect(decided).ToContainTextAsync("已排除 · reviewer");
        await Expect(decided).ToContainTextAsync("原文如此，已与机关核实");
        await Browser.Screenshot(page, "report-findings");

        await page.ClickAsync("#reparse");
        await Expect(page.Locator("#message")).ToContainTextAsync("已重新读取");
        await Expect(page.Locator($"li.finding[data-rule='{rule}'] .decision").First).ToContainTextAsync("已排除 · reviewer");

        var viewer = await browser.SignedIn("viewer");
        await viewer.GotoAsync("/reports/" + id);
        await Expect(viewer.Locator("li.finding").First).ToBeVisibleAsync();
        await Expect(viewer.Locator("form.decide")).ToHaveCountAsync(0);
        await Expect(viewer.Locator("#reparse")).ToHaveCountAsync(0);
        // …and the handler refuses a viewer's post even with a valid token (taken from the sign-out form).
        var token = await viewer.InputValueAsync("form[action='/logout'] input[name=__RequestVerificationToken]");
        var refused = await viewer.APIRequest.PostAsync($"/reports/{id}?handler=Decide", new()
        {
            Form = viewer.APIRequest.CreateFormData().Append("__RequestVerificationToken", token).Append("seq", "0").Append("decision", "confirmed"),
            MaxRedirects = 0,
        });
        Assert.Equal(302, refused.Status);
        Assert.StartsWith("/denied", new Uri(refused.Headers["location"]).AbsolutePath);
        await page.ReloadAsync();
        await Expect(page.Locator($"li.finding[data-rule='{rule}'] .decision").First).ToContainTextAsync("已排除 · reviewer");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_report_containing_script_is_displayed_not_executed()
    {
        const string agency = "河南省信阳市淮滨县人民政府办公室";
        const string hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">";
        var generated = Reports.Generate(agency, 2023, seed: 51);
        var tainted = ReportGenerator.Rebuild(generated, r =>
        {
            var sections = r.Sections.Select(s => s.Number == 1 ? s with { Text = s.Text + "\n" + hostile } : s).ToList();
            r.Sections.Clear();
            r.Sections.AddRange(sections);
        });
        var page = await browser.SignedIn("admin");
        var upload = await page.APIRequest.PostAsync("/api/reports", new()
        {
            Multipart = page.APIRequest.CreateFormData().Append("file", new FilePayload { Name = "<img src=x onerror=alert(1)>huaibin.txt", MimeType = "text/plain", Buffer = Reports.Print(tainted) }),
        });
        Assert.Equal(200, upload.Status);
        await page.GotoAsync("/reports/" + await ReportIdOf(page, agency));
        await page.ClickAsync("details.sections summary");
        Assert.Contains(hostile, await page.InnerTextAsync("#source-text"));
        Assert.Contains(hostile, await page.InnerTextAsync("details.sections"));
        Assert.Contains("<img src=x onerror=alert(1)>huaibin.txt", await page.InnerTextAsync("#file-name"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        Assert.Equal(0, await page.Locator("main script:not([src]), main img[src=x]").CountAsync());
    }
}
