using System.IO.Compression;
using Microsoft.Playwright;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Templates;

namespace Nianbao.Server.Tests;

/// <summary>
/// 填报 in the 2019 format and with the fee-collection table, through real Chromium (same browser, server
/// and seeded archive as the other form tests).
/// </summary>
public sealed partial class AuthorDashboardComparePageTests
{
    private static string FeeCell(string key) => $"input[name=\"fee:{key}\"]";

    private static async Task<Report> Stored(IPage page)
    {
        var id = (await page.GetAttributeAsync("#submitted-report", "href"))!.Split('/').Last();
        return ReportJson.Deserialize(await (await page.APIRequest.GetAsync($"/api/reports/{id}")).TextAsync());
    }

    [Fact]
    public async Task A_year_of_the_2019_format_lays_out_its_tables_checks_them_live_submits_and_downloads()
    {
        var page = await Browser.SignedIn("xinxian");
        await page.GotoAsync("/author?year=2024");
        Assert.True(await page.Locator("#format-2021").IsVisibleAsync());
        Assert.True(await page.Locator("#start-from-previous").IsVisibleAsync());   // 新县's 2023 report is in the archive
        Assert.False(await page.Locator("#format-2019").IsVisibleAsync());

        // A year of the 2019 format (the template definition's years, read by the page): its tables replace the 2021 ones.
        await page.FillAsync("#year", "2020");
        await page.Locator("#format-2019").WaitForAsync();
        Assert.False(await page.Locator("#format-2021").IsVisibleAsync());
        // An offer to start from the report of the year before the page's year no longer fits and is hidden.
        Assert.False(await page.Locator("#start-from-previous").IsVisibleAsync());
        Assert.Contains(TemplateSchema.Format2019.Document, await page.InnerTextAsync("#template-document"));
        Assert.Equal(TemplateSchema.Format2019.Applications.CellCount, await page.Locator("#table-2019-applications input.cell").CountAsync());
        Assert.Equal(TemplateSchema.Format2019.ActiveDisclosure.CellCount, await page.Locator("#table-2019-activeDisclosure input.cell").CountAsync());
        Assert.Contains("（六）其他处理", await page.InnerTextAsync("#table-2019-applications"));
        Assert.Contains("政府集中采购", await page.InnerTextAsync("#table-2019-activeDisclosure"));

        await page.FillAsync(Cell("activeDisclosure.procurement.projects"), "4");
        await page.FillAsync(Cell("activeDisclosure.procurement.amount"), "12.5");
        await page.SelectOptionAsync(".template-tables:not([hidden]) select[name=\"unit:activeDisclosure.procurement.amount\"]", "万元");
        await page.FillAsync(Cell("applications.received.naturalPerson"), "17");
        await page.FillAsync(Cell("applications.received.commercial"), "4");
        await page.FillAsync(Cell("applications.received.total"), "20");
        // The check fires on the 2019 table's cell while typing.
        var finding = page.Locator("#form-findings li[data-rule=\"T3-3\"]").First;
        await finding.WaitForAsync();
        Assert.Contains("本年新收", await finding.InnerTextAsync());
        await page.Locator("#table-2019-applications td.value.has-error[data-path=\"applications.received.total\"]").WaitForAsync();
        Assert.Equal(0, await page.Locator("#table-2021-applications td.value.has-error").CountAsync());
        await page.EvaluateAsync("() => window.scrollTo(0, document.getElementById('table-2019-activeDisclosure').getBoundingClientRect().top + window.scrollY - 300)");
        await Browser.Screenshot(page, "author-2019", fullPage: false);
        await page.FillAsync(Cell("applications.received.total"), "21");
        await page.Locator("#table-2019-applications td.value.has-error[data-path=\"applications.received.total\"]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.DoesNotContain("Y-3", await page.InnerTextAsync("#form-findings"));   // the format fits the year

        // The form's own download: the typed report as a PDF in the 2019 national format.
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-pdf"));
        Assert.EndsWith(".pdf", pdf.SuggestedFilename);
        var pdfPath = Path.Combine(Path.GetTempPath(), $"nianbao-form-{Guid.NewGuid():N}.pdf");
        await pdf.SaveAsAsync(pdfPath);
        try { Assert.Equal("%PDF"u8.ToArray(), File.ReadAllBytes(pdfPath)[..4]); }
        finally { File.Delete(pdfPath); }

        // Submitted: a 2019-format report of 2020 with the typed numbers and unit.
        await page.ClickAsync("#submit-report");
        await page.Locator("#submitted").WaitForAsync();
        var record = await Stored(page);
        Assert.Equal(ReportTemplate.Format2019, record.Template);
        Assert.Equal(2020, record.Year);
        Assert.Equal(4m, record[CellPath.Parse("activeDisclosure.procurement.projects")]);
        Assert.Equal(12.5m, record[CellPath.Parse("activeDisclosure.procurement.amount")]);
        Assert.Equal("万元", record.ActiveDisclosure!.UnitOf("procurement", "amount"));
        Assert.Equal(21m, record[CellPath.Parse("applications.received.total")]);
        Assert.Null(record.FeeCollection);
        // Sent back after submitting, the form is still in the 2019 format with what was typed.
        Assert.True(await page.Locator("#format-2019").IsVisibleAsync());
        Assert.Equal("4", await page.InputValueAsync(Cell("activeDisclosure.procurement.projects")));

        // The stored report's Word document, in the 2019 layout (its own 政府集中采购 block and unit).
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#submitted-docx"));
        var path = Path.Combine(Path.GetTempPath(), $"nianbao-author-2019-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
            Assert.Contains("采购总金额（单位：万元）", xml);
            Assert.Contains(">12.5<", xml);
            Assert.Contains(">21<", xml);
        }
        finally { File.Delete(path); }

        // Back to a year of the 2021 format: its tables return, with the cells both formats share carried over.
        await page.FillAsync("#year", "2024");
        await page.Locator("#format-2021").WaitForAsync();
        Assert.False(await page.Locator("#format-2019").IsVisibleAsync());
        Assert.Equal("21", await page.InputValueAsync(Cell("applications.received.total")));
        Assert.Contains(TemplateSchema.Format2021.Document, await page.InnerTextAsync("#template-document"));
        Assert.Empty(Browser.Errors);
    }

    [Fact]
    public async Task The_fee_collection_fields_are_checked_and_stored_with_the_report()
    {
        var page = await Browser.SignedIn("admin");
        await page.GotoAsync("/author?year=2024");
        await page.FillAsync("#agency", SeededBrowser.Guangshan);
        await page.FillAsync(Cell("applications.received.naturalPerson"), "5");
        await page.FillAsync(Cell("applications.received.total"), "5");

        // Not a number: told on the fee cell, which is marked.
        await page.FillAsync(FeeCell("notifiedCount"), "两件");
        await page.Locator("#table-feeCollection td.value.has-error[data-path=\"feeCollection.notifiedCount\"]").WaitForAsync();
        Assert.Contains("两件", await page.InnerTextAsync("#form-findings li[data-rule=\"F-1\"]"));

        await page.FillAsync(FeeCell("notifiedCount"), "2");
        await page.FillAsync(FeeCell("notifiedAmountYuan"), "300");
        await page.FillAsync(FeeCell("collectedAmountYuan"), "280.5");
        await page.Locator("#table-feeCollection td.value.has-error").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.EvaluateAsync("() => window.scrollTo(0, document.getElementById('table-feeCollection').getBoundingClientRect().top + window.scrollY - 420)");
        await Browser.Screenshot(page, "author-fees", fullPage: false);

        await page.ClickAsync("#submit-report");
        await page.Locator("#submitted").WaitForAsync();
        var record = await Stored(page);
        Assert.Equal(SeededBrowser.Guangshan, record.Agency);
        Assert.Equal(2024, record.Year);
        Assert.Equal(new FeeCollection(2, 300, 280.5m), record.FeeCollection);
        Assert.Equal("280.5", await page.InputValueAsync(FeeCell("collectedAmountYuan")));

        // The stored report's Word document prints the fee table.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#submitted-docx"));
        var path = Path.Combine(Path.GetTempPath(), $"nianbao-author-fees-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
            Assert.Contains("信息处理费收取情况", xml);
            Assert.Contains(">280.5<", xml);
        }
        finally { File.Delete(path); }
        Assert.Empty(Browser.Errors);
    }
}
