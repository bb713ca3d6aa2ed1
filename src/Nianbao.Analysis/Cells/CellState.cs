using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Analysis.Cells;

/// <summary>What a report holds in a cell. Only <see cref="Value"/> is ever summed: the others are
/// counted as such in the coverage, never as 0.</summary>
public enum CellState
{
    /// <summary>The report states a number.</summary>
    Value,
    /// <summary>The cell is empty ("", "-", "/", "—", "无") with no reading note about it.</summary>
    Blank,
    /// <summary>The digits allow several readings (rule R-1): left null by the reader.</summary>
    Ambiguous,
    /// <summary>A reading note other than R-1 names the cell (lost in conversion, row not found, …).</summary>
    Unread,
    /// <summary>The report has no such cell: the table is missing, or its template has no such row or column.</summary>
    Absent,
}

/// <summary>A report's cells as the metrics see them: each cell's state and its number when it has one.</summary>
public interface ICellStates
{
    (CellState State, decimal? Value) Of(CellPath path);
}

/// <summary>
/// The null cells of one report sorted by why they are null. Built once per report from its reading
/// notes (rules R-*: what the reader could not do), so that each cell's state is a lookup.
/// </summary>
public sealed class CellStates : ICellStates
{
    private readonly HashSet<CellPath> _ambiguous = [];
    private readonly HashSet<CellPath> _unread = [];

    public CellStates(Report report)
    {
        Report = report;
        foreach (var finding in report.ReadingNotes)
        {
            if (finding.Rule == Rules.AmbiguousDigits) _ambiguous.UnionWith(finding.Cells);
            else if (finding.Rule.StartsWith("R-", StringComparison.Ordinal)) _unread.UnionWith(finding.Cells);
        }
    }

    public Report Report { get; }

    /// <summary>The state of a cell and its number when it has one.</summary>
    public (CellState State, decimal? Value) Of(CellPath path)
    {
        var table = Report.Table(path.Table);
        if (table is null) return (CellState.Absent, null);
        var slot = table.Schema.SlotOf(path.Row, path.Field);
        if (slot < 0) return (CellState.Absent, null);
        return StateAt(table.ValueAt(slot), path);
    }

    /// <summary>The state of a cell whose value was already looked up by slot.</summary>
    public (CellState State, decimal? Value) StateAt(decimal? value, CellPath path) =>
        value is { } v ? (CellState.Value, v)
        : _ambiguous.Contains(path) ? (CellState.Ambiguous, null)
        : _unread.Contains(path) ? (CellState.Unread, null)
        : (CellState.Blank, null);
}

/// <summary>
/// One report's cells laid out on <see cref="CellLayout.All"/>: per slot its state, number and unit,
/// filled by whoever holds the cells in another form (the archive's cell vectors). Reusable: <see cref="Reset"/>
/// makes every cell absent again. Slots a report's layout lacks stay <see cref="CellState.Absent"/>.
/// </summary>
public sealed class LaidOutCells : ICellStates
{
    private static readonly CellLayout Layout = CellLayout.All;
    private readonly CellState[] _states = new CellState[Layout.Count];
    private readonly decimal[] _values = new decimal[Layout.Count];
    private readonly string?[] _units = new string?[Layout.Count];

    public LaidOutCells() => Reset("unknown");

    /// <summary>The report's template (contract name).</summary>
    public string Template { get; private set; } = "unknown";

    public void Reset(string template)
    {
        Template = template;
        Array.Fill(_states, CellState.Absent);
        Array.Clear(_units);
    }

    /// <summary>Sets a cell by its slot in <see cref="CellLayout.All"/> (a value without a number is blank).</summary>
    public void Set(int slot, CellState state, decimal? value, string? unit)
    {
        if (slot < 0) return;
        _states[slot] = state == CellState.Value && value is null ? CellState.Blank : state;
        _values[slot] = value ?? 0m;
        _units[slot] = unit;
    }

    public CellState StateAt(int slot) => _states[slot];
    public decimal ValueAt(int slot) => _values[slot];
    public string? UnitAt(int slot) => _units[slot];

    public (CellState State, decimal? Value) Of(CellPath path) =>
        Layout.SlotOf(path) is var slot and >= 0 && _states[slot] is var state && state != CellState.Absent
            ? (state, state == CellState.Value ? _values[slot] : null)
            : (CellState.Absent, null);
}
