namespace Nianbao.Analysis.Cells;

/// <summary>
/// One report's cells as <see cref="LaidOutCells"/> holds them, kept: only the slots the report has (its
/// state, number and unit each), in slot order, never changed. A process that keeps every report's
/// contribution to a summary between writes keeps these rather than a full layout per report (a
/// province's ten thousand reports would hold every slot of every template each).
/// </summary>
public sealed class ReportCells
{
    private ReportCells(string template, int[] slots, CellState[] states, decimal[] values, string?[] units)
    {
        Template = template;
        Slots = slots;
        States = states;
        Values = values;
        Units = units;
    }

    public string Template { get; }

    // Ascending slots of CellLayout.All, and per slot its state, number (0 unless a value) and unit.
    internal int[] Slots { get; }
    internal CellState[] States { get; }
    internal decimal[] Values { get; }
    internal string?[] Units { get; }

    /// <summary>A copy of what <paramref name="cells"/> holds now (it can be reset and reused after).</summary>
    public static ReportCells Of(LaidOutCells cells)
    {
        var count = 0;
        for (var i = 0; i < CellLayout.All.Count; i++)
            if (cells.StateAt(i) != CellState.Absent) count++;
        var (slots, states, values, units) = (new int[count], new CellState[count], new decimal[count], new string?[count]);
        var k = 0;
        for (var i = 0; i < CellLayout.All.Count; i++)
        {
            if (cells.StateAt(i) is var state && state == CellState.Absent) continue;
            (slots[k], states[k], values[k], units[k]) = (i, state, cells.ValueAt(i), cells.UnitAt(i));
            k++;
        }
        return new ReportCells(cells.Template, slots, states, values, units);
    }
}
