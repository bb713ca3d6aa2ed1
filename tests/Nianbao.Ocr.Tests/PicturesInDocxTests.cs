using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Nianbao.Ocr.Tests.Support;
using Nianbao.Pipeline;

namespace Nianbao.Ocr.Tests;

/// <summary>
/// A Word document whose tables are pasted in as pictures (screenshots of the printed report's pages,
/// scanned), with the title as a text paragraph and a caption between the pictures: in the default
/// mode (auto) the paragraphs are read as text and the ruled tables inside the pictures by OCR.
/// </summary>
public class PicturesInDocxTests
{
    [Fact]
    public void Tables_pasted_as_pictures_into_a_docx_are_read_by_ocr_in_auto_mode()
    {
        var (generated, printed) = ScannedReports.All[2];
        var pictures = Tools.Rasterize(printed, 200).Select((p, k) => Scanner.Png(Scanner.Degrade(p, 5200 + k), 200)).ToList();
        var docx = Docx(generated.Title, pictures);
        if (Environment.GetEnvironmentVariable("NIANBAO_OCR_TEST_SCANS") is { } dump)
        {
            File.WriteAllBytes(Path.Combine(dump, "pictures.docx"), docx);
            File.WriteAllText(Path.Combine(dump, "pictures.docx.truth.json"), Nianbao.Domain.Contract.ReportJson.Serialize(generated.Truth));
        }

        var report = ReportPipeline.Default.Read(docx, "pictures.docx");
        Assert.Equal("docx", report.Source?.Format);
        Assert.Equal(generated.Truth.Template, report.Template);
        Assert.Equal(generated.Truth.Year, report.Year);
        PictureReading.AssertExactOrEmpty(generated.Truth, report);
        // The numbers came from the pictures and say so.
        Assert.NotEmpty(report.Provenance);
        Assert.All(report.Provenance.Values, p => Assert.NotNull(p.OcrConfidence));

        // With OCR off the pictures are not looked at: the same document gives no table numbers.
        var off = new ReportPipeline(readers: Nianbao.Documents.DocumentReaders.With(Nianbao.Documents.Ocr.OcrOptions.Off)).Read(docx, "pictures.docx");
        Assert.Empty(off.Provenance);
    }

    /// <summary>A DOCX: the title, then each picture inline in its own paragraph, a caption between them.</summary>
    private static byte[] Docx(string title, IReadOnlyList<byte[]> pngs)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new StringBuilder();
            body.Append($"<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(title)}</w:t></w:r></w:p>");
            for (var k = 0; k < pngs.Count; k++)
            {
                var part = main.AddImagePart(ImagePartType.Png);
                using (var png = new MemoryStream(pngs[k])) part.FeedData(png);
                var id = main.GetIdOfPart(part);
                // 16 cm wide, height by the A4 page's proportions (EMU: 360,000 per cm).
                const long cx = 16 * 360000L, cy = cx * 297 / 210;
                if (k > 0) body.Append($"<w:p><w:r><w:t>附件 第{k + 1}页</w:t></w:r></w:p>");
                body.Append($"""
                    <w:p><w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{k + 1}" name="图片 {k + 1}"/>
                    <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>
                    <pic:nvPicPr><pic:cNvPr id="{k + 1}" name="p{k + 1}.png"/><pic:cNvPicPr/></pic:nvPicPr>
                    <pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>
                    <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>
                    </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
                    """);
            }
            var xml = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                  xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
                  xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
                  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
                  xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}</w:body></w:document>
                """;
            using var part2 = main.GetStream(FileMode.Create, FileAccess.Write);
            var bytes = Encoding.UTF8.GetBytes(xml);
            part2.Write(bytes);
        }
        return stream.ToArray();
    }
}
