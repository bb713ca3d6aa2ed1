using Nianbao.Documents.Model;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// The column grid of one ruled table: every vertical rule x position seen in any of its rows. A
/// ruled cell's grid column is the edge its left rule stands on, its span the edges it covers, so a
/// blank cell (which prints no text and so yields no cell) leaves a visible gap in the columns.
/// </summary>
internal sealed class ColumnGrid
{
    private const double Tolerance = 2;
    private readonly List<double> _edges;

    private ColumnGrid(List<double> edges) => _edges = edges;

    public static ColumnGrid Of(IEnumerable<RowItem> rows)
    {
        var edges = new List<double>();
        foreach (var x in rows.SelectMany(r => r.Edges).Order())
            if (edges.Count == 0 || x - edges[^1] > Tolerance) edges.Add(x);
        return new ColumnGrid(edges);
    }

    public CellInput Place(RowCell cell)
    {
        if (cell.Frame is not { } f || _edges.Count < 2) return cell.Text.ToCell();
        var column = _edges.FindIndex(e => Math.Abs(e - f.Left) <= Tolerance);
        if (column < 0) return cell.Text.ToCell();
        var span = 1 + _edges.Count(e => e > f.Left + Tolerance && e < f.Right - Tolerance);
        return cell.Text.ToCell(column) with { ColumnSpan = span };
    }
}
