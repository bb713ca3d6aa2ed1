using Nianbao.Domain;
using Nianbao.Domain.Tables;

namespace Nianbao.Rendering.Layout;

/// <summary>What a cell of a printed table is; renderers style by role.</summary>
public enum CellRole
{
    /// <summary>A full-width block caption such as 第二十条第（一）项.</summary>
    Caption,
    /// <summary>A column heading such as 自然人 or 本年制发件数.</summary>
    Header,
    /// <summary>The printed note of table 三 (勾稽关系).</summary>
    Note,
    /// <summary>A row label such as 1.属于国家秘密.</summary>
    Label,
    /// <summary>A number of the data contract (or an empty cell to fill in).</summary>
    Value,
}

/// <summary>
/// One cell of a printed table at its origin slot. Merged cells are one cell with spans, as in
/// HTML; Word and spreadsheets derive their continuation cells from the spans.
/// </summary>
public sealed record LayoutCell(int Row, int Column, int RowSpan, int ColumnSpan, CellRole Role, string Text)
{
    /// <summary>For a <see cref="CellRole.Value"/> cell: the contract cell it shows.</summary>
    public CellPath? Path { get; init; }

    /// <summary>For a value cell: the number, null when the report has none (rendered empty, never 0).</summary>
    public decimal? Value { get; init; }

    public ValueKind Kind { get; init; } = ValueKind.Count;

    public bool Covers(int row, int column) =>
        row >= Row && row < Row + RowSpan && column >= Column && column < Column + ColumnSpan;
}

/// <summary>A statutory table laid out as the national format prints it: a grid with merged cells.</summary>
public sealed class TableLayout
{
    private readonly LayoutCell?[,] _origin;
    private readonly LayoutCell?[,] _cover;

    public TableLayout(TableKind kind, int rows, int columns, int headerRows, IReadOnlyList<LayoutCell> cells)
    {
        Kind = kind;
        Rows = rows;
        Columns = columns;
        HeaderRows = headerRows;
        Cells = cells.OrderBy(c => c.Row).ThenBy(c => c.Column).ToList();
        _origin = new LayoutCell?[rows, columns];
        _cover = new LayoutCell?[rows, columns];
        foreach (var cell in Cells)
        {
            _origin[cell.Row, cell.Column] = cell;
            for (var r = cell.Row; r < cell.Row + cell.RowSpan; r++)
                for (var c = cell.Column; c < cell.Column + cell.ColumnSpan; c++)
                {
                    if (_cover[r, c] is not null)
                        throw new InvalidOperationException($"Layout of {kind.ToContractName()}: cells overlap at ({r},{c}).");
                    _cover[r, c] = cell;
                }
        }
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                if (_cover[r, c] is null)
                    throw new InvalidOperationException($"Layout of {kind.ToContractName()}: slot ({r},{c}) is not covered.");
    }

    public TableKind Kind { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>How many leading rows are headings (repeated on a new page).</summary>
    public int HeaderRows { get; }

    public IReadOnlyList<LayoutCell> Cells { get; }

    /// <summary>The cell that starts at this slot, or null when the slot is covered by a merge.</summary>
    public LayoutCell? OriginAt(int row, int column) => _origin[row, column];

    /// <summary>The cell that covers this slot (every slot is covered by exactly one cell).</summary>
    public LayoutCell CoverAt(int row, int column) => _cover[row, column]!;

    public IEnumerable<LayoutCell> RowCells(int row) => Cells.Where(c => c.Row == row);

    public IEnumerable<LayoutCell> Values => Cells.Where(c => c.Role == CellRole.Value);
}
