using Nianbao.Analysis.Cells;
using Nianbao.Domain;

namespace Nianbao.Analysis.Summaries;

/// <summary>The sum of one cell over a set of reports and how many reports did not state it, by why.</summary>
public readonly record struct CellTotal(CellPath Path, decimal? Sum, int Summed, int Blank, int Ambiguous, int Unread, int Absent)
{
    /// <summary>
    /// For an amount whose unit is printed with it (2019 采购总金额: 元, 万元 or none), the units of the
    /// summed numbers. Amounts in different units are not added: <see cref="Sum"/> is then null.
    /// </summary>
    public IReadOnlyList<string?>? Units { get; init; }

    public bool MixedUnits => Units is { Count: > 1 };

    /// <summary>The one unit of the sum, where the cell carries one.</summary>
    public string? Unit => Units is [var unit] ? unit : null;

    /// <summary>Reports that have the cell in their layout but give no number for it.</summary>
    public int NotSummed => Blank + Ambiguous + Unread;
}

/// <summary>
/// The three tables summed cell by cell over a set of reports. Only numbers are added; a blank,
/// ambiguous or unread cell is counted as such and adds nothing — it is never taken as 0. A cell no
/// report states has no sum (null), not 0.
/// </summary>
public sealed class TableTally
{
    private static readonly CellLayout Layout = CellLayout.All;
    private readonly decimal[] _sums = new decimal[Layout.Count];
    // Whole numbers of kept reports (scale 0, as most are) summed as integers beside _sums: a decimal
    // addition costs several times an integer one, and a province adds two million numbers. The total is
    // the same decimal, scale included (a sum's scale is its addends' largest, and these have none).
    private readonly long[] _wholeSums = new long[Layout.Count];
    // Whether a slot's amount carries its unit (looked up once, not per number).
    private static readonly bool[] HasUnit = Enumerable.Range(0, Layout.Count).Select(i => Layout.Fields[i].UnitKey is not null).ToArray();
    private const long WholeLimit = 1L << 40;
    // Per slot, how many reports were in each state but Absent (slot * 5 + CellState); a slot's absent
    // count is the reports less those (every report adds one state to every slot).
    private readonly int[] _states = new int[Layout.Count * 5];
    private readonly Dictionary<string, int> _templates = [];
    // For amounts that carry their unit: the units seen among the summed numbers (null: none printed).
    private readonly Dictionary<int, List<string?>> _units = [];

    public int Reports { get; private set; }

    /// <summary>How many reports follow each template (contract names: 2021, 2019, legacy, unknown).</summary>
    public IReadOnlyDictionary<string, int> Templates => _templates;

    public void Add(CellStates states)
    {
        var report = states.Report;
        Reports++;
        var template = report.Template.ToContractName();
        _templates[template] = _templates.GetValueOrDefault(template) + 1;
        foreach (var table in report.Tables)
        {
            var map = Layout.SlotsIn(table.Schema);
            for (var i = 0; i < map.Length; i++)
            {
                if (map[i] < 0) continue;
                var (state, value) = states.StateAt(table.ValueAt(map[i]), Layout.Paths[i]);
                _states[i * 5 + (int)state]++;
                if (value is not { } v) continue;
                _sums[i] += v;
                if (Layout.Fields[i].UnitKey is not null)
                {
                    var units = _units.TryGetValue(i, out var u) ? u : _units[i] = [];
                    var path = Layout.Paths[i];
                    var unit = table.UnitOf(path.Row, path.Field);
                    if (!units.Contains(unit)) units.Add(unit);
                }
            }
        }
    }

    /// <summary>Adds a report given as its cells laid out on <see cref="CellLayout.All"/> (same counts as <see cref="Add(CellStates)"/>).</summary>
    public void Add(LaidOutCells cells)
    {
        Reports++;
        _templates[cells.Template] = _templates.GetValueOrDefault(cells.Template) + 1;
        for (var i = 0; i < Layout.Count; i++)
        {
            var state = cells.StateAt(i);
            if (state == CellState.Absent) continue;
            _states[i * 5 + (int)state]++;
            if (state != CellState.Value) continue;
            _sums[i] += cells.ValueAt(i);
            if (Layout.Fields[i].UnitKey is not null)
            {
                var units = _units.TryGetValue(i, out var u) ? u : _units[i] = [];
                var unit = cells.UnitAt(i);
                if (!units.Contains(unit)) units.Add(unit);
            }
        }
    }

    /// <summary>
    /// Adds a report kept as <see cref="ReportCells"/>: the same as <see cref="Add(LaidOutCells)"/> with the
    /// layout it was copied from (slots in the same order, so units are seen in the same order).
    /// </summary>
    public void Add(ReportCells cells)
    {
        Reports++;
        _templates[cells.Template] = _templates.GetValueOrDefault(cells.Template) + 1;
        var (slots, states, values, units) = (cells.Slots, cells.States, cells.Values, cells.Units);
        for (var k = 0; k < slots.Length; k++)
        {
            var (i, state) = (slots[k], states[k]);
            _states[i * 5 + (int)state]++;
            if (state != CellState.Value) continue;
            var v = values[k];
            if (v.Scale == 0 && v > -WholeLimit && v < WholeLimit) _wholeSums[i] += (long)v;
            else _sums[i] += v;
            if (HasUnit[i])
            {
                var seen = _units.TryGetValue(i, out var u) ? u : _units[i] = [];
                if (!seen.Contains(units[k])) seen.Add(units[k]);
            }
        }
    }

    public CellTotal this[CellPath path] => At(Layout.SlotOf(path) is var slot and >= 0 ? slot : throw new ArgumentException($"{path} is in no national template."));

    /// <summary>Every cell of the union layout, in order.</summary>
    public IEnumerable<CellTotal> Cells() => Enumerable.Range(0, Layout.Count).Select(At);

    private CellTotal At(int slot)
    {
        int Count(CellState state) => _states[slot * 5 + (int)state];
        var summed = Count(CellState.Value);
        var units = _units.TryGetValue(slot, out var u) ? u.ToList() : null;
        return new CellTotal(Layout.Paths[slot], summed > 0 && units is not { Count: > 1 } ? _sums[slot] + _wholeSums[slot] : null, summed,
            Count(CellState.Blank), Count(CellState.Ambiguous), Count(CellState.Unread),
            Reports - summed - Count(CellState.Blank) - Count(CellState.Ambiguous) - Count(CellState.Unread)) { Units = units };
    }
}
