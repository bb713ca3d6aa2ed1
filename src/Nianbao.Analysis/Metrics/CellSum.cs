using Nianbao.Analysis.Cells;
using Nianbao.Domain;

namespace Nianbao.Analysis.Metrics;

/// <summary>
/// A sum of cells named by path. Where the templates print a quantity differently (（六）其他处理 is
/// three rows in 2021, one row in 2019), it lists alternatives: the first whose cells all exist in the
/// report's layout is used. Every cell of the chosen alternative must hold a number, or the sum has none.
/// </summary>
public sealed class CellSum
{
    private CellSum(IReadOnlyList<IReadOnlyList<CellPath>> alternatives)
    {
        Alternatives = alternatives;
        _slots = alternatives.Select(a => a.Select(CellLayout.All.SlotOf).ToArray()).ToArray();
    }

    // Each alternative's cells as slots of CellLayout.All (−1: in no template), for cells given laid out.
    private readonly int[][] _slots;

    public IReadOnlyList<IReadOnlyList<CellPath>> Alternatives { get; }

    public static CellSum Of(params string[] paths) => new([paths.Select(CellPath.Parse).ToList()]);

    /// <summary>Another way the same quantity is printed, tried when the earlier ones are not in the layout.</summary>
    public CellSum Or(params string[] paths) => new([.. Alternatives, paths.Select(CellPath.Parse).ToList()]);

    /// <summary>The sum for one report, or why it has none (the first cell without a number decides).</summary>
    public (decimal Sum, NotApplicable? Missing) Evaluate(ICellStates states)
    {
        if (states is LaidOutCells laidOut) return Evaluate(laidOut);
        foreach (var cells in Alternatives)
        {
            if (cells.Any(c => states.Of(c).State == CellState.Absent)) continue;
            var sum = 0m;
            foreach (var cell in cells)
            {
                var (state, value) = states.Of(cell);
                if (value is not { } v) return (0m, Reason(state));
                sum += v;
            }
            return (sum, null);
        }
        return (0m, NotApplicable.InputAbsent);
    }

    /// <summary>The same evaluation on cells laid out by slot: a summary evaluates every metric of every report.</summary>
    private (decimal Sum, NotApplicable? Missing) Evaluate(LaidOutCells cells)
    {
        foreach (var slots in _slots)
        {
            var present = true;
            foreach (var slot in slots)
                if (slot < 0 || cells.StateAt(slot) == CellState.Absent) { present = false; break; }
            if (!present) continue;
            var sum = 0m;
            foreach (var slot in slots)
            {
                var state = cells.StateAt(slot);
                if (state != CellState.Value) return (0m, Reason(state));
                sum += cells.ValueAt(slot);
            }
            return (sum, null);
        }
        return (0m, NotApplicable.InputAbsent);
    }

    /// <summary>The formula as documented: paths joined by +, alternatives by "or".</summary>
    public override string ToString() =>
        string.Join(" 或 / or ", Alternatives.Select(a => string.Join(" + ", a)));

    private static NotApplicable Reason(CellState state) => state switch
    {
        CellState.Ambiguous => NotApplicable.InputAmbiguous,
        CellState.Unread => NotApplicable.InputUnread,
        CellState.Absent => NotApplicable.InputAbsent,
        _ => NotApplicable.InputBlank,
    };
}
