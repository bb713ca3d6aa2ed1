namespace Nianbao.Domain.Tables;

/// <summary>One column of a table row, e.g. 本年制发件数 → <c>issued</c>.</summary>
public sealed record FieldSchema(string Key, string PrintedLabel, ValueKind Kind = ValueKind.Count)
{
    /// <summary>
    /// The contract key of the unit printed with this number, for a column whose label names none
    /// (2019 采购总金额 → <c>amountUnit</c>: agencies write 元 or 万元 in the cell or the header).
    /// </summary>
    public string? UnitKey { get; init; }
}

/// <summary>
/// One printed row of a statutory table. <see cref="MatchKeys"/> are fragments that identify the row
/// by meaning (labels vary between provinces and converters), most specific first.
/// </summary>
public sealed record RowSchema(string Key, string PrintedLabel, IReadOnlyList<FieldSchema> Fields, IReadOnlyList<string> MatchKeys)
{
    /// <summary>The item number printed before the label inside its group ("3." of 3.危及…), if any.</summary>
    public int? ItemNumber { get; init; }

    /// <summary>The group caption the row belongs to, e.g. 第二十条第（五）项 or （三）不予公开.</summary>
    public string? Group { get; init; }
}

/// <summary>A statutory table as one template prints it: its rows in printed order.</summary>
public sealed class TableSchema
{
    public TableSchema(TableKind kind, IReadOnlyList<RowSchema> rows)
    {
        Kind = kind;
        Rows = rows;
        _byKey = rows.ToDictionary(r => r.Key);
        _firstSlot = new Dictionary<string, int>();
        var paths = new List<CellPath>();
        var fields = new List<FieldSchema>();
        foreach (var row in rows)
        {
            _firstSlot[row.Key] = paths.Count;
            foreach (var field in row.Fields)
            {
                paths.Add(new CellPath(kind, row.Key, field.Key));
                fields.Add(field);
            }
        }
        _paths = [.. paths];
        _fields = [.. fields];
        CellCount = _paths.Length;
    }

    private readonly Dictionary<string, RowSchema> _byKey;
    private readonly Dictionary<string, int> _firstSlot;
    // Per slot, row by row: checks walk every cell of every report, so paths are made once per schema.
    private readonly CellPath[] _paths;
    private readonly FieldSchema[] _fields;

    /// <summary>How many cells the table has.</summary>
    public int CellCount { get; }

    /// <summary>The slot of a row's first cell (its others follow in field order), or -1 when the layout has no such row.</summary>
    public int FirstSlotOf(string row) => _firstSlot.GetValueOrDefault(row, -1);

    /// <summary>The position of a cell in row-by-row order, or -1 when the layout has no such cell.</summary>
    public int SlotOf(string row, string field)
    {
        if (!_firstSlot.TryGetValue(row, out var first)) return -1;
        var fields = _byKey[row].Fields;
        for (var i = 0; i < fields.Count; i++)
            if (string.Equals(fields[i].Key, field, StringComparison.Ordinal)) return first + i;
        return -1;
    }

    public TableKind Kind { get; }
    public IReadOnlyList<RowSchema> Rows { get; }

    public RowSchema? Row(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Every cell, row by row (slot order).</summary>
    public IReadOnlyList<CellPath> Cells() => _paths;

    public CellPath PathAt(int slot) => _paths[slot];

    public FieldSchema FieldAt(int slot) => _fields[slot];

    public FieldSchema? Field(CellPath path) =>
        path.Table == Kind && SlotOf(path.Row, path.Field) is var slot and >= 0 ? _fields[slot] : null;
}
