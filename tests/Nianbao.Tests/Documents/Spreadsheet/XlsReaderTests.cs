using System.Runtime.CompilerServices;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Documents.Office;

namespace Nianbao.Tests.Documents.Spreadsheet;

/// <summary>The legacy .xls path, on a BIFF8 workbook SheetJS wrote from known numbers (Fixtures/make-xls.js).</summary>
public class XlsReaderTests
{
    private static readonly decimal[] Values = [3, 1, 0, 2, 6, 4, 2, 1, 0, 8, 1, 0, 0, 1, 2];

    private static byte[] Fixture([CallerFilePath] string here = "") =>
        File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "table4.xls"));

    [Fact]
    public void Legacy_xls_is_told_from_doc_by_its_streams_and_read_on_its_grid()
    {
        var bytes = Fixture();
        Assert.Equal(OfficeKind.OleExcel, OfficeContainer.Sniff(bytes));

        var doc = DocumentReaders.Default.Read(bytes, "table4.doc"); // the name does not matter

        Assert.Equal(SourceFormat.Xls, doc.Format);
        var data = doc.Lines.Single(l => l.Table == 0 && l.Row == 4);
        Assert.Equal(Enumerable.Range(0, 15), data.Cells.Select(c => c.Column!.Value));
        Assert.Equal(Values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), data.Cells.Select(c => c.Text));
        foreach (var cell in data.Cells) Assert.Equal(cell.Text, doc.Text.Value.Substring(cell.Start, cell.Length));
    }

    [Fact]
    public void Legacy_xls_merges_formats_and_hidden_sheets()
    {
        var doc = DocumentReaders.Default.Read(Fixture(), "table4.xls");
        var rows = doc.Lines.Where(l => l.Table == 0).ToList();
        Assert.Equal([(0, 5, "行政复议"), (5, 10, "行政诉讼")], rows.Single(l => l.Row == 1).Cells.Select(c => (c.Column!.Value, c.ColumnSpan, c.Text)));
        // Row 3 lies under the five rowspan-2 labels: it starts at column 5.
        Assert.Equal(5, rows.Single(l => l.Row == 3).Cells[0].Column);
        var amounts = rows.Single(l => l.Row == 6).Cells.Where(c => c.Text.Length > 0).Select(c => c.Text);
        Assert.Equal(["收费金额(万元)", "0.3", "37.50", "1,234,567", "1"], amounts);
        Assert.DoesNotContain("999", doc.Text.Value);
        Assert.DoesNotContain(doc.Lines, l => l.Table == 1);
    }
}
