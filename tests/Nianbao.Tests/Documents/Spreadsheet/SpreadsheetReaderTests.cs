using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Documents.Spreadsheet;
using Nianbao.Tests.Documents.Formats;

namespace Nianbao.Tests.Documents.Spreadsheet;

public class SpreadsheetReaderTests
{
    private static SourceDocument Read(byte[] bytes, string name = "report.xlsx") => DocumentReaders.Default.Read(bytes, name);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Each_sheet_is_a_table_with_numbers_at_their_sheet_columns(int seed)
    {
        var report = SampleReports.Random2021(seed);
        var tables = new[] { TableLayout.Applications(report), TableLayout.ReviewsAndLawsuits(report) };
        var doc = Read(XlsxReportWriter.Write(tables));

        Assert.Equal(SourceFormat.Xlsx, doc.Format);
        TableAssert.DataRowsRoundTrip(doc, tables[0], 0, XlsxReportWriter.FirstTableRow);
        TableAssert.DataRowsRoundTrip(doc, tables[1], 1, XlsxReportWriter.FirstTableRow);
    }

    [Fact]
    public void Merged_header_cells_are_reported_once_at_their_origin()
    {
        var report = SampleReports.Random2021(3);
        var doc = Read(XlsxReportWriter.Write([TableLayout.Applications(report)]));
        var rows = doc.Lines.Where(l => l.Table == 0).ToList();
        var title = rows.Single(l => l.Row == 0);
        Assert.Equal((0, 10), (title.Cells.Single().Column!.Value, title.Cells.Single().ColumnSpan));
        var header = rows.Single(l => l.Row == XlsxReportWriter.FirstTableRow);
        Assert.Equal([(0, 3), (3, 7)], header.Cells.Select(c => (c.Column!.Value, c.ColumnSpan)));
        var second = rows.Single(l => l.Row == XlsxReportWriter.FirstTableRow + 1);
        Assert.Equal([(3, 1, "自然人"), (4, 5, "法人或其他组织"), (9, 1, "总计")], second.Cells.Select(c => (c.Column!.Value, c.ColumnSpan, c.Text)));
        Assert.Single(doc.Lines, l => l.Cells.Any(c => c.Text == "三、本年度办理结果"));
    }

    [Fact]
    public void Stored_doubles_print_as_the_sheet_shows_them()
    {
        var report = SampleReports.Random2021(6);
        var layout = TableLayout.ReviewsAndLawsuits(report);
        var extras = new XlsxReportWriter.ExtraCell[]
        {
            new(20, 0, 0.1 + 0.2, 0, null),                 // General: 0.30000000000000004 shows as 0.3
            new(20, 1, 1.0000000002 - 0.0000000002, 0, null), // General: 1, not 1.0
            new(20, 2, 12.5 * 3, 2, null),                   // built-in 0.00
            new(20, 3, 1234567.0, 3, null),                  // built-in #,##0
            new(20, 4, 3.14159, 164, "0.0\"万元\""),          // custom with a literal
            new(20, 5, 0.256, 10, null),                     // built-in 0.00%
            new(20, 6, 75.0, 0, null),
            new(20, 7, 2.675, 165, "0.00"),                  // Excel rounds the 15-digit value half away from zero: 2.68
        };
        var doc = Read(XlsxReportWriter.Write([layout], extras));
        var row = doc.Lines.Single(l => l.Table == 0 && l.Row == 20);
        Assert.Equal(["0.3", "1", "37.50", "1,234,567", "3.1万元", "25.60%", "75", "2.68"], row.Cells.Where(c => c.Text.Length > 0).Select(c => c.Text));
    }

    [Theory]
    [InlineData(12.0, null, "12")]
    [InlineData(-0.0, null, "0")]
    [InlineData(0.30000000000000004, "General", "0.3")]
    [InlineData(1234.5, "#,##0.00", "1,234.50")]
    [InlineData(1234.5, "0.##", "1234.5")]
    [InlineData(1234.0, "0.##", "1234")]
    [InlineData(12345678.0, "#,##0,", "12,346")]
    [InlineData(5.0, "0\"件\"", "5件")]
    [InlineData(-3.0, "0_);(0)", "(3)")]
    [InlineData(-3.0, "0", "-3")]
    [InlineData(0.0, "#,##0;-#,##0;\"-\"", "-")]
    [InlineData(44927.0, "yyyy\"年\"m\"月\"d\"日\"", "2023-01-01")] // dates print as ISO dates, not in the sheet's pattern
    [InlineData(1e20, null, "100000000000000000000")]
    public void Number_formats(double value, string? code, string expected) =>
        Assert.Equal(expected, CellNumberFormat.Format(value, code));

    [Fact]
    public void Hidden_sheets_and_empty_rows_are_left_out_and_blank_cells_inside_a_row_stay_blank()
    {
        var report = SampleReports.Random2021(8);
        var layout = TableLayout.Applications(report);
        var blank = layout.DataCells().First(c => c.Cell.Text == "");
        var doc = Read(XlsxReportWriter.Write([layout]));
        var line = doc.Lines.Single(l => l.Table == 0 && l.Row == blank.Row + XlsxReportWriter.FirstTableRow);
        Assert.Equal("", line.Cells.Single(c => c.Column == blank.Cell.Col).Text);
        Assert.DoesNotContain(doc.Lines, l => l.Table == 0 && l.Row == 1); // the empty row between title and table
    }

    [Fact]
    public void A_cell_with_line_breaks_stays_on_its_row()
    {
        var layout = new TableLayout("表", 3, [new LayoutRow([new LayoutCell("（二）部分公开\n（区分处理的）", 0), new LayoutCell("Total\nrow", 1), new LayoutCell("5", 2, Path: new Nianbao.Domain.CellPath(Nianbao.Domain.TableKind.Applications, "partlyGranted", "total"))])]);
        var doc = Read(XlsxReportWriter.Write([layout]));
        var row = doc.Lines.Single(l => l.Table == 0 && l.Row == XlsxReportWriter.FirstTableRow);
        Assert.Equal(["(二)部分公开(区分处理的)", "Total row", "5"], row.Cells.Select(c => c.Text));
        Assert.DoesNotContain('\n', doc.Text.Value.Substring(row.Start, row.Length));
    }
}
