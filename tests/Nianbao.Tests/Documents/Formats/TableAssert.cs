using Nianbao.Documents.Model;

namespace Nianbao.Tests.Documents.Formats;

public static class TableAssert
{
    /// <summary>
    /// Every data row of <paramref name="layout"/> came back as the row <c>y + rowOffset</c> of table
    /// <paramref name="tableIndex"/>: its data cells in grid order, each at the layout's grid column,
    /// with exactly the printed text (blank stays blank), and with offsets that point at that text.
    /// </summary>
    public static void DataRowsRoundTrip(SourceDocument document, TableLayout layout, int tableIndex, int rowOffset = 0)
    {
        var checkedCells = 0;
        for (var y = 0; y < layout.Rows.Count; y++)
        {
            var expected = layout.Rows[y].Cells.Where(c => c.Path is not null).OrderBy(c => c.Col).ToList();
            if (expected.Count == 0) continue;
            var lines = document.Lines.Where(l => l.Table == tableIndex && l.Row == y + rowOffset).ToList();
            Assert.True(lines.Count == 1, $"table {tableIndex} row {y + rowOffset}: expected one line, found {lines.Count}");
            var line = lines[0];
            var dataColumns = expected.Select(c => c.Col).ToHashSet();
            var actual = line.Cells.Where(c => c.Column is { } col && dataColumns.Contains(col)).ToList();
            Assert.Equal(expected.Select(c => (c.Col, c.Text)), actual.Select(c => (c.Column!.Value, c.Text)));
            foreach (var cell in actual)
            {
                Assert.Equal(cell.Text, document.Text.Value.Substring(cell.Start, cell.Length));
                Assert.InRange(cell.Start, line.Start, line.Start + line.Length);
                checkedCells++;
            }
            // A data cell is never repeated into a neighbouring slot.
            Assert.Equal(line.Cells.Select(c => c.Column).Distinct().Count(), line.Cells.Count);
        }
        Assert.Equal(layout.DataCells().Count(), checkedCells);
    }

    /// <summary>The index of the first line holding <paramref name="text"/> (normalized as the document is), or -1.</summary>
    public static int IndexOfLine(SourceDocument document, string text)
    {
        var needle = NormalizedText.Of(text).Value;
        return document.Lines.ToList().FindIndex(l => document.Text.Value.Substring(l.Start, l.Length).Contains(needle, StringComparison.Ordinal));
    }
}
