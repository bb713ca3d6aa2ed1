namespace Nianbao.Documents.Html;

/// <summary>A table as markup describes it, before any span is resolved: row groups of rows of cells.</summary>
public sealed record GridTableInput(IReadOnlyList<GridRowGroup> Groups);

/// <summary>A <c>thead</c>, <c>tbody</c> or <c>tfoot</c> (or the implicit group of rows placed directly in the table).</summary>
public sealed record GridRowGroup(bool IsFoot, IReadOnlyList<IReadOnlyList<GridCellInput>> Rows);

/// <summary>One <c>td</c>/<c>th</c> with its span attributes exactly as written (null when absent).</summary>
public sealed record GridCellInput(string? ColSpan, string? RowSpan);

/// <summary>Where a cell landed: its origin slot and the spans it was given after the spec's clamping.</summary>
public readonly record struct PlacedCell(int GroupIndex, int RowInGroup, int CellIndex, int X, int Y, int ColSpan, int RowSpan);

/// <summary>
/// The slots of a table after rowspan/colspan expansion. <see cref="Owner"/> gives the index in
/// <see cref="Cells"/> of the cell covering a slot, or -1. <see cref="RowY"/> gives, for each source
/// row (in the order rows were processed, tfoot last), its grid row. Slots are stored only for rows
/// that have a <c>tr</c>: a span reaching past the last row (rowspan=65534 is legal) costs nothing.
/// </summary>
public sealed class TableGrid
{
    private readonly List<List<int>> _occupied;

    internal TableGrid(int width, int height, List<List<int>> occupied, IReadOnlyList<PlacedCell> cells, IReadOnlyList<(int Group, int Row, int Y)> rowY, int overlaps)
    {
        Width = width;
        Height = height;
        _occupied = occupied;
        Cells = cells;
        RowY = rowY;
        Overlaps = overlaps;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The cell covering slot (x, y): the one that claimed it first; -1 for an empty slot.</summary>
    public int Owner(int y, int x)
    {
        if (y < 0 || x < 0 || y >= Height || x >= Width) return -1;
        if (y < _occupied.Count && x < _occupied[y].Count && _occupied[y][x] >= 0) return _occupied[y][x];
        if (RowY.Any(r => r.Y == y)) return -1;
        // Rows without a tr of their own are not stored; whichever span reaches there, first placed first.
        for (var i = 0; i < Cells.Count; i++)
        {
            var c = Cells[i];
            if (y >= c.Y && y < c.Y + c.RowSpan && x >= c.X && x < c.X + c.ColSpan) return i;
        }
        return -1;
    }
    public IReadOnlyList<PlacedCell> Cells { get; }
    public IReadOnlyList<(int Group, int Row, int Y)> RowY { get; }

    /// <summary>Slots claimed by more than one cell (a table-model error); the first occupant kept them.</summary>
    public int Overlaps { get; }

    public const int MaxColSpan = 1000;
    public const int MaxRowSpan = 65534;

    /// <summary>
    /// The WHATWG "forming a table" algorithm (html.spec.whatwg.org, tables: forming a table): row
    /// groups in tree order with every tfoot postponed to the end; each row starts at x=0 and skips
    /// slots already covered from above; colspan 0 or invalid → 1, clamped to 1000; rowspan invalid →
    /// 1, 0 → grows to the end of its row group, clamped to 65534. Cells that would cover an occupied
    /// slot keep only the slots still free (first occupant wins).
    /// </summary>
    public static TableGrid Build(GridTableInput table) => Build(table, ReadLimits.Default);

    /// <summary>
    /// As <see cref="Build(GridTableInput)"/>, refusing (with <see cref="Limits.ReadLimitException"/>) a
    /// grid with more stored slots than <see cref="ReadLimits.MaxTableCells"/>: rowspans are clipped to
    /// the rows the table has and colspans to 1000 (as the spec says), so only a table that really is
    /// that large can reach it.
    /// </summary>
    public static TableGrid Build(GridTableInput table, ReadLimits limits)
    {
        long slots = 0;
        var order = new List<int>();
        for (var g = 0; g < table.Groups.Count; g++) if (!table.Groups[g].IsFoot) order.Add(g);
        for (var g = 0; g < table.Groups.Count; g++) if (table.Groups[g].IsFoot) order.Add(g);

        var occupied = new List<List<int>>(); // occupied[y][x], -1 free; grows as needed
        var cells = new List<PlacedCell>();
        var rowY = new List<(int, int, int)>();
        int width = 0, height = 0, overlaps = 0;

        void Ensure(int y, int x)
        {
            while (occupied.Count <= y) occupied.Add(new List<int>());
            var row = occupied[y];
            if (row.Count <= x)
            {
                slots += x + 1 - row.Count;
                if (slots > limits.MaxTableCells)
                    throw Limits.ReadLimitException.TooLarge($"表格展开合并单元格后超过 {limits.MaxTableCells} 格", $"a table of more than {limits.MaxTableCells} cells once its spans are laid out");
            }
            while (row.Count <= x) row.Add(-1);
        }
        bool IsFree(int y, int x) => y >= occupied.Count || x >= occupied[y].Count || occupied[y][x] < 0;
        void Claim(int y, int x, int cell)
        {
            Ensure(y, x);
            if (occupied[y][x] >= 0) { overlaps++; return; }
            occupied[y][x] = cell;
        }

        foreach (var g in order)
        {
            var group = table.Groups[g];
            var yStart = height;
            var yCurrent = yStart;
            // Later groups start below every span of this one, so only this group's own rows can collide.
            var groupEnd = yStart + group.Rows.Count;
            var growing = new List<(int Cell, int X, int Width)>();
            for (var r = 0; r < group.Rows.Count; r++)
            {
                if (height == yCurrent) height++;
                // Downward-growing cells of this group cover the new row before its own cells are placed.
                foreach (var (cell, gx, gw) in growing)
                {
                    for (var x = gx; x < gx + gw; x++) Claim(yCurrent, x, cell);
                    var c = cells[cell];
                    cells[cell] = c with { RowSpan = yCurrent - c.Y + 1 };
                }
                rowY.Add((g, r, yCurrent));
                var xCurrent = 0;
                var row = group.Rows[r];
                for (var i = 0; i < row.Count; i++)
                {
                    while (xCurrent < width && !IsFree(yCurrent, xCurrent)) xCurrent++;
                    var colSpan = ParseSpan(row[i].ColSpan, 1);
                    if (colSpan == 0) colSpan = 1;
                    colSpan = Math.Min(colSpan, MaxColSpan);
                    var rowSpan = Math.Min(ParseSpan(row[i].RowSpan, 1), MaxRowSpan);
                    var grows = rowSpan == 0;
                    if (grows) rowSpan = 1;
                    width = Math.Max(width, xCurrent + colSpan);
                    height = Math.Max(height, yCurrent + rowSpan);
                    var index = cells.Count;
                    cells.Add(new PlacedCell(g, r, i, xCurrent, yCurrent, colSpan, rowSpan));
                    for (var y = yCurrent; y < Math.Min(yCurrent + rowSpan, groupEnd); y++)
                        for (var x = xCurrent; x < xCurrent + colSpan; x++)
                            Claim(y, x, index);
                    if (grows) growing.Add((index, xCurrent, colSpan));
                    xCurrent += colSpan;
                }
                yCurrent++;
            }
            // Ending a row group: rowspans reaching past its last row still belong to it, so the next
            // group starts below them; growing cells stop at the group's end.
            if (yCurrent < height)
                foreach (var (cell, _, _) in growing)
                    cells[cell] = cells[cell] with { RowSpan = height - cells[cell].Y };
        }
        return new TableGrid(width, height, occupied, cells, rowY, overlaps);
    }

    /// <summary>The HTML "rules for parsing non-negative integers": leading whitespace, optional +, digits; otherwise the default.</summary>
    internal static int ParseSpan(string? value, int fallback)
    {
        if (value is null) return fallback;
        var i = 0;
        while (i < value.Length && value[i] is ' ' or '\t' or '\n' or '\f' or '\r') i++;
        if (i < value.Length && value[i] == '+') i++;
        if (i >= value.Length || !char.IsAsciiDigit(value[i])) return fallback;
        long n = 0;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            n = n * 10 + (value[i] - '0');
            if (n > int.MaxValue) n = int.MaxValue;
            i++;
        }
        return (int)n;
    }
}
