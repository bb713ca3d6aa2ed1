using System.Collections.Concurrent;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Documents.Ocr;
using Nianbao.Documents.Pdf;
using UglyToad.PdfPig;
using static Nianbao.Tests.Documents.Pdf.PdfTestDocuments;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>
/// Reports with known random numbers, printed to PDF by Chromium and read back: every number must
/// come out in its row and cell, in order, with boxes that find it on the right page.
/// </summary>
public sealed class GeneratedPdfTests
{
    private static readonly ConcurrentDictionary<int, Lazy<(GeneratedPdfReport Report, byte[] Pdf, SourceDocument Doc)>> Cache = new();

    private static (GeneratedPdfReport Report, byte[] Pdf, SourceDocument Doc) Generated(int seed) =>
        Cache.GetOrAdd(seed, s => new Lazy<(GeneratedPdfReport, byte[], SourceDocument)>(() =>
        {
            var report = new GeneratedPdfReport(s);
            var pdf = ChromiumPdf.Print(report.ToHtml());
            // Read through the registry under a misleading name: detection is by content. These tests
            // are about the text layer, so OCR is off (the image-only page keeps its needs-OCR notice);
            // the default (auto) OCRs that page: see Image_only_page_is_read_by_ocr_by_default.
            var doc = DocumentReaders.With(OcrOptions.Off).Read(pdf, $"generated-{s}.txt");
            return (report, pdf, doc);
        })).Value;

    public static TheoryData<int> Seeds => new() { 11, 2024, 90417 };

    [Theory, MemberData(nameof(Seeds))]
    public void Every_number_comes_out_in_its_row_in_order_on_its_page(int seed)
    {
        var (report, _, doc) = Generated(seed);
        Assert.Equal(SourceFormat.Pdf, doc.Format);
        foreach (var expected in report.ActiveRows.Concat(report.ApplicationRows))
        {
            var rows = RowsWith(doc, expected.Key);
            Assert.True(rows.Count == 1, $"row {expected.Label}: {rows.Count} lines carry it\n{Dump(doc)}");
            var row = rows[0];
            var printed = expected.Cells.Where(c => c != "").ToList(); // an empty cell prints nothing
            Assert.True(printed.SequenceEqual(Numbers(row)), $"row {expected.Label}: expected {string.Join(" ", printed)}, got {string.Join(" ", Numbers(row))}\n{Dump(doc)}");
            Assert.Equal(expected.Page, row.Page);
            var numberCells = row.Cells.Where(c => IsNumberOrBlank(c.Text)).ToList();
            Assert.All(numberCells, c =>
            {
                Assert.NotNull(c.CharBoxes);
                Assert.Equal(c.Length, c.CharBoxes!.Count);
                Assert.All(c.CharBoxes, b => Assert.Equal(expected.Page, b.Page));
            });
            var lefts = numberCells.Select(c => c.CharBoxes![0].Left).ToList();
            Assert.Equal(lefts.Order(), lefts); // cells left to right
        }
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Each_number_box_encloses_exactly_that_number_on_the_page(int seed)
    {
        var (report, pdf, doc) = Generated(seed);
        using var pdfDoc = PdfDocument.Open(pdf);
        var checkedCells = 0;
        foreach (var line in doc.Lines.Where(l => l.IsTableRow))
        {
            foreach (var cell in line.Cells.Where(c => IsNumberOrBlank(c.Text) && c.Text != "-"))
            {
                var box = cell.BoxOf(0, cell.Length)!.Value;
                var page = pdfDoc.GetPage(box.Page);
                var inside = page.Letters
                    .Where(l => !string.IsNullOrWhiteSpace(l.Value))
                    .Where(l => Centre(l) is var (x, y) && x > box.Left && x < box.Right && y > box.Bottom && y < box.Top)
                    .OrderBy(l => l.StartBaseLine.X)
                    .Select(l => l.Value);
                Assert.Equal(cell.Text, string.Concat(inside));
                checkedCells++;
            }
        }
        var printed = report.ActiveRows.Concat(report.ApplicationRows).Sum(r => r.Cells.Count(c => c is not ("-" or ""))) + report.Reviews.Cells.Count;
        Assert.Equal(printed, checkedCells);

        static (double, double) Centre(UglyToad.PdfPig.Content.Letter l) =>
            ((l.BoundingBox.Left + l.BoundingBox.Right) / 2, (l.BoundingBox.Bottom + l.BoundingBox.Top) / 2);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Ruled_cells_carry_their_grid_column_so_an_empty_cell_leaves_a_gap(int seed)
    {
        var (report, _, doc) = Generated(seed);
        foreach (var (rows, firstNumberColumn) in new[] { (report.ActiveRows, 1), (report.ApplicationRows, 3) })
        {
            foreach (var expected in rows)
            {
                var line = RowsWith(doc, expected.Key).Single();
                var wanted = expected.Cells.Select((c, i) => (c, i)).Where(x => x.c != "").Select(x => (int?)(firstNumberColumn + x.i)).ToList();
                var got = line.Cells.Where(c => IsNumberOrBlank(c.Text)).Select(c => c.Column).ToList();
                Assert.True(wanted.SequenceEqual(got), $"row {expected.Label}: columns {string.Join(",", got)}, expected {string.Join(",", wanted)}");
            }
        }
        var total = RowsWith(doc, "总计").Single();
        Assert.DoesNotContain(total.Cells, c => c.Column == 3 + 5); // the empty cell
        var fifteen = doc.Lines.Single(l => l.IsTableRow && Numbers(l).Count == 15);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (int?)i), fifteen.Cells.Select(c => c.Column));
    }

    [Fact]
    public void A_table_broken_by_a_page_break_keeps_its_index_and_row_order()
    {
        var (report, _, doc) = Generated(11);
        var lines = report.ApplicationRows.Select(r => RowsWith(doc, r.Key).Single()).ToList();
        Assert.Single(lines.Select(l => l.Table).Distinct());
        var rowIndexes = lines.Select(l => l.Row!.Value).ToList();
        Assert.Equal(rowIndexes.Order(), rowIndexes);
        Assert.Equal(rowIndexes.Count, rowIndexes.Distinct().Count());
        Assert.Contains(lines, l => l.Page == 1);
        Assert.Contains(lines, l => l.Page == 2);
        // Table 二 before it is a different table.
        Assert.NotEqual(RowsWith(doc, "规章").Single().Table, lines[0].Table);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Table_four_is_one_row_of_fifteen_numbers(int seed)
    {
        var (report, _, doc) = Generated(seed);
        var fifteen = doc.Lines.Where(l => l.IsTableRow && Numbers(l).Count == 15).ToList();
        Assert.True(fifteen.Count == 1, Dump(doc));
        Assert.Equal(report.Reviews.Cells, Numbers(fifteen[0]));
        Assert.All(fifteen[0].Cells, c => Assert.True(IsNumberOrBlank(c.Text), $"cell '{c.Text}' in the numbers row"));
    }

    [Fact]
    public void Running_header_and_page_number_footer_are_removed_from_every_page()
    {
        var (_, _, doc) = Generated(11);
        Assert.DoesNotContain("政务公开专刊", doc.Text.Value);
        Assert.DoesNotContain(doc.Lines, l => l.Cells.Any(c => c.Text.Trim() is "-1-" or "-2-" or "-3-" or "-4-"));
        Assert.Contains("主动公开政府信息情况", doc.Text.Value);
    }

    [Fact]
    public void Vertical_label_is_read_as_one_label_and_not_glued_into_numeric_rows()
    {
        var (_, _, doc) = Generated(11);
        Assert.Contains(doc.Lines, l => l.Cells.Any(c => c.Text.Contains("本年度办理结果")));
        foreach (var line in doc.Lines.Where(l => l.IsTableRow && Numbers(l).Count > 0))
            Assert.DoesNotContain(line.Cells, c => c.Text.Trim().TrimEnd('、').Length == 1 && c.Text.Any(ch => ch >= '\u4E00' && ch <= '\u9FFF'));
    }

    [Fact]
    public void Kangxi_radicals_are_normalized_and_the_raw_text_keeps_them()
    {
        var (_, _, doc) = Generated(11);
        Assert.Contains(GeneratedPdfReport.KangxiNormalized, doc.Text.Value);
        Assert.Contains(GeneratedPdfReport.KangxiPrinted, doc.Text.Raw);
        Assert.DoesNotContain(doc.Text.Value, c => c >= '\u2F00' && c <= '\u2FDF');
        var line = doc.Lines.Single(l => doc.Slice(l.Start, l.Length).Contains(GeneratedPdfReport.KangxiNormalized));
        Assert.Equal(3, line.Page);
        Assert.All(line.Cells[0].CharBoxes!, b => Assert.Equal(3, b.Page));
    }

    [Fact]
    public void Image_only_page_gives_a_needs_ocr_notice()
    {
        var (_, pdf, doc) = Generated(11);
        using var pdfDoc = PdfDocument.Open(pdf);
        Assert.Equal(4, pdfDoc.NumberOfPages);
        var notice = Assert.Single(doc.Notices, n => n.Code == "needs-ocr");
        Assert.Equal("page 4 has no text layer (scanned image); it needs OCR", notice.Message);
        Assert.DoesNotContain(doc.Lines, l => l.Page == 4);
    }

    [Fact]
    public void Image_only_page_is_read_by_ocr_by_default()
    {
        var (_, pdf, _) = Generated(11);
        var doc = DocumentReaders.Default.Read(pdf, "generated-11.pdf");
        // The text pages are read from their text layer; the picture of noise on page 4 went to OCR,
        // which found no table and no legible line there, and says so.
        Assert.Contains(doc.Lines, l => l.Page == 3 && l.Cells.All(c => !c.IsOcr));
        Assert.DoesNotContain(doc.Notices, n => n.Message == "page 4 has no text layer (scanned image); it needs OCR");
        Assert.DoesNotContain(doc.Lines, l => l.IsTableRow && l.Page == 4);
        Assert.True(doc.Notices.Any(n => n.Code == "needs-ocr" && n.Message == "page 4 has no text layer (scanned image), and OCR found no legible text on it")
            || doc.Lines.Any(l => l.Page == 4 && l.Cells.All(c => c.IsOcr)), "page 4 was not handed to OCR");
    }

    [Fact]
    public void Fake_bold_overprinting_does_not_double_the_characters()
    {
        var (_, _, doc) = Generated(11);
        Assert.Contains(doc.Lines, l => doc.Slice(l.Start, l.Length) == "二、主动公开政府信息情况");
        Assert.DoesNotContain("二二", doc.Text.Value);
    }

    [Fact]
    public void Title_metadata_becomes_the_title_property()
    {
        var (_, _, doc) = Generated(11);
        Assert.Equal(GeneratedPdfReport.Title, doc.Properties["title"]);
    }

    [Theory]
    [InlineData(-90)]
    [InlineData(90)]
    public void A_table_printed_sideways_is_read_upright_with_boxes_on_the_page(int degrees)
    {
        var random = new Random(degrees + 1000);
        var rows = new[] { "规章", "行政规范性文件", "行政许可" }
            .Select(label => (Label: label, Cells: Enumerable.Range(0, 4).Select(_ => random.Next(1, 1_000_000).ToString()).ToArray())).ToArray();
        var body = string.Concat(rows.Select(r => $"<tr><td>{r.Label}</td>{string.Concat(r.Cells.Select(c => $"<td>{c}</td>"))}</tr>"));
        var html = $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>
            body { font-family: "WenQuanYi Micro Hei"; font-size: 11pt; }
            table { border-collapse: collapse; } td { border: 0.6pt solid #000; padding: 3pt 8pt; }
            .turned { position: absolute; top: 300px; left: 300px; transform: rotate({{degrees}}deg); transform-origin: center; }
            </style></head><body><p>二、主动公开政府信息情况</p>
            <div class="turned"><table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td><td>备注</td></tr>{{body}}</table></div>
            </body></html>
            """;
        var pdf = ChromiumPdf.Print(html);
        var doc = new PdfDocumentReader().Read(pdf, "sideways.pdf");
        using var pdfDoc = PdfDocument.Open(pdf);
        var letters = pdfDoc.GetPage(1).Letters;
        var expectedOrientation = degrees == 90 ? UglyToad.PdfPig.Content.TextOrientation.Rotate90 : UglyToad.PdfPig.Content.TextOrientation.Rotate270;
        Assert.Equal(expectedOrientation, letters.Single(l => l.Value == "章").TextOrientation); // really printed sideways
        Assert.Contains(doc.Lines, l => doc.Slice(l.Start, l.Length) == "二、主动公开政府信息情况");
        foreach (var (label, cells) in rows)
        {
            var line = Assert.Single(RowsWith(doc, label));
            Assert.Equal(cells, Numbers(line));
            Assert.Equal(label, line.Cells[0].Text);
            foreach (var cell in line.Cells.Skip(1))
            {
                var box = cell.BoxOf(0, cell.Length)!.Value;
                var inside = letters.Where(l => (l.BoundingBox.Left + l.BoundingBox.Right) / 2 is var x && x > box.Left && x < box.Right
                    && (l.BoundingBox.Bottom + l.BoundingBox.Top) / 2 is var y && y > box.Bottom && y < box.Top).ToList();
                Assert.Equal(cell.Text.Length, inside.Count);
                Assert.Equal(cell.Text.Order(), inside.SelectMany(l => l.Value).Order());
            }
        }
        var header = doc.Lines.First(l => l.IsTableRow);
        Assert.Equal(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "备注"], header.Cells.Select(c => c.Text));
    }

    [Theory, MemberData(nameof(Seeds))]
    public void A_table_without_rules_and_narrow_columns_keeps_its_numbers_apart(int seed)
    {
        var random = new Random(seed);
        var rows = new[] { "一、本年新收政府信息公开申请数量", "（一）予以公开", "1.属于国家秘密", "（七）总计" }
            .Select(label => (Label: label, Cells: Enumerable.Range(0, 7).Select(i => i == 2 && label.Contains("秘密") ? "-" : random.Next(1, 100_000).ToString()).ToArray()))
            .ToArray();
        var body = string.Concat(rows.Select(r => $"<tr><td>{r.Label}</td>{string.Concat(r.Cells.Select(c => $"<td>{c}</td>"))}</tr>"));
        var html = $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>
            body { font-family: "WenQuanYi Micro Hei"; font-size: 9pt; } td { padding: 1pt 2pt; text-align: right; }
            </style></head><body>
            <p>报告中所列数据统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止。</p>
            <table><tr><td></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>{{body}}</table>
            </body></html>
            """;
        var doc = new PdfDocumentReader().Read(ChromiumPdf.Print(html), "unruled.pdf");
        Assert.Contains(doc.Lines, l => !l.IsTableRow && doc.Slice(l.Start, l.Length) == "报告中所列数据统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止。");
        foreach (var (label, cells) in rows)
        {
            var line = Assert.Single(RowsWith(doc, label.Substring(3)));
            Assert.Equal(cells, Numbers(line));
            Assert.Equal(8, line.Cells.Count);
        }
    }

    [Fact]
    public void A_diagonal_watermark_over_a_table_stays_out_of_its_rows()
    {
        var random = new Random(77);
        var rows = new[] { "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制" }
            .Select(label => (Label: label, Cells: Enumerable.Range(0, 3).Select(_ => random.Next(1, 100_000).ToString()).ToArray())).ToArray();
        var body = string.Concat(rows.Select(r => $"<tr><td>{r.Label}</td>{string.Concat(r.Cells.Select(c => $"<td>{c}</td>"))}</tr>"));
        var html = $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>
            body { font-family: "WenQuanYi Micro Hei"; font-size: 11pt; }
            table { border-collapse: collapse; width: 100%; } td { border: 0.6pt solid #000; padding: 4pt; text-align: center; }
            .mark { position: absolute; top: 90px; left: 60px; font-size: 40pt; color: #ccc; transform: rotate(-30deg); }
            </style></head><body>
            <table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>{{body}}</table>
            <div class="mark">内部资料注意保存</div>
            </body></html>
            """;
        var doc = new PdfDocumentReader().Read(ChromiumPdf.Print(html), "watermark.pdf");
        foreach (var (label, cells) in rows)
        {
            var line = Assert.Single(RowsWith(doc, label));
            Assert.Equal(label, line.Cells[0].Text);
            Assert.Equal(cells, line.Cells.Skip(1).Select(c => c.Text));
        }
        // Still read, as one line of its own after the table, not as rows of it.
        Assert.Equal(6, doc.Lines.Count(l => l.IsTableRow));
        Assert.Contains(doc.Lines, l => !l.IsTableRow && doc.Slice(l.Start, l.Length) == "内部资料注意保存");
    }

    [Fact]
    public void A_border_around_the_page_does_not_turn_running_text_into_a_table()
    {
        var text = string.Concat(Enumerable.Repeat("本机关坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设。", 6));
        var html = $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>
            @page { size: A4; margin: 15mm; }
            body { font-family: "WenQuanYi Micro Hei"; font-size: 12pt; margin: 0; }
            .border { border: 1.2pt solid #000; height: 260mm; padding: 8mm; box-sizing: border-box; }
            p { text-indent: 2em; margin: 0 0 6pt 0; }
            table { border-collapse: collapse; } td { border: 0.6pt solid #000; padding: 3pt 8pt; }
            </style></head><body><div class="border">
            <p>一、总体情况</p><p>{{text}}</p><p>{{text}}</p>
            <table><tr><td>规章</td><td>17</td><td>4</td></tr><tr><td>行政规范性文件</td><td>250</td><td>31</td></tr></table>
            </div></body></html>
            """;
        var doc = new PdfDocumentReader().Read(ChromiumPdf.Print(html), "bordered.pdf");
        var paragraphs = doc.Lines.Where(l => !l.IsTableRow).Select(l => doc.Slice(l.Start, l.Length)).ToList();
        Assert.Contains("一、总体情况", paragraphs);
        Assert.Equal(2, paragraphs.Count(p => p.StartsWith("本机关坚持以公开为常态") && p.EndsWith("规范化建设。") && p.Length > 200));
        Assert.Equal(["17", "4"], Numbers(RowsWith(doc, "规章").Single()));
        Assert.Equal(["250", "31"], Numbers(RowsWith(doc, "行政规范性文件").Single()));
    }

    [Fact]
    public void A_pdf_of_only_a_scanned_image_is_a_document_with_notices_not_an_empty_success()
    {
        var html = $"""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0"><img src="data:image/bmp;base64,{Convert.ToBase64String(GeneratedPdfReport.NoiseBitmap(200, 260, 3))}" style="width:180mm"></body></html>""";
        var pdf = ChromiumPdf.Print(html);
        var doc = new PdfDocumentReader().Read(pdf, "scan.pdf");
        Assert.Empty(doc.Lines);
        var notice = Assert.Single(doc.Notices);
        Assert.Equal("needs-ocr", notice.Code);
        Assert.Equal("page 1 has no text layer (scanned image); it needs OCR", notice.Message);
    }
}
