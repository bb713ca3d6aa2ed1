using System.Globalization;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Cells;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Domain;

namespace Nianbao.Queries;

/// <summary>
/// A summary over the archive without reading every cell out of it: the database counts and sums the
/// cells per group, path and state (<see cref="ArchiveStore.CellTotals"/>), and only the few dozen
/// cells the metrics read are fetched per report (<see cref="MetricCatalog.InputCells"/>). The result
/// is the very summary <see cref="ArchiveReports.Read"/> + <see cref="SummaryBuilder.Add(AgencyReport)"/>
/// give (settled cells count as numbers, blank, ambiguous and unread ones are counted, never 0);
/// the tests compare the two on both databases.
/// </summary>
public static class ArchiveSummary
{
    private static readonly IReadOnlyList<string> MetricPaths = MetricCatalog.InputCells.Select(p => p.ToString()).ToList();
    private static readonly IReadOnlyList<string> UnitPaths = TableTally.UnitCells.Select(p => p.ToString()).ToList();

    /// <summary>
    /// The summary of the reports of <paramref name="filter"/>, with those of <paramref name="previous"/>
    /// serving the year-over-year changes only.
    /// </summary>
    public static Summary Build(ArchiveStore store, ArchiveReports source, SummaryOptions options, ReportFilter filter, ReportFilter? previous, IEnumerable<AgencyRef> expected)
    {
        var builder = new SummaryBuilder(options);
        var by = options.By switch
        {
            GroupBy.Agency => CellGrouping.Agency,
            GroupBy.Level => CellGrouping.Level,
            GroupBy.Region => CellGrouping.Region,
            GroupBy.Year => CellGrouping.Year,
            _ => CellGrouping.None,
        };
        var keys = new Dictionary<string, GroupKey>(StringComparer.Ordinal);
        foreach (var (entry, agency, cells) in Reports(store, source, filter))
        {
            var year = entry.Year ?? throw new ArgumentException($"{agency.Name}：报告没有年度，无法汇总 (report has no year).");
            builder.Add(agency, year, ReportTemplateNames.FromContractName(entry.Template).ToContractName(), cells);
            if (by == CellGrouping.None) continue;
            var key = builder.KeyOf(agency, year);
            var raw = ArchiveStore.GroupValue(entry, by);
            if (keys.TryGetValue(raw, out var known) && known.Key != key.Key)
                throw new InvalidOperationException($"group {raw} is both {known.Key} and {key.Key}");
            keys[raw] = key;
        }
        if (previous is not null)
            foreach (var (entry, agency, cells) in Reports(store, source, previous))
                if (entry.Year is { } year) builder.AddPrevious(agency, year, cells);

        var totals = store.CellTotals(filter, by, UnitPaths);
        TableTally? GroupTally(string raw) => by == CellGrouping.None ? null : builder.TablesOf(keys[raw]);
        // Numbers with decimals, added exactly here (the database summed the whole ones).
        var fractions = new Dictionary<(string Group, string Path), decimal>();
        foreach (var f in totals.Fractions)
            fractions[(f.Group, f.Path)] = fractions.GetValueOrDefault((f.Group, f.Path)) + decimal.Parse(f.ValueText, NumberStyles.Number, CultureInfo.InvariantCulture);
        foreach (var c in totals.Counts)
        {
            if (!CellPath.TryParse(c.Path, out var path)) continue;
            var state = StateOf(c.Status);
            var sum = state == CellState.Value ? c.WholeSum + fractions.GetValueOrDefault((c.Group, c.Path)) : 0m;
            var count = checked((int)c.Count);
            builder.TablesOf(null).AddCells(path, state, count, sum);
            GroupTally(c.Group)?.AddCells(path, state, count, sum);
        }
        // Units in the order the reports would have been added (by id): the first report that printed each.
        foreach (var cell in totals.Units.GroupBy(u => u.Path))
        {
            if (!CellPath.TryParse(cell.Key, out var path)) continue;
            foreach (var unit in cell.GroupBy(u => u.Unit).Select(u => (u.Key, First: u.Select(x => x.FirstReport).Order(StringComparer.Ordinal).First())).OrderBy(u => u.First, StringComparer.Ordinal))
                builder.TablesOf(null).AddUnit(path, unit.Key);
            if (by == CellGrouping.None) continue;
            foreach (var unit in cell.OrderBy(u => u.FirstReport, StringComparer.Ordinal))
                GroupTally(unit.Group)!.AddUnit(path, unit.Unit);
        }
        return builder.Build(expected);
    }

    /// <summary>
    /// The reports of a filter with their agencies and the cells the metrics read, in the order
    /// <see cref="ArchiveReports.Read"/> gives them (by id, reports without cells last).
    /// </summary>
    private static IEnumerable<(ReportEntry Entry, AgencyRef Agency, ICellStates Cells)> Reports(ArchiveStore store, ArchiveReports source, ReportFilter filter)
    {
        var entries = store.ListReports(filter);
        source.Preload(entries.Select(e => e.RegionCode));
        var withCells = store.ReportsWithCells(filter);
        var cells = new Dictionary<string, CellStateMap>(StringComparer.Ordinal);
        foreach (var cell in store.CellsAt(filter, MetricPaths))
        {
            if (!CellPath.TryParse(cell.Path, out var path)) continue;
            if (!cells.TryGetValue(cell.ReportId, out var map)) cells[cell.ReportId] = map = new CellStateMap();
            var state = cell.Status is CellStatus.Value or CellStatus.Settled && cell.ValueText is null ? CellState.Blank : StateOf(cell.Status);
            map.Set(path, state, state == CellState.Value ? decimal.Parse(cell.ValueText!, NumberStyles.Number, CultureInfo.InvariantCulture) : null);
        }
        var none = new CellStateMap();
        return entries.OrderBy(e => withCells.Contains(e.Id) ? 0 : 1).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => (e, source.AgencyOf(e), (ICellStates)(cells.GetValueOrDefault(e.Id) ?? none)))
            .ToList();
    }

    /// <summary>A stored cell's state for sums: a number (settled included), ambiguous, unread, else blank (<see cref="ArchiveReports"/> reads them so).</summary>
    private static CellState StateOf(string status) => status switch
    {
        CellStatus.Value or CellStatus.Settled => CellState.Value,
        CellStatus.Ambiguous => CellState.Ambiguous,
        CellStatus.Unread => CellState.Unread,
        _ => CellState.Blank,
    };
}
