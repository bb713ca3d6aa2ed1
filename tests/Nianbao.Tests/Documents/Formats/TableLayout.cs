using System.Globalization;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Documents.Formats;

/// <summary>One printed cell at its origin slot; <see cref="Path"/> is set for a data cell.</summary>
public sealed record LayoutCell(string Text, int Col, int ColSpan = 1, int RowSpan = 1, CellPath? Path = null);

public sealed record LayoutRow(IReadOnlyList<LayoutCell> Cells);

/// <summary>
/// A statutory table as the official form prints it (template-reference §1.3–1.5): origin cells with
/// their spans on a grid. Writers for each format render this; tests know from it which grid column
/// each number must come back in.
/// </summary>
public sealed record TableLayout(string Title, int Width, IReadOnlyList<LayoutRow> Rows)
{
    public IEnumerable<(int Row, LayoutCell Cell)> DataCells() =>
        Rows.SelectMany((r, y) => r.Cells.Where(c => c.Path is not null).Select(c => (y, c)));

    /// <summary>For each slot, the origin cell covering it and the cell's origin row; null where nothing is.</summary>
    public (LayoutCell Cell, int OriginRow)?[,] Slots()
    {
        var slots = new (LayoutCell, int)?[Rows.Count, Width];
        for (var y = 0; y < Rows.Count; y++)
            foreach (var c in Rows[y].Cells)
                for (var dy = 0; dy < c.RowSpan; dy++)
                    for (var dx = 0; dx < c.ColSpan; dx++)
                    {
                        if (slots[y + dy, c.Col + dx] is not null) throw new InvalidOperationException($"Layout overlap at {y + dy},{c.Col + dx}");
                        slots[y + dy, c.Col + dx] = (c, y);
                    }
        return slots;
    }

    /// <summary>Cuts the table before row <paramref name="at"/>; a rowspan crossing the cut continues as an empty cell in the second part.</summary>
    public (TableLayout First, TableLayout Second) SplitAt(int at)
    {
        var first = Rows.Take(at).Select((r, y) => new LayoutRow(r.Cells.Select(c => y + c.RowSpan > at ? c with { RowSpan = at - y } : c).ToList())).ToList();
        var second = Rows.Skip(at).Select(r => r.Cells.ToList()).ToList();
        for (var y = 0; y < at; y++)
            foreach (var c in Rows[y].Cells.Where(c => y + c.RowSpan > at))
                second[0].Add(new LayoutCell("", c.Col, c.ColSpan, y + c.RowSpan - at));
        return (this with { Rows = first }, this with { Title = Title + "（续）", Rows = second.Select(cs => new LayoutRow(cs.OrderBy(c => c.Col).ToList())).ToList() });
    }

    public static string Print(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static TableLayout ActiveDisclosure(Report report)
    {
        var table = report.ActiveDisclosure!;
        var rows = new List<LayoutRow>();
        foreach (var group in table.Schema.Rows.GroupBy(r => r.Group))
        {
            rows.Add(new LayoutRow([new LayoutCell(group.Key ?? "", 0, 4)]));
            var fields = group.First().Fields;
            var span = fields.Count == 1 ? 3 : 1;
            rows.Add(new LayoutRow([new LayoutCell("信息内容", 0), .. fields.Select((f, i) => new LayoutCell(f.PrintedLabel, 1 + i, span))]));
            foreach (var row in group)
                rows.Add(new LayoutRow([new LayoutCell(row.PrintedLabel, 0),
                    .. row.Fields.Select((f, i) => new LayoutCell(Print(table[row.Key, f.Key]), 1 + i, span, 1, new CellPath(table.Kind, row.Key, f.Key)))]));
        }
        return new TableLayout("二、主动公开政府信息情况", 4, rows);
    }

    public const string ApplicationsNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    public static TableLayout Applications(Report report)
    {
        var table = report.Applications!;
        var rows = new List<LayoutRow>
        {
            new([new LayoutCell(ApplicationsNote, 0, 3, 3), new LayoutCell("申请人情况", 3, 7)]),
            new([new LayoutCell("自然人", 3, 1, 2), new LayoutCell("法人或其他组织", 4, 5), new LayoutCell("总计", 9, 1, 2)]),
            new(ApplicationColumns.All.Skip(1).Take(5).Select((f, i) => new LayoutCell(f.PrintedLabel, 4 + i)).ToList()),
        };
        var schemaRows = table.Schema.Rows;
        const string results = "三、本年度办理结果";
        var firstResult = schemaRows.ToList().FindIndex(r => r.Group is not null);
        var resultCount = schemaRows.Count(r => r.Group is not null);
        for (var i = 0; i < schemaRows.Count; i++)
        {
            var row = schemaRows[i];
            var cells = new List<LayoutCell>();
            if (i == firstResult) cells.Add(new LayoutCell(results, 0, 1, resultCount));
            if (row.Group is null) cells.Add(new LayoutCell(row.PrintedLabel, 0, 3));
            else if (row.Group == results) cells.Add(new LayoutCell(row.PrintedLabel, 1, 2));
            else
            {
                if (i == 0 || schemaRows[i - 1].Group != row.Group)
                    cells.Add(new LayoutCell(row.Group, 1, 1, schemaRows.Skip(i).TakeWhile(r => r.Group == row.Group).Count()));
                cells.Add(new LayoutCell(row.PrintedLabel, 2));
            }
            cells.AddRange(row.Fields.Select((f, c) => new LayoutCell(Print(table[row.Key, f.Key]), 3 + c, 1, 1, new CellPath(table.Kind, row.Key, f.Key))));
            rows.Add(new LayoutRow(cells));
        }
        return new TableLayout("三、收到和处理政府信息公开申请情况", 10, rows);
    }

    public static TableLayout ReviewsAndLawsuits(Report report)
    {
        var table = report.ReviewsAndLawsuits!;
        var labels = ReviewColumns.All.Select(f => f.PrintedLabel).ToList();
        var rows = new List<LayoutRow>
        {
            new([new LayoutCell("行政复议", 0, 5), new LayoutCell("行政诉讼", 5, 10)]),
            new([.. labels.Select((l, i) => new LayoutCell(l, i, 1, 2)), new LayoutCell("未经复议直接起诉", 5, 5), new LayoutCell("复议后起诉", 10, 5)]),
            new([.. labels.Select((l, i) => new LayoutCell(l, 5 + i)), .. labels.Select((l, i) => new LayoutCell(l, 10 + i))]),
            new(table.Schema.Rows.SelectMany((r, g) => r.Fields.Select((f, i) =>
                new LayoutCell(Print(table[r.Key, f.Key]), g * 5 + i, 1, 1, new CellPath(table.Kind, r.Key, f.Key)))).ToList()),
        };
        return new TableLayout("四、政府信息公开行政复议、行政诉讼情况", 15, rows);
    }
}
