using Nianbao.Documents.Model;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Where a real table's header puts each data column. A ruled PDF prints nothing in a blank cell, so
/// a row with blanks has fewer numbers than cells; its numbers still stand in the grid columns of
/// their cells, and the header says which column is which. Only for tokens that all sit in one row
/// of one source table.
/// </summary>
internal static class HeaderColumns
{
    /// <summary>The source table and row the tokens share, or null when they do not share one.</summary>
    public static DocLine? SharedRow(IReadOnlyList<NumberToken> tokens) =>
        tokens.Count > 0 && tokens[0].Line.Table is not null && tokens.All(t => ReferenceEquals(t.Line, tokens[0].Line) && t.Cell.Column is not null)
            ? tokens[0].Line
            : null;

    /// <summary>
    /// Table 四: each group's 总计 stands right after its four results, so three header cells reading
    /// 总计, five columns apart, give all fifteen columns.
    /// </summary>
    public static IReadOnlyList<int>? OfReviewGroups(DocumentView view, DocLine row, int start, int end)
    {
        var totals = HeaderCells(view, row, start, end)
            .Where(c => Compact(c.Text) == "总计")
            .Select(c => c.Column!.Value).Distinct().Order().ToList();
        if (totals.Count != 3 || totals[0] < 4 || totals[1] - totals[0] != 5 || totals[2] - totals[1] != 5) return null;
        return totals.SelectMany(t => Enumerable.Range(t - 4, 5)).ToList();
    }

    /// <summary>
    /// Table 二: the block's heading row (信息内容 and one cell per field) nearest above the row gives
    /// the fields' columns, when it has exactly one cell per field.
    /// </summary>
    public static IReadOnlyList<int>? OfBlockFields(DocumentView view, DocLine row, int fieldCount, int start)
    {
        var heading = view.Document.Lines
            .Where(l => l.Table == row.Table && l.Start >= start && l.Start < row.Start)
            .LastOrDefault(l => l.Cells.Any(c => Compact(c.Text) == "信息内容"));
        if (heading is null) return null;
        var fields = heading.Cells.SkipWhile(c => Compact(c.Text) != "信息内容").Skip(1)
            .Where(c => c.Column is not null && Compact(c.Text).Length > 0).Select(c => c.Column!.Value).ToList();
        return fields.Count == fieldCount ? fields : null;
    }

    private static IEnumerable<DocCell> HeaderCells(DocumentView view, DocLine row, int start, int end) =>
        view.Document.Lines
            .Where(l => l.Table == row.Table && l.Start >= start && l.Start < end && !ReferenceEquals(l, row))
            .SelectMany(l => l.Cells)
            .Where(c => c.Column is not null);

    private static string Compact(string text) => string.Concat(text.Where(ch => !char.IsWhiteSpace(ch)));
}
