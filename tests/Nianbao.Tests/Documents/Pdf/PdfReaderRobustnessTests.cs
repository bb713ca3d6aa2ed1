using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Documents.Pdf;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>Detection by content, and what happens to broken or hostile files.</summary>
public sealed class PdfReaderRobustnessTests
{
    private static byte[] Corpus(string name = "huaian-hongze-2024.pdf") => File.ReadAllBytes(CorpusPdf.PathOf(name));

    [Fact]
    public void Pdf_is_recognised_by_its_magic_not_by_its_name()
    {
        var reader = new PdfDocumentReader();
        var pdf = Corpus();
        Assert.True(reader.CanRead(pdf, "report.txt"));
        var junkFirst = new byte[700].Concat(pdf).ToArray(); // some servers prepend bytes; readers accept %PDF- within 1 KB
        Assert.True(reader.CanRead(junkFirst, "report"));
        Assert.False(reader.CanRead(new byte[2000].Concat(pdf).ToArray(), "report.pdf"));
        Assert.False(reader.CanRead(Encoding.UTF8.GetBytes("一、总体情况\n本报告……"), "report.pdf"));

        var doc = DocumentReaders.Default.Read(pdf, "renamed.docx");
        Assert.Equal(SourceFormat.Pdf, doc.Format);
        Assert.Equal(DocumentBuilder.Hash(pdf), doc.Sha256);
    }

    [Fact]
    public void Truncated_pdf_is_a_clear_read_error()
    {
        var pdf = Corpus();
        var truncated = pdf[..(pdf.Length * 6 / 10)];
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(truncated, "cut.pdf"));
        Assert.Equal("cut.pdf", ex.FileName);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Garbage_behind_a_pdf_header_is_a_clear_read_error()
    {
        var random = new Random(5);
        var body = new byte[20_000];
        random.NextBytes(body);
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(body).Concat(Encoding.ASCII.GetBytes("\nstartxref\n123\n%%EOF\n")).ToArray();
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(bytes, "junk.pdf"));
        Assert.StartsWith("junk.pdf: ", ex.Message);
        Assert.Contains("PDF", ex.Problem);
    }

    /// <summary>Flips bytes inside the compressed text content of the given pages (1-based, in stream order).</summary>
    private static byte[] DamageTextStreams(byte[] pdf, params int[] which)
    {
        var bytes = (byte[])pdf.Clone();
        var latin = Encoding.Latin1.GetString(bytes);
        var textStreams = new List<(int Start, int End)>();
        for (var at = latin.IndexOf("stream\n", StringComparison.Ordinal); at >= 0; at = latin.IndexOf("stream\n", at + 1, StringComparison.Ordinal))
        {
            if (at >= 3 && latin.Substring(at - 3, 3) == "end") continue;
            var start = at + "stream\n".Length;
            var end = latin.IndexOf("endstream", start, StringComparison.Ordinal);
            try
            {
                using var z = new System.IO.Compression.ZLibStream(new MemoryStream(bytes, start, end - start), System.IO.Compression.CompressionMode.Decompress);
                using var plain = new MemoryStream();
                z.CopyTo(plain);
                if (Encoding.Latin1.GetString(plain.ToArray()).Contains("BT")) textStreams.Add((start, end));
            }
            catch (InvalidDataException) { }
        }
        foreach (var n in which)
        {
            var (start, end) = textStreams[n - 1];
            for (var i = start + 10; i < Math.Min(end - 4, start + 60); i++) bytes[i] ^= 0x5A;
        }
        return bytes;
    }

    [Fact]
    public void A_page_whose_content_cannot_be_decoded_gets_a_notice_and_the_rest_is_read()
    {
        var pdf = ChromiumPdf.Print("""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family:'WenQuanYi Micro Hei'"><p>第一页正文</p><p style="break-before:page">第二页正文</p></body></html>""");
        var doc = new PdfDocumentReader().Read(DamageTextStreams(pdf, 2), "damaged.pdf");
        Assert.Contains("第一页正文", doc.Text.Value);
        Assert.DoesNotContain("第二页正文", doc.Text.Value);
        var notice = Assert.Single(doc.Notices);
        Assert.Equal("unreadable-page", notice.Code);
        Assert.Equal("page 2 has content that could not be decoded (a damaged stream); it reads as empty", notice.Message);

        var ex = Assert.Throws<DocumentReadException>(() => new PdfDocumentReader().Read(DamageTextStreams(pdf, 1, 2), "wrecked.pdf"));
        Assert.Equal("wrecked.pdf: 文件已损坏或格式不正确：PDF 已损坏，没有一页的内容能够解码（malformed: a damaged PDF: no page's content could be decoded）", ex.Message);
    }

    [Fact]
    public void A_page_over_the_letter_limit_is_skipped_with_a_notice()
    {
        var doc = new PdfDocumentReader(maxLettersPerPage: 400).Read(Corpus(), "big.pdf");
        var skipped = doc.Notices.Where(n => n.Code == "page-skipped").ToList();
        Assert.NotEmpty(skipped);
        Assert.All(skipped, n => Assert.Matches(@"^page \d+ has \d+ letters \(more than 400\); it was skipped$", n.Message));
        var skippedPages = skipped.Select(n => int.Parse(n.Message.Split(' ')[1])).ToHashSet();
        Assert.DoesNotContain(doc.Lines, l => l.Page is { } p && skippedPages.Contains(p));
    }
}
