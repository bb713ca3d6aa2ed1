using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Rendering.Layout;

/// <summary>
/// Lays the three statutory tables out exactly as the national formats print them
/// (template-reference.md §1.3–1.5, §2.2): captions, headings, labels and merges. The row set and
/// labels come from the table's own <see cref="TableSchema"/>, so both templates share this code.
/// </summary>
public static class NationalTables
{
    /// <summary>The printed note in the top-left cell of table 三.</summary>
    public const string BalanceNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    public const string ResultsLabel = "三、本年度办理结果";

    public static TableLayout For(TableValues values) => values.Kind switch
    {
        TableKind.ActiveDisclosure => ActiveDisclosure(values),
        TableKind.Applications => Applications(values),
        _ => ReviewsAndLawsuits(values),
    };

    private static LayoutCell ValueCell(TableValues values, int row, int column, int columnSpan, RowSchema rowSchema, FieldSchema field) =>
        new(row, column, 1, columnSpan, CellRole.Value, "")
        {
            Path = new CellPath(values.Kind, rowSchema.Key, field.Key),
            Value = values[rowSchema.Key, field.Key],
            Kind = field.Kind,
        };

    /// <summary>
    /// Table 二: one block per 第二十条 item, each a full-width caption row, a heading row
    /// (信息内容 + the block's fields) and its rows. A block with fewer fields than the widest one
    /// stretches its last field over the remaining columns, as the official form does.
    /// </summary>
    public static TableLayout ActiveDisclosure(TableValues values)
    {
        var rows = values.Schema.Rows;
        var columns = 1 + rows.Max(r => r.Fields.Count);
        var cells = new List<LayoutCell>();
        var r = 0;
        foreach (var block in rows.GroupBy(x => x.Group ?? ""))
        {
            cells.Add(new LayoutCell(r++, 0, 1, columns, CellRole.Caption, block.Key));
            var fields = block.First().Fields;
            cells.Add(new LayoutCell(r, 0, 1, 1, CellRole.Header, "信息内容"));
            for (var i = 0; i < fields.Count; i++)
                cells.Add(new LayoutCell(r, 1 + i, 1, Stretch(i, fields.Count, columns), CellRole.Header, HeaderOf(values, block.First(), fields[i])));
            r++;
            foreach (var row in block)
            {
                cells.Add(new LayoutCell(r, 0, 1, 1, CellRole.Label, row.PrintedLabel));
                for (var i = 0; i < row.Fields.Count; i++)
                    cells.Add(ValueCell(values, r, 1 + i, Stretch(i, row.Fields.Count, columns), row, row.Fields[i]));
                r++;
            }
        }
        return new TableLayout(TableKind.ActiveDisclosure, r, columns, 0, cells);
    }

    /// <summary>A column whose label names no unit gets the one the report gives: 采购总金额（单位：万元）.</summary>
    private static string HeaderOf(TableValues values, RowSchema row, FieldSchema field) =>
        field.UnitKey is not null && values.UnitOf(row.Key, field.Key) is { } unit ? $"{field.PrintedLabel}（单位：{unit}）" : field.PrintedLabel;

    private static int Stretch(int index, int count, int columns) => index == count - 1 ? columns - count : 1;

    /// <summary>
    /// Table 三: three label columns and seven data columns under a three-row heading; the result
    /// rows hang under 三、本年度办理结果 and the （三）–（六） groups span their numbered sub-rows.
    /// </summary>
    public static TableLayout Applications(TableValues values)
    {
        const int labelColumns = 3;
        var columns = ApplicationColumns.All;
        var width = labelColumns + columns.Count;
        var cells = new List<LayoutCell>
        {
            new(0, 0, 3, labelColumns, CellRole.Note, BalanceNote),
            new(0, labelColumns, 1, columns.Count, CellRole.Header, "申请人情况"),
            new(1, labelColumns, 2, 1, CellRole.Header, columns[0].PrintedLabel),
            new(1, labelColumns + 1, 1, columns.Count - 2, CellRole.Header, "法人或其他组织"),
            new(1, width - 1, 2, 1, CellRole.Header, columns[^1].PrintedLabel),
        };
        for (var i = 1; i < columns.Count - 1; i++)
            cells.Add(new LayoutCell(2, labelColumns + i, 1, 1, CellRole.Header, columns[i].PrintedLabel));

        var schemaRows = values.Schema.Rows;
        var results = ApplicationRows.ResultRows(values.Schema).Select(x => x.Key)
            .Append(ApplicationRows.TotalHandled).ToHashSet();
        var r = 3;
        for (var i = 0; i < schemaRows.Count; i++)
        {
            var row = schemaRows[i];
            if (!results.Contains(row.Key))
                cells.Add(new LayoutCell(r, 0, 1, labelColumns, CellRole.Label, row.PrintedLabel));
            else
            {
                if (i == 0 || !results.Contains(schemaRows[i - 1].Key))
                    cells.Add(new LayoutCell(r, 0, schemaRows.Count(x => results.Contains(x.Key)), 1, CellRole.Label, ResultsLabel));
                if (row.ItemNumber is null)
                    cells.Add(new LayoutCell(r, 1, 1, 2, CellRole.Label, row.PrintedLabel));
                else
                {
                    if (i == 0 || schemaRows[i - 1].Group != row.Group)
                        cells.Add(new LayoutCell(r, 1, schemaRows.Skip(i).TakeWhile(x => x.Group == row.Group).Count(), 1, CellRole.Label, row.Group ?? ""));
                    cells.Add(new LayoutCell(r, 2, 1, 1, CellRole.Label, row.PrintedLabel));
                }
            }
            for (var c = 0; c < row.Fields.Count; c++)
                cells.Add(ValueCell(values, r, labelColumns + c, 1, row, row.Fields[c]));
            r++;
        }
        return new TableLayout(TableKind.Applications, r, width, 3, cells);
    }

    /// <summary>
    /// Table 四: 行政复议 (five columns) and 行政诉讼 (ten: 未经复议直接起诉 and 复议后起诉) over a
    /// two-level heading, then one row of fifteen numbers.
    /// </summary>
    public static TableLayout ReviewsAndLawsuits(TableValues values)
    {
        var groups = values.Schema.Rows;
        var fieldCount = groups[0].Fields.Count;
        var cells = new List<LayoutCell>();
        var column = 0;
        foreach (var top in groups.GroupBy(g => TopLabel(g)))
        {
            var members = top.ToList();
            cells.Add(new LayoutCell(0, column, 1, members.Count * fieldCount, CellRole.Header, top.Key));
            foreach (var group in members)
            {
                var subLabel = SubLabel(group);
                if (subLabel is null)
                    for (var f = 0; f < fieldCount; f++)
                        cells.Add(new LayoutCell(1, column + f, 2, 1, CellRole.Header, group.Fields[f].PrintedLabel));
                else
                {
                    cells.Add(new LayoutCell(1, column, 1, fieldCount, CellRole.Header, subLabel));
                    for (var f = 0; f < fieldCount; f++)
                        cells.Add(new LayoutCell(2, column + f, 1, 1, CellRole.Header, group.Fields[f].PrintedLabel));
                }
                for (var f = 0; f < fieldCount; f++)
                    cells.Add(ValueCell(values, 3, column + f, 1, group, group.Fields[f]));
                column += fieldCount;
            }
        }
        return new TableLayout(TableKind.ReviewsAndLawsuits, 4, column, 3, cells);
    }

    // "行政诉讼·未经复议直接起诉" is printed as 行政诉讼 over 未经复议直接起诉.
    private static string TopLabel(RowSchema group) => group.PrintedLabel.Split('·')[0];

    private static string? SubLabel(RowSchema group)
    {
        var parts = group.PrintedLabel.Split('·');
        return parts.Length > 1 ? parts[1] : null;
    }
}
