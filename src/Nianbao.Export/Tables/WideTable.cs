using Nianbao.Analysis.Cells;
using Nianbao.Domain;
using Nianbao.Domain.Tables;

namespace Nianbao.Export.Tables;

/// <summary>
/// One row per report, one column per cell path of any national template (a cell the report's
/// template does not have is empty), and the printed unit of amounts that carry one.
/// </summary>
public sealed class WideTable : IExportTable
{
    private static readonly CellLayout Layout = CellLayout.All;
    // Per column after the agency columns: the layout slot, or −1 − slot for that slot's unit column.
    private readonly int[] _slots;

    public WideTable()
    {
        var columns = new List<ExportColumn>(AgencyColumns.All);
        var slots = new List<int>();
        for (var i = 0; i < Layout.Count; i++)
        {
            var field = Layout.Fields[i];
            var path = Layout.Paths[i];
            columns.Add(new ExportColumn(path.ToString(), Layout.LabelOf(i), field.Kind == ValueKind.Money ? ColumnType.Decimal : ColumnType.Integer));
            slots.Add(i);
            if (field.UnitKey is { } unitKey)
            {
                columns.Add(new ExportColumn($"{path.Table.ToContractName()}.{path.Row}.{unitKey}", Layout.LabelOf(i) + "（单位）", ColumnType.Text));
                slots.Add(-1 - i);
            }
        }
        // The optional fee-collection table (信息处理费收取情况), empty for a report that does not print it.
        foreach (var (key, label) in FeeCollection.Columns)
            columns.Add(new ExportColumn("feeCollection." + key, "信息处理费收取情况 · " + label, key == "notifiedCount" ? ColumnType.Integer : ColumnType.Decimal));
        Columns = columns;
        _slots = [.. slots];
    }

    public IReadOnlyList<ExportColumn> Columns { get; }

    public string Name => "reports";

    public IEnumerable<object?[]> RowsOf(ExportRow row)
    {
        var values = new object?[Columns.Count];
        AgencyColumns.Fill(values, row);
        var first = AgencyColumns.All.Count;
        for (var c = 0; c < _slots.Length; c++)
        {
            var slot = _slots[c] >= 0 ? _slots[c] : -1 - _slots[c];
            var path = Layout.Paths[slot];
            var table = row.Report.Table(path.Table);
            if (table is null || table.Schema.SlotOf(path.Row, path.Field) < 0) continue;
            values[first + c] = _slots[c] >= 0
                ? AgencyColumns.Number(table[path], Columns[first + c].Type, row, path)
                : table.UnitOf(path.Row, path.Field);
        }
        if (row.Report.FeeCollection is { } fee)
            for (var i = 0; i < FeeCollection.Columns.Count; i++)
            {
                var c = first + _slots.Length + i;
                values[c] = AgencyColumns.Number(fee.Values[i], Columns[c].Type, row, new CellPath(TableKind.ActiveDisclosure, "feeCollection", FeeCollection.Columns[i].Key));
            }
        yield return values;
    }
}
