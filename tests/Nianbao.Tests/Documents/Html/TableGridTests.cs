using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Documents;
using Nianbao.Documents.Html;

namespace Nianbao.Tests.Documents.Html;

public static class GridArbitraries
{
    private static readonly string?[] ColSpans = [null, "1", "2", "3", "0", "x", " 2", "+2", "2.7"];
    private static readonly string?[] RowSpans = [null, "1", "2", "3", "4", "0", "bad"];

    public static Arbitrary<GridTableInput> Tables()
    {
        var cell = Gen.Elements(ColSpans).SelectMany(c => Gen.Elements(RowSpans), (c, r) => new GridCellInput(c, r));
        var row = Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(cell, n), (_, cells) => (IReadOnlyList<GridCellInput>)cells.ToList());
        var group = Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            .SelectMany(_ => Gen.Choose(0, 5), (foot, n) => (foot, n))
            .SelectMany(t => Gen.ListOf(row, t.n), (t, rows) => new GridRowGroup(t.foot, rows.ToList()));
        return Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(group, n), (_, groups) => new GridTableInput(groups.ToList())).ToArbitrary();
    }
}

public class TableGridTests
{
    private static GridTableInput Table(params GridRowGroup[] groups) => new(groups);
    private static GridRowGroup Body(params GridCellInput[][] rows) => new(false, rows);
    private static GridRowGroup Foot(params GridCellInput[][] rows) => new(true, rows);
    private static GridCellInput C(string? colspan = null, string? rowspan = null) => new(colspan, rowspan);

    [Property(Arbitrary = [typeof(GridArbitraries)], MaxTest = 500)]
    public void Every_slot_has_at_most_one_cell_and_every_origin_is_its_own(GridTableInput input)
    {
        var grid = TableGrid.Build(input);
        var rowsWithTr = grid.RowY.Select(r => r.Y).ToHashSet();
        var claimed = 0;
        for (var i = 0; i < grid.Cells.Count; i++)
        {
            var c = grid.Cells[i];
            Assert.Equal(i, grid.Owner(c.Y, c.X));
            Assert.InRange(c.ColSpan, 1, TableGrid.MaxColSpan);
            Assert.InRange(c.RowSpan, 1, TableGrid.MaxRowSpan);
            for (var y = c.Y; y < c.Y + c.RowSpan; y++)
                for (var x = c.X; x < c.X + c.ColSpan; x++)
                {
                    // A slot of this cell's rectangle belongs to it, or (table-model error) to the cell that claimed it first.
                    var owner = grid.Owner(y, x);
                    Assert.True(owner >= 0);
                    var o = grid.Cells[owner];
                    Assert.True(owner == i || (y >= o.Y && y < o.Y + o.RowSpan && x >= o.X && x < o.X + o.ColSpan));
                    if (rowsWithTr.Contains(y)) claimed++;
                }
        }
        var owned = 0;
        for (var y = 0; y < grid.Height; y++)
            for (var x = 0; x < grid.Width; x++)
            {
                var owner = grid.Owner(y, x);
                if (owner < 0) continue;
                if (rowsWithTr.Contains(y)) owned++;
                var c = grid.Cells[owner];
                Assert.InRange(y, c.Y, c.Y + c.RowSpan - 1);
                Assert.InRange(x, c.X, c.X + c.ColSpan - 1);
            }
        Assert.Equal(claimed - owned, grid.Overlaps);
    }

    [Property(Arbitrary = [typeof(GridArbitraries)], MaxTest = 500)]
    public void Width_is_the_widest_extent_and_height_covers_every_row_and_span(GridTableInput input)
    {
        var grid = TableGrid.Build(input);
        Assert.Equal(grid.Cells.Select(c => c.X + c.ColSpan).DefaultIfEmpty(0).Max(), grid.Width);
        var rows = input.Groups.Sum(g => g.Rows.Count);
        Assert.Equal(Math.Max(rows == 0 ? 0 : grid.RowY.Max(r => r.Y) + 1, grid.Cells.Select(c => c.Y + c.RowSpan).DefaultIfEmpty(0).Max()), grid.Height);
        Assert.Equal(rows, grid.RowY.Count);
    }

    [Property(Arbitrary = [typeof(GridArbitraries)], MaxTest = 500)]
    public void Each_cell_starts_at_the_first_slot_its_row_has_free(GridTableInput input)
    {
        var grid = TableGrid.Build(input);
        foreach (var row in grid.Cells.GroupBy(c => (c.GroupIndex, c.RowInGroup)))
        {
            var x = 0;
            foreach (var cell in row.OrderBy(c => c.CellIndex))
            {
                for (; x < cell.X; x++)
                    Assert.True(grid.Cells[grid.Owner(cell.Y, x)].Y < cell.Y, "a slot skipped over must be covered from a row above");
                x = cell.X + cell.ColSpan;
            }
        }
        // Footers come last: no footer row is above a body row.
        var footY = grid.RowY.Where(r => input.Groups[r.Group].IsFoot).Select(r => r.Y).DefaultIfEmpty(int.MaxValue).Min();
        var bodyY = grid.RowY.Where(r => !input.Groups[r.Group].IsFoot).Select(r => r.Y).DefaultIfEmpty(-1).Max();
        Assert.True(bodyY < footY);
    }

    [Fact]
    public void Rowspan_zero_grows_to_the_end_of_its_row_group_only()
    {
        var grid = TableGrid.Build(Table(
            Body([C(rowspan: "0"), C()], [C()], [C()]),
            Body([C(), C()])));
        Assert.Equal(3, grid.Cells[0].RowSpan);
        Assert.Equal(1, grid.Cells.Single(c => c.GroupIndex == 0 && c.RowInGroup == 2).X);
        Assert.Equal(0, grid.Cells.Single(c => c.GroupIndex == 1 && c.CellIndex == 0).X);
        Assert.Equal(3, grid.Cells.Single(c => c.GroupIndex == 1 && c.CellIndex == 0).Y);
        Assert.Equal(4, grid.Height);
    }

    [Fact]
    public void Spans_are_parsed_and_clamped_as_the_spec_says()
    {
        var grid = TableGrid.Build(Table(Body([C("0"), C("5000"), C("abc", "70000"), C(" 3 ", "2x")])));
        Assert.Equal([1, 1000, 1, 3], grid.Cells.Select(c => c.ColSpan));
        Assert.Equal([1, 1, 65534, 2], grid.Cells.Select(c => c.RowSpan));
        Assert.Equal(1005, grid.Width);
        Assert.Equal(65534, grid.Height);
    }

    [Fact]
    public void A_rowspan_past_the_group_end_pushes_the_next_group_down()
    {
        var grid = TableGrid.Build(Table(Body([C(rowspan: "3"), C()]), Body([C()])));
        Assert.Equal(3, grid.Cells[2].Y);
    }

    [Fact]
    public void Overlapping_cells_keep_the_first_occupant()
    {
        // Row 2's colspan=3 cell runs into the rowspan from row 1 at column 1.
        var grid = TableGrid.Build(Table(Body([C(), C(rowspan: "2"), C()], [C("3")])));
        var wide = grid.Cells[3];
        Assert.Equal((0, 1), (wide.X, wide.Y));
        Assert.Equal(1, grid.Owner(1, 1));
        Assert.Equal(3, grid.Owner(1, 0));
        Assert.Equal(3, grid.Owner(1, 2));
        Assert.Equal(1, grid.Overlaps);
    }

    [Fact]
    public void Html_tfoot_rows_are_read_after_the_body_even_when_written_first()
    {
        const string html = "<table><thead><tr><th>项目</th><th>数量</th></tr></thead><tfoot><tr><td>合计</td><td>9</td></tr></tfoot>"
            + "<tbody><tr><td>甲</td><td>4</td></tr><tr><td>乙</td><td>5</td></tr></tbody></table>";
        var doc = DocumentReaders.Default.Read(Encoding.UTF8.GetBytes(html), "t.html");
        var rows = doc.Lines.Where(l => l.IsTableRow).ToList();
        Assert.Equal(["项目", "甲", "乙", "合计"], rows.Select(r => r.Cells[0].Text));
        Assert.Equal([0, 1, 2, 3], rows.Select(r => r.Row!.Value));
    }

    [Fact]
    public void Html_rowspan_zero_and_colspan_zero_in_a_real_page()
    {
        const string html = "<table><tbody><tr><td rowspan=0>组</td><td colspan=0>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></tbody>"
            + "<tbody><tr><td>c</td><td>3</td></tr></tbody></table>";
        var doc = DocumentReaders.Default.Read(Encoding.UTF8.GetBytes(html), "t.html");
        var rows = doc.Lines.Where(l => l.IsTableRow).ToList();
        Assert.Equal([(1, "b"), (2, "2")], rows[1].Cells.Select(c => (c.Column!.Value, c.Text)));
        Assert.Equal([(0, "c"), (1, "3")], rows[2].Cells.Select(c => (c.Column!.Value, c.Text)));
    }

    [Fact]
    public void Html_overlapping_cells_are_reported_as_a_notice()
    {
        const string html = "<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td colspan=3>d</td></tr></table>";
        var doc = DocumentReaders.Default.Read(Encoding.UTF8.GetBytes(html), "t.html");
        Assert.Contains(doc.Notices, n => n.Code == "table-model-error");
        Assert.Equal([(0, 3, "d")], doc.Lines.Where(l => l.IsTableRow).Last().Cells.Select(c => (c.Column!.Value, c.ColumnSpan, c.Text)));
    }
}
