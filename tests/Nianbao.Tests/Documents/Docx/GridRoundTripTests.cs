using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Tests.Documents.Formats;
using TableLayout = Nianbao.Tests.Documents.Formats.TableLayout;

namespace Nianbao.Tests.Documents.Docx;

/// <summary>Random merged tables (a grid cut into rectangles), written as HTML, DOCX and XLSX, must come back with every origin cell where it was.</summary>
public static class LayoutArbitraries
{
    public static Arbitrary<TableLayout> Layouts() =>
        Gen.Choose(1, 6).SelectMany(_ => Gen.Choose(1, 7), (w, h) => (w, h))
            .SelectMany(_ => Gen.ArrayOf(Gen.Choose(0, 99), 200), (wh, dice) => Partition(wh.w, wh.h, dice))
            .ToArbitrary();

    /// <summary>Cuts a width × height grid into rectangles of up to 3 × 3, driven by <paramref name="dice"/>.</summary>
    private static TableLayout Partition(int width, int height, int[] dice)
    {
        var taken = new bool[height, width];
        var rows = Enumerable.Range(0, height).Select(_ => new List<LayoutCell>()).ToList();
        var d = 0;
        int Roll(int max) => 1 + dice[d++ % dice.Length] % max;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                if (taken[y, x]) continue;
                var free = 0;
                while (x + free < width && !taken[y, x + free] && free < 3) free++;
                var cs = Roll(free);
                var rs = Roll(Math.Min(3, height - y));
                for (var yy = y; yy < y + rs; yy++)
                    for (var xx = x; xx < x + cs; xx++)
                        taken[yy, xx] = true;
                rows[y].Add(new LayoutCell($"格{y}-{x}", x, cs, rs));
            }
        return new TableLayout("随机", width, rows.Select(r => new LayoutRow(r)).ToList());
    }
}

public class GridRoundTripTests
{
    [Property(Arbitrary = [typeof(LayoutArbitraries)], MaxTest = 150)]
    public void Html_docx_and_xlsx_give_back_every_origin_cell_at_its_slot(TableLayout layout)
    {
        Block[] blocks = [new TableBlock(layout)];
        var html = DocumentReaders.Default.Read(Encoding.UTF8.GetBytes(HtmlReportWriter.Write(blocks, HtmlStyle.Official)), "r.html");
        var docx = DocumentReaders.Default.Read(DocxReportWriter.Write(blocks, new DocxReportWriter.Options { GridBeforeOnFirstDataRow = false, ContentControls = false }), "r.docx");
        var xlsx = DocumentReaders.Default.Read(XlsxReportWriter.Write([layout]), "r.xlsx");
        var fromSheet = xlsx.Lines.Where(l => l.IsTableRow && l.Row >= XlsxReportWriter.FirstTableRow)
            .Select(l => (l.Row!.Value - XlsxReportWriter.FirstTableRow, string.Join(" ", l.Cells.Select(c => $"{c.Column}+{c.ColumnSpan}:{c.Text}")))).ToList();
        Assert.Equal(layout.Rows.Select((r, y) => (y, r)).Where(t => t.r.Cells.Count > 0)
            .Select(t => (t.y, string.Join(" ", t.r.Cells.Select(c => $"{c.Col}+{c.ColSpan}:{c.Text}")))), fromSheet);

        foreach (var doc in new[] { html, docx })
        {
            if (layout.Rows.Sum(r => r.Cells.Count) == 1)
            {
                // A one-cell table is page layout: its text is a paragraph.
                Assert.DoesNotContain(doc.Lines, l => l.IsTableRow);
                Assert.NotEqual(-1, TableAssert.IndexOfLine(doc, "格0-0"));
                continue;
            }
            var expected = layout.Rows.Select((r, y) => (y, r)).Where(t => t.r.Cells.Count > 0)
                .Select(t => (t.y, string.Join(" ", t.r.Cells.Select(c => $"{c.Col}+{c.ColSpan}:{c.Text}")))).ToList();
            var actual = doc.Lines.Where(l => l.IsTableRow && l.Cells.Count > 0)
                .Select(l => (l.Row!.Value, string.Join(" ", l.Cells.Select(c => $"{c.Column}+{c.ColumnSpan}:{c.Text}")))).ToList();
            Assert.Equal(expected, actual);
            Assert.All(doc.Lines.Where(l => l.IsTableRow), l => Assert.Equal(0, l.Table));
        }
    }
}
