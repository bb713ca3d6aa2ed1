using Nianbao.Ocr.Tests.Support;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Synthetic;

namespace Nianbao.Ocr.Tests;

/// <summary>
/// A born-digital PDF whose tables are pasted in as pictures: the title and a caption on each page
/// are text, the national tables are pictures of the printed report. In the default mode (auto) the
/// text layer is read as text and the ruled tables inside the pictures by OCR.
/// </summary>
public class PicturesInTextPdfTests
{
    [Fact]
    public void Tables_pasted_as_pictures_into_a_text_pdf_are_read_by_ocr_in_auto_mode()
    {
        var (generated, printed) = ScannedReports.All[1];
        var pages = Tools.Rasterize(printed, 200);
        // Each page: the printed page, scanned, as one picture at its own size, and a caption as text
        // over its blank top margin (a text page with a scan pasted in, as a word processor exports one).
        var html = new System.Text.StringBuilder("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: A4; margin: 0; } body { margin: 0; }
            .page { position: relative; width: 210mm; height: 297mm; overflow: hidden; page-break-after: always; }
            img { position: absolute; left: 0; top: 0; width: 210mm; } p { position: absolute; left: 20mm; top: 4mm; margin: 0; font-size: 9pt; }</style></head><body>
            """);
        for (var k = 0; k < pages.Count; k++)
        {
            var caption = k == 0 ? generated.Title : $"附件 第{k + 1}页";
            html.Append($"<div class=\"page\"><img src=\"data:image/png;base64,{Convert.ToBase64String(Scanner.Png(Scanner.Degrade(pages[k], 4200 + k), 200))}\">")
                .Append("<p>").Append(System.Net.WebUtility.HtmlEncode(caption)).Append("</p></div>");
        }
        html.Append("</body></html>");
        var pdf = new PdfRenderer().Print(html.ToString());

        if (Environment.GetEnvironmentVariable("NIANBAO_OCR_TEST_SCANS") is { } dump)
        {
            File.WriteAllBytes(Path.Combine(dump, "pictures.pdf"), pdf);
            File.WriteAllText(Path.Combine(dump, "pictures.pdf.truth.json"), Nianbao.Domain.Contract.ReportJson.Serialize(generated.Truth));
        }
        var report = ReportPipeline.Default.Read(pdf, "pictures.pdf");
        Assert.Equal(generated.Truth.Template, report.Template);
        PictureReading.AssertExactOrEmpty(generated.Truth, report);
        // The numbers came from the pictures and say so; the title came from the text layer.
        Assert.All(report.Provenance.Values, p => Assert.NotNull(p.OcrConfidence));
        Assert.Equal(generated.Truth.Year, report.Year);
    }
}
