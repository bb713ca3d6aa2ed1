using Nianbao.Analysis.Cells;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;

namespace Nianbao.Export.Tables;

/// <summary>
/// One row per cell of each report's own layout: its value or why it has none (blank, ambiguous with
/// the readings the document allows, unread; settled when another year's report decided it), and
/// where the number stands in the source.
/// </summary>
public sealed class LongTable : IExportTable
{
    private static readonly CellLayout Layout = CellLayout.All;

    public IReadOnlyList<ExportColumn> Columns { get; } =
    [
        .. AgencyColumns.All,
        new("cellPath", "单元格路径", ColumnType.Text),
        new("label", "单元格", ColumnType.Text),
        new("value", "数值", ColumnType.Decimal),
        new("state", "状态", ColumnType.Text),
        new("unit", "单位", ColumnType.Text),
        new("candidates", "可能的读法", ColumnType.Text),
        new("printedText", "原文", ColumnType.Text),
        new("start", "文本起点", ColumnType.Integer),
        new("length", "文本长度", ColumnType.Integer),
        new("confidence", "读取方式", ColumnType.Text),
        new("page", "页码", ColumnType.Integer),
        new("boxLeft", "框左", ColumnType.Decimal),
        new("boxBottom", "框下", ColumnType.Decimal),
        new("boxRight", "框右", ColumnType.Decimal),
        new("boxTop", "框上", ColumnType.Decimal),
        new("sourceTable", "源表格序号", ColumnType.Integer),
        new("sourceRow", "源行", ColumnType.Integer),
        new("sourceColumn", "源列", ColumnType.Integer),
        new("settledBy", "据以确定的他年报告", ColumnType.Text),
    ];

    public string Name => "cells";

    public IEnumerable<object?[]> RowsOf(ExportRow row)
    {
        var report = row.Report;
        var states = new CellStates(report);
        var candidates = new Dictionary<CellPath, string>();
        foreach (var f in report.Findings)
            if (f.Rule == Rules.AmbiguousDigits && f.Candidates is { Count: > 0 } c)
                foreach (var cell in f.Cells) candidates.TryAdd(cell, string.Join(" | ", c));
        var first = AgencyColumns.All.Count;
        foreach (var table in report.Tables)
        {
            var schema = table.Schema;
            for (var slot = 0; slot < schema.CellCount; slot++)
            {
                var path = schema.PathAt(slot);
                var field = schema.FieldAt(slot);
                var values = new object?[Columns.Count];
                AgencyColumns.Fill(values, row);
                var (state, value) = states.StateAt(table.ValueAt(slot), path);
                values[first] = path.ToString();
                values[first + 1] = Layout.SlotOf(path) is var s and >= 0 ? Layout.LabelOf(s) : path.ToString();
                values[first + 2] = value;
                var settledBy = row.SettledBy?.GetValueOrDefault(path);
                values[first + 3] = settledBy is not null && value is not null ? "settled" : state.ToString().ToLowerInvariant();
                values[first + 18] = settledBy;
                values[first + 4] = field.UnitKey is not null || field.Kind == ValueKind.Money ? table.UnitOf(path.Row, path.Field) : null;
                values[first + 5] = candidates.GetValueOrDefault(path);
                if (report.Provenance.TryGetValue(path, out var source))
                {
                    values[first + 6] = source.Text;
                    values[first + 7] = (long)source.Start;
                    values[first + 8] = (long)source.Length;
                    values[first + 9] = settledBy is not null ? "settledByNeighbour" : char.ToLowerInvariant(source.Confidence.ToString()[0]) + source.Confidence.ToString()[1..];
                    if (source.Box is { } box)
                    {
                        values[first + 10] = (long)box.Page;
                        values[first + 11] = Math.Round((decimal)box.Left, 1);
                        values[first + 12] = Math.Round((decimal)box.Bottom, 1);
                        values[first + 13] = Math.Round((decimal)box.Right, 1);
                        values[first + 14] = Math.Round((decimal)box.Top, 1);
                    }
                    values[first + 15] = source.Table is { } t ? (long)t : null;
                    values[first + 16] = source.Row is { } r ? (long)r : null;
                    values[first + 17] = source.Column is { } col ? (long)col : null;
                }
                yield return values;
            }
        }
        // The optional fee-collection table (信息处理费收取情况): its cells after the statutory tables', when printed.
        if (report.FeeCollection is { } fee)
            for (var i = 0; i < FeeCollection.Columns.Count; i++)
            {
                var values = new object?[Columns.Count];
                AgencyColumns.Fill(values, row);
                var (key, label) = FeeCollection.Columns[i];
                values[first] = "feeCollection." + key;
                values[first + 1] = "信息处理费收取情况 · " + label;
                values[first + 2] = fee.Values[i];
                values[first + 3] = fee.Values[i] is null ? "blank" : "value";
                yield return values;
            }
    }
}
