using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Rendering;

/// <summary>
/// A printed table expanded to its full grid: every slot holds the text of the cell covering it
/// (a merged cell's text repeats over its span), so a test can look a number up by row label and
/// column heading the way a reader of the printed page does — independent of the renderer's code.
/// </summary>
internal sealed class PrintedGrid(string[,] cells)
{
    public int Rows => cells.GetLength(0);
    public int Columns => cells.GetLength(1);
    public string this[int r, int c] => cells[r, c];

    /// <summary>The grids of every table of an HTML page, expanding rowspan/colspan.</summary>
    public static List<PrintedGrid> FromHtml(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        return doc.QuerySelectorAll("table").Select(t =>
            Expand(t.QuerySelectorAll("tr").Select(tr => tr.Children.Where(c => c.LocalName is "td" or "th")
                .Select(c => (Text: c.TextContent.Trim(), Rows: Span(c, "rowspan"), Cols: Span(c, "colspan"))).ToList()).ToList())).ToList();
    }

    private static int Span(IElement cell, string name) => int.TryParse(cell.GetAttribute(name), out var n) && n > 0 ? n : 1;

    private static PrintedGrid Expand(List<List<(string Text, int Rows, int Cols)>> rows)
    {
        var width = rows.Max(r => r.Sum(c => c.Cols));
        var grid = new string?[rows.Count, width];
        for (var r = 0; r < rows.Count; r++)
        {
            var c = 0;
            foreach (var cell in rows[r])
            {
                while (c < width && grid[r, c] is not null) c++;
                for (var dr = 0; dr < cell.Rows; dr++)
                    for (var dc = 0; dc < cell.Cols; dc++)
                        grid[r + dr, c + dc] = cell.Text;
                c += cell.Cols;
            }
        }
        var result = new string[rows.Count, width];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < width; c++)
                result[r, c] = grid[r, c] ?? throw new Xunit.Sdk.XunitException($"HTML table slot ({r},{c}) is not covered by any cell.");
        return new PrintedGrid(result);
    }

    /// <summary>The grids of every table of a Word document, expanding gridSpan and vMerge as Word does.</summary>
    public static List<PrintedGrid> FromDocx(byte[] bytes)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var result = new List<PrintedGrid>();
        foreach (var table in doc.MainDocumentPart!.Document!.Body!.Elements<Table>())
        {
            var width = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count();
            var rows = table.Elements<TableRow>().ToList();
            var grid = new string[rows.Count, width];
            for (var r = 0; r < rows.Count; r++)
            {
                var c = 0;
                foreach (var tc in rows[r].Elements<TableCell>())
                {
                    var span = tc.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                    var merge = tc.TableCellProperties?.VerticalMerge;
                    var continues = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                    if (continues && r == 0) throw new Xunit.Sdk.XunitException("A vMerge continuation cell in the first row.");
                    for (var dc = 0; dc < span; dc++)
                        grid[r, c + dc] = continues ? grid[r - 1, c + dc] : tc.InnerText.Trim();
                    c += span;
                }
                Assert.True(c == width, $"Word table row {r} covers {c} grid columns, the grid has {width}.");
            }
            result.Add(new PrintedGrid(grid));
        }
        return result;
    }

    private int RowOf(string label, int labelColumns)
    {
        var matches = Enumerable.Range(0, Rows).Where(r => Enumerable.Range(0, labelColumns).Any(c => this[r, c] == label)).ToList();
        Assert.True(matches.Count >= 1, $"no row labelled '{label}'");
        // A group label (e.g. 三、本年度办理结果) spans many rows; a leaf label is in its own last label column.
        var exact = matches.Where(r => this[r, labelColumns - 1] == label).ToList();
        Assert.True(exact.Count == 1, $"{exact.Count} rows labelled '{label}' in the last label column");
        return exact[0];
    }

    /// <summary>
    /// Asserts that every cell of the table stands in the grid at the printed row and column, and
    /// prints as stored (a null cell is empty, never 0).
    /// </summary>
    public void AssertShows(TableValues values)
    {
        foreach (var row in values.Schema.Rows)
            foreach (var field in row.Fields)
            {
                var (r, c) = Locate(values.Kind, row, field);
                var expected = values[row.Key, field.Key] is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                Assert.True(this[r, c] == expected,
                    $"{values.Kind.ToContractName()}.{row.Key}.{field.Key}: printed '{this[r, c]}' at ({r},{c}) under '{field.PrintedLabel}' in row '{row.PrintedLabel}', expected '{expected}'");
            }
    }

    private (int Row, int Column) Locate(TableKind kind, RowSchema row, FieldSchema field)
    {
        switch (kind)
        {
            case TableKind.ActiveDisclosure:
            {
                // The row under its block: the heading row is the nearest 信息内容 row above it.
                var r = RowOf(row.PrintedLabel, 1);
                var caption = Enumerable.Range(0, r).Last(i => Enumerable.Range(0, Columns).All(c => this[i, c] == this[i, 0]) && this[i, 0].StartsWith("第二十条", StringComparison.Ordinal));
                Assert.Equal(row.Group, this[caption, 0]);
                var header = Enumerable.Range(0, r).Last(i => this[i, 0] == "信息内容");
                var c = Enumerable.Range(1, Columns - 1).First(i => this[header, i] == field.PrintedLabel);
                return (r, c);
            }
            case TableKind.Applications:
            {
                Assert.Equal("申请人情况", this[0, 3]);
                Assert.Equal("法人或其他组织", this[1, 4]);
                var r = RowOf(row.PrintedLabel, 3);
                if (row.Group is { } group && row.ItemNumber is not null) Assert.Equal(group, this[r, 1]);
                if (r > 4 && row.Key is not (ApplicationRows.CarriedForward)) Assert.Equal("三、本年度办理结果", this[r, 0]);
                var c = Enumerable.Range(3, Columns - 3).Single(i => this[2, i] == field.PrintedLabel);
                return (r, c);
            }
            default:
            {
                var parts = row.PrintedLabel.Split('·');
                var c = Enumerable.Range(0, Columns).Single(i => this[0, i] == parts[0]
                    && (parts.Length == 1 || this[1, i] == parts[1]) && this[2, i] == field.PrintedLabel);
                return (3, c);
            }
        }
    }
}
