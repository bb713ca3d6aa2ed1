using System.Diagnostics;
using System.Net;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Harvesting.Tests.Site;
using Nianbao.Ocr.Tests.Support;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using Xunit.Abstractions;

namespace Nianbao.Harvesting.Tests;

/// <summary>
/// A report published only as a picture: the article is a cover note and the attachment a PNG of the
/// whole report (a 长图, drawn from the printed report as the OCR tests draw it). The harvest must hand
/// the picture to OCR and import the report it shows — with the numbers printed on it — not the note.
/// Its own small site on 127.0.0.1 (the shared site's image is a blank 1×1 PNG).
/// </summary>
public sealed class ImageAttachmentTests(ITestOutputHelper output)
{
    private const string Column = "/xxgk/ndbg/index.html";
    private const string Article = "/xxgk/ndbg/202501/t20250118_501.html";
    private const string Picture = "/xxgk/ndbg/202501/P020250118_501.png";
    private const string Title = "某某2024年政府信息公开工作年度报告";
    private const string Html = "text/html; charset=utf-8";

    [Fact]
    public async Task A_report_attached_as_a_picture_is_read_by_OCR_and_imported_with_its_numbers()
    {
        var clock = Stopwatch.StartNew();
        var truth = ReportGenerator.Generate(new GenerationSpec(7417, ReportTemplate.Format2021, NumberScale.Small, Inconsistent: false)).Truth;
        var png = Scanner.Png(Scanner.Stack(Tools.Rasterize(new PdfRenderer().Render(truth), 200)), 200);
        var drawn = clock.Elapsed;

        var note = $"<div id=\"zoom\"><p>现将本单位2024年政府信息公开工作年度报告予以公布，详见附件。</p>"
            + $"<p>附件：<a href=\"{Path.GetFileName(Picture)}\">{WebUtility.HtmlEncode(Title)}.png</a></p></div>";
        var files = new Dictionary<string, (byte[] Bytes, string ContentType)>
        {
            [Column] = (Utf8(SiteContent.Page("政府信息公开年报",
                $"<div class=\"list-box\"><h2>政府信息公开年报</h2><ul class=\"news-list\"><li><a href=\"{Article}\" title=\"{Title}\">{Title}</a><span>2025-01-18</span></li></ul></div>")), Html),
            [Article] = (Utf8(SiteContent.ArticlePage(Title, note)), Html),
            [Picture] = (png, "image/png"),
        };
        await using var site = await GovSite.StartAsync(files);
        using var folder = new TempFolder("nianbao-harvest-image-");
        clock.Restart();
        // The shared tests' options: the ~370 KiB picture is within their 1 MB download limit.
        var result = await Harvests.Run(folder, [site.Url(Column)]);
        var harvested = clock.Elapsed;
        output.WriteLine($"picture {png.Length / 1024} KiB drawn in {drawn.TotalSeconds:0.0} s; harvest (OCR included) {harvested.TotalSeconds:0.0} s");

        // The attachment is imported; the note is only its cover; nothing else.
        var seen = string.Join("\n", result.Outcomes.Select(o => $"{o.Url} {o.Outcome} {o.Detail}"));
        HarvestOutcome OutcomeOf(string path) => result.Outcomes.Single(o => o.Url == site.Url(path).AbsoluteUri).Outcome;
        Assert.True(OutcomeOf(Picture) == HarvestOutcome.Imported, seen);
        Assert.Equal(HarvestOutcome.CoverNote, OutcomeOf(Article));
        Assert.Single(result.Outcomes, o => o.Outcome == HarvestOutcome.Imported);

        // The stored report is the one the picture shows.
        var imported = Assert.Single(Harvests.Imported(folder));
        Assert.Equal(site.Url(Picture).AbsoluteUri, imported.Url);
        Assert.Equal(truth.Agency, imported.Agency);
        Assert.Equal(truth.Year, imported.Year);
        Assert.Equal(truth.Template.ToContractName(), imported.Template);
        using var store = ArchiveStore.Open(Harvests.Db(folder));
        var stored = store.LoadReport(imported.ReportId);

        // Every cell as printed, or left empty with a finding that names it — never a wrong number.
        int cells = 0, exact = 0;
        var problems = new List<string>();
        foreach (var table in truth.Tables)
        {
            var got = stored.Table(table.Kind);
            foreach (var (path, want) in table.Cells())
            {
                cells++;
                var value = got?[path];
                if (value == want) exact++;
                else if (value is not null) problems.Add($"{path}: read {value}, printed {want?.ToString() ?? "blank"} (wrong)");
                else if (!stored.Findings.Any(f => f.Cells.Contains(path))) problems.Add($"{path}: left empty without a finding, printed {want}");
            }
        }
        output.WriteLine($"{cells} cells, {exact} exact");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(exact >= 0.99 * cells, $"only {exact} of {cells} cells exact");
    }

    private static byte[] Utf8(string html) => System.Text.Encoding.UTF8.GetBytes(html);
}
