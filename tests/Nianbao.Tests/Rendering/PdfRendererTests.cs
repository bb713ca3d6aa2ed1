using System.Globalization;
using System.Text.RegularExpressions;
using Nianbao.Domain;
using Nianbao.Rendering;

namespace Nianbao.Tests.Rendering;

public class PdfRendererTests
{
    private static byte[] Render(Report report)
    {
        ExternalTools.Require("chromium", "chromium");
        return new PdfRenderer().Render(report);
    }

    // Whole numbers and decimals standing alone; "1." of "1.属于国家秘密" is an item number, not data.
    private static readonly Regex Numbers = new(@"(?<![\d.])-?\d+(?:\.\d+)?(?![\d.])", RegexOptions.Compiled);

    [Theory]
    [InlineData(ReportTemplate.Format2021, 51)]
    [InlineData(ReportTemplate.Format2019, 52)]
    public void Pdf_pages_render_and_the_text_holds_labels_and_numbers_in_row_order(ReportTemplate template, int seed)
    {
        var draft = SampleReports.Random(template, seed).ToDraft();
        draft.Applications!["withheldInquiry", "otherOrg"] = null;
        var report = draft.Publish();
        var pdf = Render(report);
        var dir = Directory.CreateTempSubdirectory("nianbao-pdf-test-");
        try
        {
            var file = Path.Combine(dir.FullName, "report.pdf");
            File.WriteAllBytes(file, pdf);

            ExternalTools.Run("pdftoppm", "poppler-utils", "-png", "-r", "60", file, Path.Combine(dir.FullName, "page"));
            var pages = dir.GetFiles("page*.png");
            Assert.InRange(pages.Length, 2, 6);
            Assert.All(pages, p => Assert.True(p.Length > 2000, $"{p.Name} is nearly empty"));

            // -layout keeps each printed row on one line, cells left to right.
            var text = ExternalTools.Run("pdftotext", "poppler-utils", "-layout", "-enc", "UTF-8", file, "-");
            Assert.DoesNotContain(text, ch => ch is >= '\u2F00' and <= '\u2FDF');   // no Kangxi radicals
            var flat = Regex.Replace(ExternalTools.Run("pdftotext", "poppler-utils", "-enc", "UTF-8", file, "-"), @"\s+", "");
            Assert.Contains(ReportText.Title(report), flat);
            foreach (var table in report.Tables)
                foreach (var row in table.Schema.Rows)
                {
                    Assert.Contains(row.PrintedLabel.Split('·')[^1], flat);
                    foreach (var f in row.Fields) Assert.Contains(f.PrintedLabel, flat);
                }

            // Between the headings of 二 and 五 the only numbers are the tables', in printed row order.
            var start = text.IndexOf("二、主动公开政府信息情况", StringComparison.Ordinal);
            var end = text.IndexOf("五、存在的主要问题及改进情况", StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, "section headings 二 and 五 not found in the PDF text");
            // The page footers ("— 2 —") are page furniture, not table numbers.
            var body = Regex.Replace(text[start..end], @"^\s*—\s*\d+\s*—\s*$", "", RegexOptions.Multiline);
            Assert.Matches(@"(?m)^\s*—\s*1\s*—\s*$", text);
            var printed = Numbers.Matches(body).Select(m => m.Value).ToList();
            var expected = report.Tables.SelectMany(t => t.Cells()).Where(c => c.Value is not null)
                .Select(c => c.Value!.Value.ToString(CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(expected, printed);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Missing_chromium_is_a_clear_error_naming_the_package()
    {
        var renderer = new PdfRenderer(chromiumPath: "/nonexistent/chromium");
        var ex = Assert.Throws<RenderingException>(() => renderer.Render(SampleReports.Random(ReportTemplate.Format2021, 1)));
        Assert.Contains("chromium", ex.Message);
        Assert.Contains("install", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
