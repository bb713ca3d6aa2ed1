using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Nianbao.Domain;
using Nianbao.Rendering;

namespace Nianbao.Tests.Rendering;

public class WorkbookWriterTests
{
    /// <summary>Cell texts of one sheet by reference, shared strings resolved.</summary>
    private static Dictionary<string, string> Texts(WorkbookPart wb, WorksheetPart sheet)
    {
        var shared = wb.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return sheet.Worksheet!.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!,
            c => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)] : c.CellValue?.Text ?? "");
    }

    [Theory]
    [InlineData(ReportTemplate.Format2021)]
    [InlineData(ReportTemplate.Format2019)]
    public void Blank_workbook_is_valid_and_laid_out_like_the_tables(ReportTemplate template)
    {
        var report = Report.Blank(template, "某乡人民政府", 2024);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(new WorkbookWriter().Write(report)), false);
        var errors = new OpenXmlValidator().Validate(doc).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));

        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook!.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(4, sheets.Count); // the three tables, then 报告正文 (agency, year, format, date, six sections)
        Assert.Equal(WorkbookWriter.TextSheet, sheets[3].Name!.Value);
        var table3 = (WorksheetPart)wb.GetPartById(sheets[1].Id!.Value!);
        var texts = Texts(wb, table3);
        Assert.Contains("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", texts.Values);
        Assert.Contains("1.属于国家秘密", texts.Values);
        Assert.Contains(template == ReportTemplate.Format2019 ? "（六）其他处理" : "3.其他", texts.Values);
        var merges = table3.Worksheet!.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList();
        Assert.Contains("A4:C6", merges);   // the 勾稽 note: 3 columns × 3 rows below title and note lines
        Assert.Contains(template == ReportTemplate.Format2019 ? "A9:A28" : "A9:A30", merges);   // 三、本年度办理结果

        // Every value cell is named after its contract path and empty: nothing is pre-filled with 0.
        var names = wb.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        // …and 报告正文's: agency, year, format, date, the six sections, and the 2019 format's 采购总金额 unit;
        // and the optional fee-collection table's three cells under table 四 (feeCollection.*).
        Assert.Equal(report.Tables.Sum(t => t.Cells().Count()) + 10 + (template == ReportTemplate.Format2019 ? 1 : 0) + 3, names.Count);
        foreach (var name in names.Where(n => n.Name!.Value!.StartsWith("applications.", StringComparison.Ordinal)))
        {
            var reference = name.Text.Split('!')[1].Replace("$", "");
            Assert.Equal("", texts[reference]);
        }
    }

    [Fact]
    public void Filled_report_numbers_land_in_the_named_cells_beside_their_labels()
    {
        var report = SampleReports.Random(ReportTemplate.Format2021, 41);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(new WorkbookWriter().Write(report)), false);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook!.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s => Texts(wb, (WorksheetPart)wb.GetPartById(s.Id!.Value!)));
        foreach (var name in wb.Workbook.DefinedNames!.Elements<DefinedName>())
        {
            if (!CellPath.TryParse(name.Name!.Value!, out var path)) continue; // 报告正文's report.* and sections.N
            var parts = name.Text.Split('!');
            var texts = sheets[parts[0].Trim('\'')];
            var reference = parts[1].Replace("$", "");
            Assert.Equal(report[path]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), texts[reference]);
            if (path.Table == TableKind.Applications)
            {
                // The row's printed label stands in column C (or A for the colspan-3 rows) of the same row.
                var row = new string(reference.SkipWhile(char.IsLetter).ToArray());
                var label = report.Applications!.Schema.Row(path.Row)!.PrintedLabel;
                Assert.True(texts.GetValueOrDefault("C" + row) == label || texts.GetValueOrDefault("B" + row) == label || texts.GetValueOrDefault("A" + row) == label, $"{path}: label not in row {row}");
                // …and its column heading above it: sheet row 6 (商业企业 …) or row 5 (自然人, 总计 span both).
                var column = new string(reference.TakeWhile(char.IsLetter).ToArray());
                var heading = texts[column + "6"] is { Length: > 0 } h ? h : texts[column + "5"];
                Assert.Equal(report.Applications!.Schema.Row(path.Row)!.Fields.Single(f => f.Key == path.Field).PrintedLabel, heading);
            }
        }
    }
}
