using System.Text;
using System.Text.RegularExpressions;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using Nianbao.Recognition;
using Nianbao.Rendering;
using Nianbao.Robustness.Tests.Support;

namespace Nianbao.Robustness.Tests;

/// <summary>
/// What the readers notice (R-4, R-5) and what rendering refuses are told from the zh/en message
/// catalog, like every finding: real files read by the real readers, the notes told in both languages.
/// </summary>
public sealed class MessageCatalogTests
{
    private static Report Recognize(byte[] bytes, string name) => ReportRecognizer.Recognize(DocumentReaders.Default.Read(bytes, name));

    private static (string Zh, string En) Told(Finding finding) =>
        (FindingMessages.Text(finding, MessageLanguage.Zh), FindingMessages.Text(finding, MessageLanguage.En));

    [Fact]
    public void A_scanned_page_and_a_damaged_page_are_told_in_chinese_and_english()
    {
        var pdf = ThreePagePdf();
        var report = Recognize(pdf, "scan.pdf");
        var ocr = Assert.Single(report.ReadingNotes, f => f.Rule == Rules.NeedsOcr);
        Assert.Equal(("第 2 页没有文字层（扫描图像），需要 OCR 识别", "page 2 has no text layer (scanned image); it needs OCR"), Told(ocr));
        var damaged = Assert.Single(report.ReadingNotes, f => f.Rule == Rules.UnreadableSource);
        Assert.Equal(("第 3 页的内容无法解码（数据流已损坏），按空白页读取", "page 3 has content that could not be decoded (a damaged stream); it reads as empty"), Told(damaged));
    }

    [Fact]
    public void Overlapping_html_spans_are_told_in_chinese_and_english()
    {
        const string html = "<html><body><p>报告</p><table>"
            + "<tr><td rowspan=\"2\">甲</td><td>1</td></tr>"
            + "<tr><td colspan=\"2\">2</td></tr>"
            + "<tr><td colspan=\"2\">3</td></tr></table>"
            + "<table><tr><td>4</td><td rowspan=\"3\">5</td></tr><tr><td colspan=\"3\">6</td></tr></table></body></html>";
        var report = Recognize(Encoding.UTF8.GetBytes(html), "spans.html");
        var notes = report.ReadingNotes.Where(f => f.Rule == Rules.UnreadableSource).Select(Told).ToList();
        Assert.Contains(("第 2 个表格：1 个位置同时被两个单元格占用（rowspan/colspan 重叠），保留先出现的单元格",
            "Table 2: 1 slot(s) claimed by two cells (rowspan/colspan overlap); the first cell kept them."), notes);
    }

    [Fact]
    public void Bytes_not_valid_in_the_declared_encoding_are_told_in_chinese_and_english()
    {
        var html = Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"></head><body><p>报告 12 件</p><p>X</p></body></html>");
        var x = Array.LastIndexOf(html, (byte)'X');
        html[x] = 0xFF;
        var report = Recognize(html, "bytes.html");
        var note = Assert.Single(report.ReadingNotes, f => f.Rule == Rules.UnreadableSource);
        var (zh, en) = Told(note);
        Assert.Matches(@"^部分字节不是有效的 \S+ 编码，已替换为 U\+FFFD$", zh);
        Assert.Matches(@"^Some bytes are not valid \S+ and were replaced by U\+FFFD\.$", en);
        Assert.Equal(Regex.Match(zh, @"有效的 (\S+) 编码").Groups[1].Value, Regex.Match(en, @"valid (\S+) and").Groups[1].Value);
    }

    [Theory]
    [InlineData("page-skipped", "第 3 页有 250000 个字符（超过 200000），已跳过", "page 3 has 250000 letters (more than 200000); it was skipped")]
    [InlineData("unmapped-glyphs", "第 3 页有 7 个字符在 PDF 中没有对应的 Unicode，读作 U+FFFD", "page 3 has 7 character(s) the PDF gives no Unicode for; they read as U+FFFD")]
    public void Every_reader_notice_the_pdf_reader_gives_is_in_the_catalog(string code, string zh, string en)
    {
        // These two need pathological PDFs (200,000 letters on a page, a font without a Unicode map);
        // the notice is made here with the values the reader gives, and the recognizer tells it.
        var notice = new DocumentNotice(code, "(reader's English)")
        {
            Args = [new("page", "3"), new("letters", "250000"), new("limit", "200000"), new("count", "7")],
        };
        var document = new SourceDocument
        {
            FileName = "x.pdf", Sha256 = "0", Format = SourceFormat.Pdf, Text = NormalizedText.Of(""), Lines = [], Notices = [notice],
        };
        var note = Assert.Single(ReportRecognizer.Recognize(document).ReadingNotes, f => f.Rule == Rules.UnreadableSource);
        Assert.Equal((zh, en), Told(note));
    }

    [Fact]
    public void A_notice_the_catalog_does_not_know_keeps_the_readers_english()
    {
        var document = new SourceDocument
        {
            FileName = "x.txt", Sha256 = "0", Format = SourceFormat.Text, Text = NormalizedText.Of(""), Lines = [],
            Notices = [new DocumentNotice("something-new", "something new happened")],
        };
        var note = Assert.Single(ReportRecognizer.Recognize(document).ReadingNotes, f => f.Rule == Rules.UnreadableSource);
        Assert.Equal(("something new happened", "something new happened"), Told(note));
    }

    [Fact]
    public void Missing_chromium_is_told_in_chinese_and_english()
    {
        var renderer = new PdfRenderer(chromiumPath: "/nonexistent/chromium");
        var ex = Assert.Throws<RenderingException>(() => renderer.Render(Samples.Report().Truth));
        Assert.Equal("输出 PDF 需要 Chromium，但在 /nonexistent/chromium 没有找到。请安装 Debian 软件包 chromium（apt-get install chromium）后重试",
            ex.Text(MessageLanguage.Zh));
        Assert.Equal("Writing PDF needs Chromium, which was not found at /nonexistent/chromium. Install the Debian package 'chromium' (apt-get install chromium) and try again.",
            ex.Text(MessageLanguage.En));
        Assert.Equal(ex.Text(MessageLanguage.En), ex.Message);
    }

    [Fact]
    public void A_workbook_of_a_report_without_national_tables_is_refused_in_chinese_and_english()
    {
        var legacy = new ReportDraft { Template = ReportTemplate.Legacy }.Publish();
        var ex = Assert.Throws<RenderingException>(() => new WorkbookWriter().Write(legacy));
        Assert.Equal("报告（格式 legacy）没有全国统一表格，无法输出为工作簿", ex.Text(MessageLanguage.Zh));
        Assert.Equal("The report (template legacy) has no national tables to lay out as a workbook.", ex.Text(MessageLanguage.En));
    }

    [Fact]
    public void An_unknown_output_format_is_told_in_chinese_and_english()
    {
        var ex = Assert.Throws<RenderingException>(() => ReportRenderers.For("odt"));
        Assert.Equal("未知的输出格式“odt”；可用的格式：docx, html, pdf, md", ex.Text(MessageLanguage.Zh));
        Assert.Equal("Unknown output format 'odt'; use one of docx, html, pdf, md.", ex.Text(MessageLanguage.En));
    }

    [Theory]
    [InlineData("R-4.")]
    [InlineData("R-5.")]
    [InlineData("render.")]
    public void Every_new_entry_says_the_same_in_both_languages(string prefix)
    {
        var keys = new[]
        {
            "R-5.needs-ocr", "R-4.page-skipped", "R-4.unmapped-glyphs", "R-4.unreadable-page", "R-4.undecodable-bytes", "R-4.table-model-error",
            "render.no-chromium", "render.chromium-not-started", "render.chromium-timeout", "render.chromium-failed", "render.not-pdf",
            "render.no-tables", "render.unknown-format",
        }.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.True(FindingMessages.Has(key), key);
            // Every placeholder filled with a marker: both languages name the same values, Chinese is Chinese.
            var names = new[] { "page", "letters", "limit", "count", "encoding", "table", "slots", "path", "seconds", "code", "detail", "template", "format", "formats" };
            var args = names.Select(n => new KeyValuePair<string, string>(n, $"<{n}>")).ToList();
            var zh = FindingMessages.Format(key, MessageLanguage.Zh, args);
            var en = FindingMessages.Format(key, MessageLanguage.En, args);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh);
            Assert.DoesNotMatch(@"\{[A-Za-z]+\}", zh + en);
            Assert.Equal(Regex.Matches(en, "<[a-z]+>").Select(m => m.Value).Order(), Regex.Matches(zh, "<[a-z]+>").Select(m => m.Value).Order());
        }
    }

    /// <summary>Page 1 a line of text, page 2 only an image (a scan), page 3 a content stream that does not inflate.</summary>
    private static byte[] ThreePagePdf()
    {
        var body = new MemoryStream();
        void Write(string s) => body.Write(Encoding.Latin1.GetBytes(s));
        var offsets = new List<long>();
        void Object(string s) { offsets.Add(body.Length); Write(s); }
        void Stream(int id, string dictionary, byte[] data)
        {
            offsets.Add(body.Length);
            Write($"{id} 0 obj\n<< /Length {data.Length}{dictionary} >>\nstream\n");
            body.Write(data);
            Write("\nendstream\nendobj\n");
        }
        Write("%PDF-1.4\n");
        Object("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        Object("2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>\nendobj\n");
        const string resources = "/Resources << /Font << /F1 6 0 R >> /XObject << /Im1 7 0 R >> >>";
        Object($"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {resources} /Contents 8 0 R >>\nendobj\n");
        Object($"4 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {resources} /Contents 9 0 R >>\nendobj\n");
        Object($"5 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {resources} /Contents 10 0 R >>\nendobj\n");
        Object("6 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
        Stream(7, " /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", [0, 255, 255, 0]);
        Stream(8, "", "BT /F1 12 Tf 72 400 Td (applications 12 34 received) Tj ET\n"u8.ToArray());
        Stream(9, "", "q 400 0 0 400 100 200 cm /Im1 Do Q\n"u8.ToArray());
        Stream(10, " /Filter /FlateDecode", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x02, 0x03]);
        var xref = body.Length;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write($"{o:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return body.ToArray();
    }
}
