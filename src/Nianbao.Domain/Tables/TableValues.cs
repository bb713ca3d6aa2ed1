namespace Nianbao.Domain.Tables;

/// <summary>
/// The numbers of one statutory table, laid out by its schema. A cell the document leaves blank,
/// marks "-", "/", "—" or "无", or that could not be read with certainty is <c>null</c> — never 0.
/// Immutable: built by a <see cref="TableDraft"/>, so a published report can be shared between threads.
/// </summary>
public sealed class TableValues
{
    // One slot per cell of the schema, row by row: checks read every cell many times.
    private readonly decimal?[] _cells;
    // Only a few cells of a few reports carry a unit.
    private readonly string?[]? _units;

    internal TableValues(TableSchema schema, decimal?[] cells, string?[]? units)
    {
        Schema = schema;
        _cells = cells;
        _units = units;
    }

    /// <summary>A table of the schema with every cell blank.</summary>
    public static TableValues Empty(TableSchema schema) => new(schema, new decimal?[schema.CellCount], null);

    public TableSchema Schema { get; }
    public TableKind Kind => Schema.Kind;

    public decimal? this[string row, string field] => Schema.SlotOf(row, field) is var slot and >= 0 ? _cells[slot] : null;

    public decimal? this[CellPath path] =>
        path.Table == Kind ? this[path.Row, path.Field] : throw new ArgumentException($"{path} is not in {Kind.ToContractName()}.");

    public bool HasRow(string row) => Schema.Row(row) is not null;

    /// <summary>True when no cell of the table holds a number.</summary>
    public bool IsEmpty => _cells.All(v => v is null);

    /// <summary>
    /// The unit printed with an amount, as printed: 元, 万元. The contract carries it where the column
    /// names none (<see cref="FieldSchema.UnitKey"/>); where the column names one (2021 本年收费金额（万元）),
    /// a different unit in the cell is what the checks question.
    /// </summary>
    public string? UnitOf(string row, string field) => _units is not null && Schema.SlotOf(row, field) is var slot and >= 0 ? _units[slot] : null;

    /// <summary>The value in a slot (see <see cref="TableSchema.SlotOf"/>).</summary>
    public decimal? ValueAt(int slot) => _cells[slot];

    /// <summary>The unit in a slot, if one was printed.</summary>
    public string? UnitAt(int slot) => _units?[slot];

    public IEnumerable<(CellPath Path, decimal? Value)> Cells()
    {
        for (var slot = 0; slot < _cells.Length; slot++) yield return (Schema.PathAt(slot), _cells[slot]);
    }

    /// <summary>A draft holding the same numbers, to edit into a new table.</summary>
    public TableDraft ToDraft() => new(Schema, (decimal?[])_cells.Clone(), (string?[]?)_units?.Clone());

    /// <summary>Same schema, same numbers, same units.</summary>
    public bool SameAs(TableValues other) =>
        ReferenceEquals(Schema, other.Schema) && _cells.AsSpan().SequenceEqual(other._cells)
        && (_units ?? new string?[_cells.Length]).AsSpan().SequenceEqual(other._units ?? new string?[_cells.Length]);
}

/// <summary>
/// A table being filled in by a reader, an author's form or a test; <see cref="ToValues"/> publishes
/// an immutable copy. Not thread-safe: one draft belongs to one reader.
/// </summary>
public sealed class TableDraft
{
    private readonly decimal?[] _cells;
    private string?[]? _units;

    public TableDraft(TableSchema schema) : this(schema, new decimal?[schema.CellCount], null) { }

    internal TableDraft(TableSchema schema, decimal?[] cells, string?[]? units)
    {
        Schema = schema;
        _cells = cells;
        _units = units;
    }

    public TableSchema Schema { get; }
    public TableKind Kind => Schema.Kind;

    public decimal? this[string row, string field]
    {
        get => Schema.SlotOf(row, field) is var slot and >= 0 ? _cells[slot] : null;
        set
        {
            var slot = Schema.SlotOf(row, field);
            if (slot < 0) throw new ArgumentException($"{Kind.ToContractName()} has no cell {row}.{field} in this template.");
            _cells[slot] = value;
        }
    }

    public decimal? this[CellPath path]
    {
        get => path.Table == Kind ? this[path.Row, path.Field] : throw new ArgumentException($"{path} is not in {Kind.ToContractName()}.");
        set => this[path.Row, path.Field] = path.Table == Kind ? value : throw new ArgumentException($"{path} is not in {Kind.ToContractName()}.");
    }

    public bool HasRow(string row) => Schema.Row(row) is not null;

    public bool IsEmpty => _cells.All(v => v is null);

    public string? UnitOf(string row, string field) => _units is not null && Schema.SlotOf(row, field) is var slot and >= 0 ? _units[slot] : null;

    public void SetUnit(string row, string field, string? unit)
    {
        var slot = Schema.SlotOf(row, field);
        if (slot < 0 || Schema.FieldAt(slot) is { UnitKey: null, Kind: not ValueKind.Money })
            throw new ArgumentException($"{Kind.ToContractName()} cell {row}.{field} is not an amount and carries no unit.");
        (_units ??= new string?[_cells.Length])[slot] = unit;
    }

    public decimal? ValueAt(int slot) => _cells[slot];

    /// <summary>Sets the cell in a slot (see <see cref="TableSchema.SlotOf"/>) without looking its row and field up by name.</summary>
    public void SetAt(int slot, decimal? value) => _cells[slot] = value;

    public IEnumerable<(CellPath Path, decimal? Value)> Cells()
    {
        for (var slot = 0; slot < _cells.Length; slot++) yield return (Schema.PathAt(slot), _cells[slot]);
    }

    /// <summary>An immutable copy: later edits of the draft do not reach it.</summary>
    public TableValues ToValues() => new(Schema, (decimal?[])_cells.Clone(), (string?[]?)_units?.Clone());
}
