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
