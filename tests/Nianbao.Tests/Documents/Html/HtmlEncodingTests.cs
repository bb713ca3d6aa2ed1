using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Html;
using Nianbao.Documents.Text;

namespace Nianbao.Tests.Documents.Html;

public class HtmlEncodingTests
{
    private const string Page = "<html><head>{0}<title>年报</title></head><body><p>收到政府信息公开申请12件</p><table><tr><td>自然人</td><td>12</td></tr></table></body></html>";

    [Theory]
    [InlineData("<meta charset=\"gb2312\">")]
    [InlineData("<meta charset=gbk>")]
    [InlineData("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">")]
    [InlineData("<meta http-equiv=content-type content='text/html;charset=x-gbk'>")]
    [InlineData("")]
    public void Gbk_bytes_decode_as_gb18030_whatever_the_label(string meta)
    {
        // 𠀀 (U+20000) is a four-byte GB18030 sequence: a cp936 decoder would turn it into "??".
        var html = string.Format(Page, meta).Replace("申请12件", "申请12件𠀀", StringComparison.Ordinal);
        var doc = DocumentReaders.Default.Read(TextDecoder.Gb18030.GetBytes(html), "gbk.html");
        Assert.Equal("gb18030", doc.Encoding);
        Assert.Contains("收到政府信息公开申请12件𠀀", doc.Text.Value);
        Assert.Equal(["自然人", "12"], doc.Lines.Single(l => l.IsTableRow).Cells.Select(c => c.Text));
    }

    [Fact]
    public void Utf8_wins_over_a_wrong_gbk_declaration_and_a_bom_wins_over_everything()
    {
        var html = string.Format(Page, "<meta charset=\"gb2312\">");
        Assert.Equal("utf-8", DocumentReaders.Default.Read(Encoding.UTF8.GetBytes(html), "a.html").Encoding);
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(html)).ToArray();
        var doc = DocumentReaders.Default.Read(withBom, "b.html");
        Assert.Equal(Nianbao.Documents.Model.SourceFormat.Html, doc.Format);
        Assert.Equal("utf-8", doc.Encoding);
        Assert.Contains("收到政府信息公开申请12件", doc.Text.Value);
    }

    [Fact]
    public void Only_the_first_1024_bytes_are_prescanned()
    {
        var padding = "<!--" + new string('x', 1100) + "-->";
        Assert.Null(HtmlEncodingSniffer.DeclaredCharset(Encoding.ASCII.GetBytes(padding + "<meta charset=big5>")));
        Assert.Equal("big5", HtmlEncodingSniffer.DeclaredCharset(Encoding.ASCII.GetBytes("<meta charset=big5>" + padding)));
    }

    [Fact]
    public void A_page_with_a_few_broken_bytes_is_still_read_and_says_so()
    {
        var bytes = TextDecoder.Gb18030.GetBytes(string.Format(Page, "<meta charset=gbk>")).ToList();
        bytes.InsertRange(bytes.Count - 20, new byte[] { 0x81, 0x20 }); // an invalid GB18030 pair near the end
        var doc = DocumentReaders.Default.Read(bytes.ToArray(), "broken.html");
        Assert.Contains("收到政府信息公开申请12件", doc.Text.Value);
        Assert.Contains(doc.Notices, n => n.Code == "undecodable-bytes");
    }
}
