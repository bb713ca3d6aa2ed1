using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Nianbao.Documents;
using Nianbao.Documents.Model;

namespace Nianbao.Tests.Documents.Docx;

/// <summary>
/// WordprocessingML written by hand, for markup our own writer never produces: whitespace rules of
/// w:t, runs inside hyperlinks, fields and text boxes, markup-compatibility fallbacks, and broken parts.
/// </summary>
public class DocxMarkupTests
{
    private const string Namespaces =
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " +
        "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " +
        "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " +
        "xmlns:v=\"urn:schemas-microsoft-com:vml\" " +
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

    private static SourceDocument Read(string body, string name = "markup.docx") =>
        DocumentReaders.Default.Read(Package($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {Namespaces}><w:body>{body}</w:body></w:document>"), name);

    private static List<string> Lines(SourceDocument doc) =>
        doc.Lines.Select(l => string.Join("|", l.Cells.Select(c => c.Text))).ToList();

    [Fact]
    public void Spaces_in_preserved_text_are_kept_and_indentation_whitespace_is_not_text()
    {
        var doc = Read("""
            <w:p>
              <w:r><w:t>本年</w:t></w:r>
              <w:r><w:t xml:space="preserve"> </w:t></w:r>
              <w:r><w:t>新收</w:t></w:r>
              <w:r><w:t>   </w:t></w:r>
              <w:r><w:t>申请 数量</w:t></w:r>
            </w:p>
            <w:p><w:r><w:t xml:space="preserve">  12  </w:t><w:tab/><w:t xml:space="preserve">3 4</w:t></w:r></w:p>
            """);
        // Whitespace-only w:t without xml:space="preserve" is not text (Word drops it too); preserved spaces are.
        Assert.Equal(["本年 新收申请 数量", "12|3 4"], Lines(doc));
    }

    [Fact]
    public void Runs_inside_hyperlinks_fields_and_text_boxes_count_but_fallbacks_field_codes_and_deletions_do_not()
    {
        var doc = Read("""
            <w:p>
              <w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r></w:hyperlink>
              <w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>
              <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>
              <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
              <w:del w:id="1" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>
              <w:ins w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>
              <w:r><w:t>甲</w:t><w:noBreakHyphen/><w:t>乙</w:t></w:r>
            </w:p>
            <w:p>
              <w:r>
                <mc:AlternateContent>
                  <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
                  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
                </mc:AlternateContent>
              </w:r>
            </w:p>
            """);
        Assert.Equal(["链接39插入甲-乙", "文本框"], Lines(doc));
    }

    [Fact]
    public void Properties_are_read_whatever_their_order_and_other_markup_around_them()
    {
        var doc = Read("""
            <w:tbl>
              <w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>
              <w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
              <w:tr><w:trPr><w:cantSplit/><w:gridBefore w:val="1"/></w:trPr>
                <w:tc><w:tcPr><w:vMerge w:val="restart"/><w:tcW w:w="1"/><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr>
                <w:tc><w:p><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:rPr><w:b/></w:rPr><w:t>乙</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p></w:tc>
                <w:tc><w:tcPr><w:shd w:fill="auto"/><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
            </w:tbl>
            """);
        var rows = doc.Lines.Where(l => l.IsTableRow).ToList();
        Assert.Equal([(1, 2, "甲")], rows[0].Cells.Select(c => (c.Column!.Value, c.ColumnSpan, c.Text)));
        Assert.Equal([(0, 1, "乙")], rows[1].Cells.Select(c => (c.Column!.Value, c.ColumnSpan, c.Text)));
    }

    [Fact]
    public void A_main_part_that_is_not_well_formed_or_declares_a_dtd_fails_naming_the_file()
    {
        var broken = Package($"<w:document {Namespaces}><w:body><w:p><w:r><w:t>半截</w:t></w:r></w:body></w:document>");
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(broken, "broken.docx"));
        Assert.Contains("broken.docx", ex.Message);
        Assert.Contains("not a readable DOCX", ex.Message);

        var dtd = Package($"<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">]><w:document {Namespaces}><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>");
        ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(dtd, "dtd.docx"));
        Assert.Contains("dtd.docx", ex.Message);
        Assert.Contains("DTD", ex.Message);

        var bodiless = Package($"<w:document {Namespaces}/>");
        Assert.Contains("without a document body", Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(bodiless, "empty.docx")).Message);
    }

    [Fact]
    public void A_malformed_hyperlink_address_does_not_stop_the_document_being_read()
    {
        // Word writes what the user typed; System.IO.Packaging rejects such a relationship target.
        var bytes = Package($"<w:document {Namespaces}><w:body><w:p><w:hyperlink r:id=\"rIdBad\"><w:r><w:t>本机关网站</w:t></w:r></w:hyperlink></w:p></w:body></w:document>",
            """<Relationship Id="rIdBad" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://www.exa mple.gov.cn/" TargetMode="External"/>""");
        Assert.Throws<UriFormatException>(() => new Uri("http://www.exa mple.gov.cn/", UriKind.RelativeOrAbsolute));

        Assert.Equal(["本机关网站"], Lines(DocumentReaders.Default.Read(bytes, "link.docx")));
    }

    [Fact]
    public void Absurdly_deep_markup_fails_with_a_message_instead_of_overflowing_the_stack()
    {
        const int depth = 300_000;
        var body = new StringBuilder("<w:p>");
        for (var i = 0; i < depth; i++) body.Append("<w:x>");
        body.Append("<w:r><w:t>深</w:t></w:r>");
        for (var i = 0; i < depth; i++) body.Append("</w:x>");
        body.Append("</w:p>");

        var ex = Assert.Throws<DocumentReadException>(() => Read(body.ToString(), "deep.docx"));
        Assert.Contains("deep.docx", ex.Message);
        Assert.Contains("nested too deeply", ex.Message);
    }

    [Theory]
    [InlineData(1, "chineseCounting", "一")]
    [InlineData(20, "chineseCountingThousand", "二十")]
    [InlineData(1, "taiwaneseCountingThousand", "一")] // how LibreOffice writes the 一、二、 lists of a .doc
    [InlineData(12, "taiwaneseCounting", "十二")]
    [InlineData(10, "ideographDigital", "一〇")]
    [InlineData(3, "taiwaneseDigital", "三")]
    [InlineData(4, "decimalFullWidth", "４")]
    [InlineData(7, "someFutureFormat", "7")]
    public void List_numbers_are_written_in_their_format(int n, string format, string expected) =>
        Assert.Equal(expected, Nianbao.Documents.Docx.DocxNumbering.FormatNumber(n, format));

    private static byte[] Package(string documentXml, string? extraRelationship = null)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            using var part = main.GetStream(FileMode.Create, FileAccess.Write);
            part.Write(Encoding.UTF8.GetBytes(documentXml));
        }
        if (extraRelationship is not null)
        {
            // Written into the ZIP directly: OpenXml would refuse to create a relationship it cannot parse.
            using var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true);
            zip.GetEntry("word/_rels/document.xml.rels")?.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/_rels/document.xml.rels").Open(), new UTF8Encoding(false));
            writer.Write($"""<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{extraRelationship}</Relationships>""");
        }
        return stream.ToArray();
    }
}
