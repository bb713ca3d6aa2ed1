using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Cells;
using Nianbao.Analysis.Metrics;
using Nianbao.Domain;

namespace Nianbao.Analysis.Summaries;

/// <summary>
/// Sums reports as they come (streaming: a report is looked at once and not kept), then builds the
/// <see cref="Summary"/>. Reports of the year before, given with <see cref="AddPrevious"/>, only serve
/// the year-over-year changes. Kept per report: its agency and a few numbers per metric.
/// </summary>
public sealed class SummaryBuilder(SummaryOptions options)
{
    private sealed class Group(GroupKey key)
    {
        public GroupKey Key { get; } = key;
        public TableTally Tables { get; } = new();
        public MetricTally[] Metrics { get; } = MetricCatalog.All.Select(m => new MetricTally(m)).ToArray();
        public List<(AgencyRef Agency, int Year)> Reports { get; } = [];
        public SortedSet<int> Years { get; } = [];
        public List<MissingReport> Missing { get; } = [];

        public void Add(AgencyRef agency, int year, CellStates? states, LaidOutCells? laidOut, ReportCells? kept, MetricInput[] inputs)
        {
            if (states is not null) Tables.Add(states);
            else if (laidOut is not null) Tables.Add(laidOut);
            else Tables.Add(kept!);
            for (var i = 0; i < inputs.Length; i++) Metrics[i].Add(inputs[i]);
            Reports.Add((agency, year));
            Years.Add(year);
        }
    }

    private readonly Group _total = new(new GroupKey("all", "合计", 0));
    private readonly Dictionary<string, Group> _groups = [];
    // Every report's metric inputs by agency and year: for rankings and year-over-year changes.
    private readonly Dictionary<(string Agency, int Year), (AgencyRef Agency, MetricInput[] Inputs, IReadOnlyList<MetricResult>? Results)> _current = [];
    private readonly Dictionary<(string Agency, int Year), MetricInput[]> _previous = [];

    public SummaryOptions Options { get; } = options;

    /// <summary>Adds a report to the summary. A report without a year cannot be summed by year and is refused.</summary>
    public void Add(AgencyReport entry)
    {
        var year = entry.Year ?? throw new ArgumentException($"{entry.Agency.Name}：报告没有年度，无法汇总 (report has no year).");
        var states = new CellStates(entry.Report);
        Add(entry.Agency, year, states, null, states);
    }

    /// <summary>
    /// Adds a report given as its cells laid out on <see cref="CellLayout.All"/> (as an archive stores them):
    /// the same sums, coverage and metrics as <see cref="Add(AgencyReport)"/> with the report itself.
    /// </summary>
    public void Add(AgencyRef agency, int year, LaidOutCells cells) => Add(agency, year, null, cells, null, Inputs(cells));

    /// <summary>
    /// Adds a report kept from an earlier summary: its cells and its metric inputs (<see cref="Inputs"/> of
    /// the same cells), so a summary made again after a write does not lay out or evaluate unchanged reports again.
    /// </summary>
    /// <param name="results">The report's own metric results (<see cref="ResultsOf"/> of <paramref name="inputs"/>), kept with it.</param>
    public void Add(AgencyRef agency, int year, ReportCells cells, MetricInput[] inputs, IReadOnlyList<MetricResult>? results = null) =>
        Add(agency, year, null, null, cells, inputs, results);

    private void Add(AgencyRef agency, int year, CellStates? states, LaidOutCells? laidOut, ICellStates metricCells) =>
        Add(agency, year, states, laidOut, null, Inputs(metricCells));

    private void Add(AgencyRef agency, int year, CellStates? states, LaidOutCells? laidOut, ReportCells? kept, MetricInput[] inputs, IReadOnlyList<MetricResult>? results = null)
    {
        if (_current.ContainsKey((agency.Id, year)))
            throw new InvalidOperationException($"{agency.Name} {year}年有两份报告：汇总只取每个机关每年的现行版本 (two reports for one agency and year).");
        _current[(agency.Id, year)] = (agency, inputs, results);
        _total.Add(agency, year, states, laidOut, kept, inputs);
        if (Options.By != GroupBy.None) GroupOf(Options.KeyOf(agency, year)).Add(agency, year, states, laidOut, kept, inputs);
    }

    /// <summary>Adds a report of an earlier year that only serves the year-over-year change.</summary>
    public void AddPrevious(AgencyReport entry)
    {
        if (entry.Year is not { } year) return;
        AddPrevious(entry.Agency, year, new CellStates(entry.Report));
    }

    /// <summary>Adds a report of an earlier year, given by its cells, that only serves the year-over-year change.</summary>
    public void AddPrevious(AgencyRef agency, int year, ICellStates metricCells) => _previous[(agency.Id, year)] = Inputs(metricCells);

    /// <summary>Adds a report of an earlier year by its metric inputs (<see cref="Inputs"/>), kept from an earlier summary.</summary>
    public void AddPrevious(AgencyRef agency, int year, MetricInput[] inputs) => _previous[(agency.Id, year)] = inputs;

    public void AddRange(IEnumerable<AgencyReport> entries)
    {
        foreach (var e in entries) Add(e);
    }

    /// <summary>
    /// The summary; <paramref name="expected"/> are the agencies reports are expected from. With a
    /// scope, only those placed inside it count (an unplaced one cannot be said to belong to it).
    /// </summary>
    public Summary Build(IEnumerable<AgencyRef>? expected = null)
    {
        var years = (Options.Years ?? []).Concat(_current.Keys.Select(k => k.Year));
        foreach (var missing in Missing.Of(expected ?? [], _current.Keys, years, Options.ScopeRegionCode))
        {
            _total.Missing.Add(missing);
            if (Options.By != GroupBy.None) GroupOf(Options.KeyOf(missing.Agency, missing.Year)).Missing.Add(missing);
        }
        var groups = _groups.Values.OrderBy(g => g.Key.Order).ThenBy(g => g.Key.Key, StringComparer.Ordinal).Select(Result).ToList();
        // By year and name, agencies of one name in the order they were added (as a stable sort keeps them).
        var order = _current.Select((c, i) => (Metrics: new AgencyMetrics(c.Value.Agency, c.Key.Year, c.Value.Results ?? ResultsOf(c.Value.Inputs)), Index: i)).ToList();
        order.Sort((a, b) => a.Metrics.Year != b.Metrics.Year ? a.Metrics.Year.CompareTo(b.Metrics.Year)
            : string.CompareOrdinal(a.Metrics.Agency.Name, b.Metrics.Agency.Name) is var byName and not 0 ? byName : a.Index.CompareTo(b.Index));
        var agencies = order.ConvertAll(a => a.Metrics);
        return new Summary(Options, Result(_total), groups, agencies);
    }

    private Group GroupOf(GroupKey key)
    {
        if (!_groups.TryGetValue(key.Key, out var group)) _groups[key.Key] = group = new Group(key);
        return group;
    }

    private GroupSummary Result(Group group)
    {
        var changes = group.Years.Count == 1 ? Changes(group, group.Years.Min) : [];
        var agencies = group.Reports.Select(r => r.Agency).DistinctBy(a => a.Id).ToList();
        return new GroupSummary(group.Key, group.Tables, group.Metrics.Select(m => m.Result()).ToList(), changes,
            agencies, group.Years.ToList(), group.Missing.OrderBy(m => m.Year).ThenBy(m => m.Agency.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>Each metric's change against the year before, over the group's agencies that reported in both years.</summary>
    private List<ChangeResult> Changes(Group group, int year)
    {
        var pairs = new List<(MetricInput[] Current, MetricInput[] Previous)>();
        foreach (var (agency, _) in group.Reports)
        {
            var before = _previous.TryGetValue((agency.Id, year - 1), out var p) ? p
                : _current.TryGetValue((agency.Id, year - 1), out var c) ? c.Inputs : null;
            if (before is not null) pairs.Add((_current[(agency.Id, year)].Inputs, before));
        }
        return MetricCatalog.All.Select((m, i) => ChangeResult.Of(m, year, pairs.Select(p => (p.Current[i], p.Previous[i])))).ToList();
    }

    /// <summary>One report's result on every metric of <see cref="MetricCatalog.All"/> from its inputs (never changed after).</summary>
    public static IReadOnlyList<MetricResult> ResultsOf(MetricInput[] inputs) =>
        MetricCatalog.All.Select((m, i) => MetricTally.Of(m, inputs[i])).ToList();

    /// <summary>A report's input to every metric of <see cref="MetricCatalog.All"/>, in its order.</summary>
    public static MetricInput[] Inputs(ICellStates states) =>
        MetricCatalog.All.Select(m => MetricInput.Of(m, states)).ToArray();
}
