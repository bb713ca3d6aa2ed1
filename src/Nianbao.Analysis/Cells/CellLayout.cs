using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Analysis.Cells;

/// <summary>
/// Every cell any national template has, in one order: the 2021 layout with the 2019 format's own
/// rows and columns placed after their printed predecessors. Summaries over reports of both formats
/// and wide exports (one column per cell path, fixed before the first report is seen) use it.
/// </summary>
public sealed class CellLayout
{
    public static CellLayout All { get; } = new(TemplateSchema.All);

    private readonly Dictionary<CellPath, int> _slots;
    private readonly Dictionary<TableSchema, int[]> _fromSchema = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    private CellLayout(IReadOnlyList<TemplateSchema> templates)
    {
        var paths = new List<CellPath>();
        var fields = new List<FieldSchema>();
        var rows = new List<RowSchema>();
        foreach (var kind in Enum.GetValues<TableKind>())
        {
            var merged = MergeRows(templates.Select(t => t.Table(kind)).ToList());
            foreach (var (row, rowFields) in merged)
                foreach (var field in rowFields)
                {
                    paths.Add(new CellPath(kind, row.Key, field.Key));
                    fields.Add(field);
                    rows.Add(row);
                }
        }
        Paths = paths;
        Fields = fields;
        Rows = rows;
        _slots = paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
    }

    /// <summary>Every cell path, table by table, row by row.</summary>
    public IReadOnlyList<CellPath> Paths { get; }

    /// <summary>The column of each path (the first template's, when both print it).</summary>
    public IReadOnlyList<FieldSchema> Fields { get; }

    /// <summary>The row of each path (the first template's, when both print it).</summary>
    public IReadOnlyList<RowSchema> Rows { get; }

    public int Count => Paths.Count;

    public int SlotOf(CellPath path) => _slots.GetValueOrDefault(path, -1);

    /// <summary>
    /// For each slot of this layout, the slot of the same cell in <paramref name="schema"/> (−1 when it
    /// has none). Made once per schema: a summary looks up every cell of every report.
    /// </summary>
    public int[] SlotsIn(TableSchema schema)
    {
        lock (_lock)
        {
            if (_fromSchema.TryGetValue(schema, out var map)) return map;
            map = new int[Count];
            for (var i = 0; i < Count; i++)
                map[i] = Paths[i].Table == schema.Kind ? schema.SlotOf(Paths[i].Row, Paths[i].Field) : -1;
            return _fromSchema[schema] = map;
        }
    }

    /// <summary>
    /// The national Chinese label of a cell: table, group, row and column as printed, e.g.
    /// 表三 三、本年度办理结果（三）不予公开 1.属于国家秘密 · 自然人.
    /// </summary>
    public string LabelOf(int slot)
    {
        var path = Paths[slot];
        var row = Rows[slot];
        var table = path.Table switch
        {
            TableKind.ActiveDisclosure => "表二",
            TableKind.Applications => "表三",
            _ => "表四",
        };
        // The group caption is part of the label where the row's own label repeats across groups (1.…, 规章).
        var group = row.Group is { } g && (row.ItemNumber is not null || path.Table == TableKind.ActiveDisclosure) ? g + " " : "";
        return $"{table} {group}{row.PrintedLabel} · {Fields[slot].PrintedLabel}";
    }

    private readonly Dictionary<TableSchema, int[]> _toLayout = new(ReferenceEqualityComparer.Instance);

    /// <summary>For each slot of <paramref name="schema"/>, the slot of the same cell in this layout (−1 when it has none).</summary>
    public int[] SlotsOf(TableSchema schema)
    {
        lock (_lock)
        {
            if (_toLayout.TryGetValue(schema, out var map)) return map;
            map = new int[schema.CellCount];
            for (var i = 0; i < map.Length; i++) map[i] = SlotOf(schema.PathAt(i));
            return _toLayout[schema] = map;
        }
    }

    private static List<(RowSchema Row, List<FieldSchema> Fields)> MergeRows(IReadOnlyList<TableSchema> schemas)
    {
        var merged = new List<(RowSchema Row, List<FieldSchema> Fields)>();
        foreach (var schema in schemas)
        {
            string? previous = null;
            foreach (var row in schema.Rows)
            {
                var at = merged.FindIndex(m => m.Row.Key == row.Key);
                if (at < 0)
                {
                    // A row only this template prints goes after the row it follows in print.
                    var after = previous is null ? -1 : merged.FindIndex(m => m.Row.Key == previous);
                    at = after + 1;
                    merged.Insert(at, (row, []));
                }
                var fields = merged[at].Fields;
                foreach (var field in row.Fields)
                    if (!fields.Any(f => f.Key == field.Key)) fields.Add(field);
                previous = row.Key;
            }
        }
        return merged;
    }
}
