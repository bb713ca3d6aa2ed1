using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Documents;
using Nianbao.Documents.Docx;
using Nianbao.Documents.Model;
using Nianbao.Documents.Office;
using Nianbao.Tests.Documents.Formats;
using W = DocumentFormat.OpenXml.Wordprocessing;
using TableLayout = Nianbao.Tests.Documents.Formats.TableLayout;

namespace Nianbao.Tests.Documents.Docx;

[Collection(LibreOfficeCollection.Name)] // one test here puts a stand-in soffice on PATH
public class DocxReaderTests
{
    private static SourceDocument Read(byte[] bytes, string name = "report.docx") => DocumentReaders.Default.Read(bytes, name);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Word_merged_tables_come_back_on_the_grid_cell_for_cell(int seed)
    {
        var report = SampleReports.Random2021(seed);
        var doc = Read(DocxReportWriter.Write(SampleReports.TablesDocument(report)));

        Assert.Equal(SourceFormat.Docx, doc.Format);
        TableAssert.DataRowsRoundTrip(doc, DocxReportWriter.AsWritten(TableLayout.Applications(report)), 0);
        TableAssert.DataRowsRoundTrip(doc, DocxReportWriter.AsWritten(TableLayout.ReviewsAndLawsuits(report)), 1);
    }

    [Fact]
    public void Generated_document_really_has_the_merges_word_makes()
    {
        // Guards the generator: the test above is only worth something if the DOCX holds these structures.
        var bytes = DocxReportWriter.Write(SampleReports.TablesDocument(SampleReports.Random2021(1)));
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = word.MainDocumentPart!.Document!.Body!;
        Assert.Contains(body.Descendants<GridBefore>(), g => g.Val?.Value == 1);
        Assert.Contains(body.Descendants<GridSpan>(), g => g.Val?.Value == 7);
        Assert.Contains(body.Descendants<VerticalMerge>(), v => v.Val?.Value == MergedCellValues.Restart);
        Assert.Contains(body.Descendants<VerticalMerge>(), v => v.Val?.Value == MergedCellValues.Continue);
        Assert.Contains(body.Descendants<VerticalMerge>(), v => v.Val is null);
        Assert.NotEmpty(body.Descendants<DeletedText>());
        Assert.NotEmpty(body.Descendants<SdtRow>());
        Assert.NotEmpty(body.Descendants<SdtCell>());
    }

    [Fact]
    public void Label_after_grid_before_starts_at_its_grid_column_and_merged_labels_are_not_repeated()
    {
        var report = SampleReports.Random2021(4);
        var doc = Read(DocxReportWriter.Write(SampleReports.TablesDocument(report)));
        var rows = doc.Lines.Where(l => l.Table == 0).ToList();

        var received = rows.Single(l => l.Cells.Any(c => c.Text.StartsWith("一、本年新收", StringComparison.Ordinal)));
        Assert.Equal((1, 2), (received.Cells[0].Column!.Value, received.Cells[0].ColumnSpan));
        Assert.Single(rows, l => l.Cells.Any(c => c.Text == "三、本年度办理结果"));
        Assert.Single(rows, l => l.Cells.Any(c => c.Text == "(三)不予公开"));
        var secret = rows.Single(l => l.Cells.Any(c => c.Text == "2.其他法律行政法规禁止公开"));
        Assert.Equal(2, secret.Cells[0].Column); // the vMerge continue cells of 三、 and （三） give no copies
    }

    [Fact]
    public void Paragraphs_and_tables_come_in_body_order()
    {
        var report = SampleReports.Random2021(9);
        var doc = Read(DocxReportWriter.Write(SampleReports.FullDocument(report)));
        var order = new[] { "政府信息公开工作年度报告", "一、总体情况", "本年度本机关认真贯彻落实", "二、主动公开政府信息情况", "第二十条第（一）项",
            "三、收到和处理政府信息公开申请情况", "勾稽关系", "四、政府信息公开行政复议、行政诉讼情况", "复议后起诉", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "本年度未收取信息处理费。" }
            .Select(t => TableAssert.IndexOfLine(doc, t)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        TableAssert.DataRowsRoundTrip(doc, DocxReportWriter.AsWritten(TableLayout.ActiveDisclosure(report)), 0);
    }

    [Fact]
    public void Legacy_hmerge_nested_tables_and_deleted_text()
    {
        var bytes = Build(body =>
        {
            body.Append(new W.Paragraph(new Run(new Text("前言"))));
            var nested = new Table(new TableRow(Cell("内1"), Cell("内2")));
            body.Append(new Table(
                new TableRow(Cell("左"), new TableCell(new W.Paragraph(new Run(new Text("外"))), nested))),
                new W.Paragraph(new Run(new Text("中间"))));
            body.Append(new Table(
                new TableRow(Cell("合并", new HorizontalMerge { Val = MergedCellValues.Restart }), Cell("", new HorizontalMerge()), Cell("3")),
                new TableRow(Cell("a"), Cell("b"), new TableCell(new W.Paragraph(
                    new Run(new Text("1")), new DeletedRun(new Run(new DeletedText("0"))), new Run(new Text("2")))))));
        });
        var doc = Read(bytes, "legacy.docx");
        var rows = doc.Lines.Where(l => l.IsTableRow).ToList();
        // The layout table with a nested table is a container: the nested table is table 0.
        Assert.Equal([0, 1, 1], rows.Select(r => r.Table!.Value));
        Assert.Equal(["内1", "内2"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal([(0, 2, "合并"), (2, 1, "3")], rows[1].Cells.Select(c => (c.Column!.Value, c.ColumnSpan, c.Text)));
        Assert.Equal("12", rows[2].Cells[2].Text);
        Assert.True(TableAssert.IndexOfLine(doc, "左") < TableAssert.IndexOfLine(doc, "内1"));
        Assert.True(TableAssert.IndexOfLine(doc, "中间") < TableAssert.IndexOfLine(doc, "合并"));
    }

    [Fact]
    public void Automatic_numbering_is_rebuilt_as_word_shows_it()
    {
        var read = Read(NumberedDocument(), "numbered.docx");
        var lines = read.Lines.Select(l => read.Text.Raw[read.Text.ToRaw(l.Start)..read.Text.ToRaw(l.Start + l.Length)]).ToList();
        Assert.Equal(NumberedLines, lines);
    }

    /// <summary>The lines of <see cref="NumberedDocument"/> as Word shows them, labels included.</summary>
    internal static readonly string[] NumberedLines =
    [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "（一）予以公开", "（二）部分公开", "1.属于国家秘密",
        "2.其他法律行政法规禁止公开", "（三）不予公开", "1.属于国家秘密", "四、政府信息公开行政复议、行政诉讼情况",
        "五、第0", "六、第1", "七、第2", "八、第3", "九、第4", "十、第5", "十一、第6",
    ];

    /// <summary>Headings numbered by Word's automatic numbering (from the style and from the paragraph), three levels deep.</summary>
    internal static byte[] NumberedDocument()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    Lvl(0, NumberFormatValues.ChineseCounting, "%1、"),
                    Lvl(1, NumberFormatValues.ChineseCounting, "（%2）"),
                    Lvl(2, NumberFormatValues.Decimal, "%3."))
                { AbstractNumberId = 7 },
                new NumberingInstance(new AbstractNumId { Val = 7 }) { NumberID = 1 });
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new Style(new StyleName { Val = "heading 1" },
                new StyleParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })))
            { Type = StyleValues.Paragraph, StyleId = "Heading1" });
            W.Paragraph Numbered(string text, int? level) => new(
                new ParagraphProperties(level is null
                    ? new ParagraphStyleId { Val = "Heading1" }
                    : new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 1 })),
                new Run(new Text(text)));
            var body = new Body(
                Numbered("总体情况", null),
                Numbered("主动公开政府信息情况", null),
                Numbered("收到和处理政府信息公开申请情况", null),
                Numbered("予以公开", 1),
                Numbered("部分公开", 1),
                Numbered("属于国家秘密", 2),
                Numbered("其他法律行政法规禁止公开", 2),
                Numbered("不予公开", 1),
                Numbered("属于国家秘密", 2),
                Numbered("政府信息公开行政复议、行政诉讼情况", null));
            for (var i = 0; i < 7; i++) body.Append(Numbered("第" + i, null));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Level Lvl(int level, NumberFormatValues format, string text) =>
        new(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = format }, new LevelText { Val = text }) { LevelIndex = level };

    [Fact]
    public void Grid_after_and_vmerge_without_restart_above_keep_their_text()
    {
        var bytes = Build(body => body.Append(new Table(
            new TableRow(new TableRowProperties(new GridAfter { Val = 1 }), Cell("x", new VerticalMerge()), Cell("y")),
            new TableRow(Cell("", new VerticalMerge()), Cell("z"), Cell("w")))));
        var rows = Read(bytes).Lines.Where(l => l.IsTableRow).ToList();
        Assert.Equal([(0, "x"), (1, "y")], rows[0].Cells.Select(c => (c.Column!.Value, c.Text)));
        Assert.Equal([(1, "z"), (2, "w")], rows[1].Cells.Select(c => (c.Column!.Value, c.Text)));
    }

    [Fact]
    public void Legacy_doc_without_libreoffice_says_what_to_install()
    {
        if (LibreOfficeConverter.FindSoffice() is not null) return; // with LibreOffice the conversion path runs instead
        var bytes = OleFile("WordDocument");
        Assert.Equal(OfficeKind.OleWord, OfficeContainer.Sniff(bytes));
        var ex = Assert.Throws<DocumentReadException>(() => Read(bytes, "old.doc"));
        Assert.Contains("old.doc", ex.Message);
        Assert.Contains("libreoffice-writer-nogui", ex.Message);
    }

    [Fact]
    public void Legacy_doc_is_converted_by_soffice_when_it_is_on_the_path()
    {
        // A stand-in soffice that records its arguments and "converts" by copying a DOCX generated here;
        // it checks the plumbing (arguments, private profile, output pick-up), not LibreOffice itself.
        if (OperatingSystem.IsWindows()) return;
        var report = SampleReports.Random2021(41);
        var dir = Directory.CreateTempSubdirectory("nianbao-fake-soffice-").FullName;
        var oldPath = Environment.GetEnvironmentVariable("PATH");
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "converted.docx"), DocxReportWriter.Write(SampleReports.TablesDocument(report)));
            var script = Path.Combine(dir, "soffice");
            File.WriteAllText(script, $$"""
                #!/bin/sh
                printf '%s\n' "$@" > "{{dir}}/args.txt"
                out=""; prev=""
                for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
                mkdir -p "$out" && cp "{{dir}}/converted.docx" "$out/in.docx"
                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Environment.SetEnvironmentVariable("PATH", dir + Path.PathSeparator + oldPath);

            var doc = Read(OleFile("WordDocument"), "old.doc");

            Assert.Equal("doc", doc.Properties["convertedFrom"]);
            Assert.Equal(DocumentBuilder.Hash(OleFile("WordDocument")), doc.Sha256); // provenance is the original file
            TableAssert.DataRowsRoundTrip(doc, DocxReportWriter.AsWritten(TableLayout.Applications(report)), 0);
            var args = File.ReadAllLines(Path.Combine(dir, "args.txt"));
            Assert.Contains("--headless", args);
            Assert.Equal("docx", args[Array.IndexOf(args, "--convert-to") + 1]);
            Assert.Contains(args, a => a.StartsWith("-env:UserInstallation=file:///", StringComparison.Ordinal));
            Assert.EndsWith("in.doc", args[^1]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", oldPath);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Ole_files_are_told_apart_by_their_streams()
    {
        Assert.Equal(OfficeKind.OleWord, OfficeContainer.Sniff(OleFile("WordDocument")));
        Assert.Equal(OfficeKind.OleExcel, OfficeContainer.Sniff(OleFile("Workbook")));
        Assert.Equal(OfficeKind.OleOther, OfficeContainer.Sniff(OleFile("Contents")));
        Assert.Equal(OfficeKind.OleEncrypted, OfficeContainer.Sniff(OleFile("EncryptedPackage")));
        Assert.Contains("password", Assert.Throws<DocumentReadException>(() => Read(OleFile("EncryptedPackage"), "secret.docx")).Message);
        var ex = Assert.Throws<DocumentReadException>(() => Read(OleFile("Contents"), "odd.doc"));
        Assert.Contains("odd.doc", ex.Message);
    }

    /// <summary>A compound-file header and one directory sector naming a root entry and one stream (enough for sniffing).</summary>
    internal static byte[] OleFile(string stream)
    {
        var bytes = new byte[1024];
        OfficeContainer.OleMagic.CopyTo(bytes);
        void Entry(int at, string name, byte type)
        {
            var utf16 = System.Text.Encoding.Unicode.GetBytes(name + "\0");
            utf16.CopyTo(bytes, at);
            BitConverter.GetBytes((ushort)utf16.Length).CopyTo(bytes, at + 64);
            bytes[at + 66] = type;
        }
        Entry(512, "Root Entry", 5);
        Entry(640, stream, 2);
        return bytes;
    }

    private static TableCell Cell(string text, OpenXmlElement? property = null)
    {
        var cell = new TableCell();
        if (property is not null) cell.Append(new TableCellProperties(property));
        cell.Append(new W.Paragraph(new Run(new Text(text))));
        return cell;
    }

    private static byte[] Build(Action<Body> fill)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            fill(body);
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
