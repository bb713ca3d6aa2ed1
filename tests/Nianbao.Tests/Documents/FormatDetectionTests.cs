using System.IO.Compression;
using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Tests.Documents.Formats;

namespace Nianbao.Tests.Documents;

/// <summary>Formats are told apart by content, never by file name; broken files fail with a message naming them.</summary>
public class FormatDetectionTests
{
    private static readonly byte[] Docx = DocxReportWriter.Write(SampleReports.TablesDocument(SampleReports.Random2021(21)));
    private static readonly byte[] Xlsx = XlsxReportWriter.Write([TableLayout.Applications(SampleReports.Random2021(21))]);

    [Theory]
    [InlineData("report.txt")]
    [InlineData("report.xlsx")]
    [InlineData("report")]
    public void A_renamed_docx_is_still_read_as_docx(string name)
    {
        var doc = DocumentReaders.Default.Read(Docx, name);
        Assert.Equal(SourceFormat.Docx, doc.Format);
        Assert.Contains(doc.Lines, l => l.IsTableRow);
    }

    [Fact]
    public void A_renamed_xlsx_is_still_read_as_xlsx() =>
        Assert.Equal(SourceFormat.Xlsx, DocumentReaders.Default.Read(Xlsx, "report.docx").Format);

    [Fact]
    public void A_renamed_html_page_is_read_as_html() =>
        Assert.Equal(SourceFormat.Html, DocumentReaders.Default.Read(Encoding.UTF8.GetBytes("<html><body><p>一、总体情况</p></body></html>"), "report.doc").Format);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.02)]
    public void A_truncated_docx_names_the_file(double keep)
    {
        var truncated = Docx[..(int)(Docx.Length * keep)];
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(truncated, "cut.docx"));
        Assert.Equal("cut.docx", ex.FileName);
        Assert.Contains("cut.docx", ex.Message);
        Assert.Contains("ZIP", ex.Message);
    }

    [Fact]
    public void A_zip_with_damaged_entries_names_the_file()
    {
        // Keep the directory intact but overwrite the middle of the compressed data.
        var damaged = (byte[])Xlsx.Clone();
        for (var i = 200; i < damaged.Length / 2; i++) damaged[i] ^= 0x5A;
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(damaged, "bad.xlsx"));
        Assert.Equal("bad.xlsx", ex.FileName);
    }

    [Fact]
    public void A_zip_that_is_not_an_office_document_says_so()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open())) w.Write("hello");
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(stream.ToArray(), "archive.docx"));
        Assert.Contains("archive.docx", ex.Message);
        Assert.Contains("word/document.xml", ex.Message);
    }

    [Fact]
    public void A_docx_whose_document_xml_is_broken_names_the_file()
    {
        using var stream = new MemoryStream();
        stream.Write(Docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var w = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            w.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>半截");
        }
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(stream.ToArray(), "half.docx"));
        Assert.Equal("half.docx", ex.FileName);
        Assert.Contains("DOCX", ex.Message);
    }
}
