using System.Text.Json;
using System.Text.RegularExpressions;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using static Nianbao.Tests.Documents.Pdf.PdfTestDocuments;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>
/// The three real PDFs, checked at the document level (lines and cells; the recognizer is not
/// involved): every table row's numbers come out on one line, in printed order, as the hand-checked
/// expected JSON has them (checked against `pdftotext -layout` and the rendered pages).
/// </summary>
public sealed partial class CorpusPdfDocumentTests
{
    /// <summary>Contract row → a piece of its printed label that no other numeric row carries.</summary>
    private static readonly (string Table, string Row, string Label)[] Rows =
    [
        ("activeDisclosure", "regulations", "规章"),
        ("activeDisclosure", "normativeDocuments", "行政规范性文件"),
        ("activeDisclosure", "licensing", "行政许可"),
        ("activeDisclosure", "punishment", "行政处罚"),
        ("activeDisclosure", "coercion", "行政强制"),
        ("activeDisclosure", "fees", "行政事业性收费"),
        ("applications", "received", "本年新收"),
        ("applications", "carriedOver", "上年结转"),
        ("applications", "granted", "予以公开"),
        ("applications", "partlyGranted", "部分公开"),
        ("applications", "withheldStateSecret", "属于国家秘密"),
        ("applications", "withheldProhibitedByLaw", "其他法律行政"),
        ("applications", "withheldSecurityStability", "三安全一稳定"),
        ("applications", "withheldThirdPartyRights", "保护第三方"),
        ("applications", "withheldInternalAffairs", "三类内部事务"),
        ("applications", "withheldDeliberative", "四类过程性"),
        ("applications", "withheldEnforcementFile", "行政执法案卷"),
        ("applications", "withheldInquiry", "行政查询事项"),
        ("applications", "unavailableNotHeld", "本机关不掌握相关政府信息"),
        ("applications", "unavailableNeedsCreation", "没有现成信息"),
        ("applications", "unavailableUnclear", "补正后申请内容仍不明确"),
        ("applications", "rejectedComplaint", "信访举报投诉"),
        ("applications", "rejectedRepeated", "重复申请"),
        ("applications", "rejectedPublication", "公开出版物"),
        ("applications", "rejectedExcessive", "大量反复"),
        ("applications", "rejectedConfirmation", "确认或重"),
        ("applications", "otherHandling", "其他处理"),
        ("applications", "otherNoCorrection", "逾期不补正"),
        ("applications", "otherUnpaidFee", "收费通知"),
        ("applications", "otherOther", "3、其他"),
        ("applications", "totalHandled", "总计"),
        ("applications", "carriedForward", "结转下年度"),
    ];

    /// <summary>Table 四 as printed, read off the rendered pages (see SOURCES.md).</summary>
    private static readonly Dictionary<string, string> TableFour = new()
    {
        ["huaian-hongze-2023.pdf"] = "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0",
        ["huaian-hongze-2024.pdf"] = "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3",
        ["huaian-2024.pdf"] = "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20",
    };

    private static SourceDocument Read(string name) => DocumentReaders.Default.ReadFile(CorpusPdf.PathOf(name));

    [GeneratedRegex(@"^\s*[-－—–]\s*\d+\s*[-－—–]\s*$")]
    private static partial Regex DashPageNumber();

    [Theory, MemberData(nameof(CorpusPdf.All), MemberType = typeof(CorpusPdf))]
    public void Every_row_of_tables_two_and_three_has_its_printed_numbers_in_order(string name)
    {
        var doc = Read(name);
        using var expected = JsonDocument.Parse(File.ReadAllText(CorpusPdf.PathOf(name) + ".expected.json"));
        var checkedRows = 0;
        foreach (var (table, row, label) in Rows)
        {
            if (!expected.RootElement.GetProperty(table).TryGetProperty(row, out var values)) continue;
            var printed = values.EnumerateObject().Select(p => p.Value.GetRawText()).ToList();
            var lines = RowsWith(doc, label);
            Assert.True(lines.Count == 1, $"{name} {row} ({label}): {lines.Count} numeric rows carry the label\n{Dump(doc)}");
            Assert.True(printed.SequenceEqual(Numbers(lines[0])), $"{name} {row}: expected {string.Join(" ", printed)}, read {string.Join(" ", Numbers(lines[0]))}");
            // The numbers stand in adjacent grid columns (all these tables are ruled).
            var columns = lines[0].Cells.Where(c => IsNumberOrBlank(c.Text)).Select(c => c.Column).ToList();
            Assert.All(columns, c => Assert.NotNull(c));
            Assert.Equal(Enumerable.Range(columns[0]!.Value, columns.Count).Select(i => (int?)i), columns);
            checkedRows++;
        }
        Assert.True(checkedRows >= 28, $"only {checkedRows} rows checked");
    }

    [Theory, MemberData(nameof(CorpusPdf.All), MemberType = typeof(CorpusPdf))]
    public void Not_held_row_is_one_line_of_exactly_the_printed_numbers(string name)
    {
        var doc = Read(name);
        var line = Assert.Single(RowsWith(doc, "本机关不掌握相关政府信息"));
        Assert.Equal(7, Numbers(line).Count);
        Assert.True(line.IsTableRow);
    }

    [Theory, MemberData(nameof(CorpusPdf.All), MemberType = typeof(CorpusPdf))]
    public void Table_four_is_one_row_of_fifteen_numbers_in_printed_order(string name)
    {
        var doc = Read(name);
        var rows = doc.Lines.Where(l => l.IsTableRow && l.Cells.Count >= 15 && l.Cells.All(c => IsNumberOrBlank(c.Text))).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(TableFour[name], string.Join(" ", Numbers(row)));
    }

    [Theory, MemberData(nameof(CorpusPdf.All), MemberType = typeof(CorpusPdf))]
    public void Page_number_footers_appear_nowhere(string name)
    {
        var doc = Read(name);
        foreach (var line in doc.Lines)
            Assert.DoesNotContain(line.Cells, c => DashPageNumber().IsMatch(c.Text));
        // The tables still run on over the page breaks the footers sat in: table 三 is one table on two pages.
        var table3 = RowsWith(doc, "本年新收").Single().Table;
        var pages = doc.Lines.Where(l => l.Table == table3).Select(l => l.Page).Distinct().Count();
        Assert.Equal(2, pages);
        Assert.Equal(table3, RowsWith(doc, "结转下年度").Single().Table);
    }

    [Theory, MemberData(nameof(CorpusPdf.All), MemberType = typeof(CorpusPdf))]
    public void Vertical_label_is_not_glued_into_numeric_rows(string name)
    {
        var doc = Read(name);
        Assert.Contains(doc.Lines, l => l.IsTableRow && l.Cells.Any(c => c.Text.Contains("本年度办理结果")));
        foreach (var line in doc.Lines.Where(l => l.IsTableRow && Numbers(l).Count > 0))
            Assert.DoesNotContain(line.Cells, c => c.Text.Trim().TrimEnd('、').Length == 1 && !IsNumberOrBlank(c.Text));
    }

    [Theory, MemberData(nameof(CorpusPdf.All), MemberType = typeof(CorpusPdf))]
    public void Every_number_has_one_box_per_character_on_its_rows_page(string name)
    {
        var doc = Read(name);
        Assert.Equal(SourceFormat.Pdf, doc.Format);
        Assert.Empty(doc.Notices);
        foreach (var line in doc.Lines.Where(l => l.IsTableRow))
        {
            foreach (var cell in line.Cells.Where(c => IsNumberOrBlank(c.Text)))
            {
                Assert.NotNull(cell.CharBoxes);
                Assert.Equal(cell.Length, cell.CharBoxes!.Count);
                Assert.All(cell.CharBoxes, b => Assert.Equal(line.Page, b.Page));
                Assert.All(cell.CharBoxes, b => Assert.True(b.Left >= 0 && b.Right <= 595.5 && b.Bottom >= 0 && b.Top <= 842.5 && b.Left < b.Right));
            }
        }
    }

    [Fact]
    public void Title_comes_from_the_pdf_metadata()
    {
        Assert.Equal("洪泽区人民政府2023年政府信息公开工作年度报告", Read("huaian-hongze-2023.pdf").Properties["title"]);
        Assert.Equal("政府信息公开工作年度报告", Read("huaian-2024.pdf").Properties["title"]);
    }

    [Fact]
    public void Wrapped_running_text_is_joined_into_paragraphs()
    {
        var doc = Read("huaian-hongze-2023.pdf");
        // Printed over two lines ("…受理政府信息公开申请 21 件，" / "均在法定期限答复。").
        Assert.Contains(doc.Lines, l => !l.IsTableRow && doc.Slice(l.Start, l.Length).Contains("受理政府信息公开申请 21件,均在法定期限答复"));
        Assert.Contains(doc.Lines, l => !l.IsTableRow && doc.Slice(l.Start, l.Length) == "一、总体情况");
    }
}
