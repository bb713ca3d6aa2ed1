using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Cells;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Domain;

namespace Nianbao.Queries;

/// <summary>
/// What each report contributes to a summary — its entry, agency, cells laid out and metric inputs —
/// kept for the process between writes, so that a summary made again after a write reads again only
/// the reports that changed. Which ones did is told by their row versions (migration 0086: a new number
/// whenever a report's row or its agency's row is written; a report's cell vector, settled numbers
/// included, is in its row): a summary reads every report's id and two versions, and the rows and
/// vectors only of reports it does not hold at those versions. Region names are kept too, until the
/// archive's regions are written. A report whose vector cannot be used is read from its cell rows every
/// time, as <see cref="ArchiveSummary"/> does. The sums are then made from the kept contributions in the
/// order <see cref="ArchiveSummary"/> adds them, so the summary is the very one it makes (tests compare
/// the two after random sequences of writes on both databases). Thread-safe (one reader at a time).
/// </summary>
public sealed class ReportContributions
{
    private sealed class Kept(ReportEntry entry, ReportVersion version, AgencyRef agency, ReportCells? cells, MetricInput[]? inputs, bool hasCells)
    {
        public IReadOnlyList<MetricResult>? Results { get; } = inputs is null ? null : SummaryBuilder.ResultsOf(inputs);
        // Whether its vector holds any table (ArchiveSummary adds reports without cells last).
        public bool HasCells { get; } = hasCells;
        public ReportEntry Entry { get; } = entry;
        public ReportVersion Version { get; } = version;
        public AgencyRef Agency { get; } = agency;
        // Null when the report is read from its cell rows each time.
        public ReportCells? Cells { get; } = cells;
        public MetricInput[]? Inputs { get; } = inputs;
        public long LastRead { get; set; }
    }

    /// <summary>A report as a summary adds it: kept cells and inputs, or the report read from its rows.</summary>
    internal sealed record Item(ReportEntry Entry, AgencyRef Agency, ReportCells? Cells, MetricInput[]? Inputs, IReadOnlyList<MetricResult>? Results, Report? Fallback);

    /// <summary>What one summary adds: the reports of its years, of the year before, the expected agencies, child region names.</summary>
    internal sealed record Snapshot(IReadOnlyList<Item> Current, IReadOnlyList<Item> Previous, IReadOnlyList<AgencyRef> Expected, IReadOnlyDictionary<string, string> ChildNames);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private (string Instance, long RegionNames)? _identity;
    private RegionNameTable _names = new();
    // The child region (code and name) of a scope that each region code falls in, as ChildRegionNames finds it.
    private readonly Dictionary<(string Scope, string Code), (string Child, string Name)?> _children = [];
    private long _reads;
    private long _laidOut;
    // The most reports one read has covered (the start's read covers the whole archive).
    private int _largest;

    /// <summary>How many reports were read from the archive and laid out so far (the rest were served from what was kept).</summary>
    public long ReportsRead => Interlocked.Read(ref _laidOut);

    /// <summary>How many reports are kept now.</summary>
    public int Count
    {
        get { lock (_lock) return _kept.Count; }
    }

    /// <summary>
    /// Reads every current report of the archive once (a server does so when it starts, so that its first
    /// summary does not read ten thousand reports while requests wait for it).
    /// </summary>
    public void Warm(ArchiveStore store)
    {
        lock (_lock)
        {
            Check(store);
            _reads++;
            Items(store, new ArchiveReports(store, _names), new ReportFilter());
        }
    }

    /// <summary>Forgets everything kept when the archive is another or its regions were written (names in every kept agency's placement).</summary>
    private void Check(ArchiveStore store)
    {
        var identity = store.Identity();
        if (_identity == identity) return;
        _kept.Clear();
        _names = new RegionNameTable();
        _children.Clear();
        _identity = identity;
    }

    internal Snapshot Read(ArchiveStore store, ReportFilter current, ReportFilter previous, bool withExpected, string? scope)
    {
        lock (_lock)
        {
            Check(store);
            _reads++;
            var source = new ArchiveReports(store, _names);
            IReadOnlyList<AgencyRef> expected = withExpected ? source.Expected(scope) : [];
            var items = Items(store, source, current);
            var before = Items(store, source, previous);
            var names = ChildRegionNames(source, items.Select(i => i.Entry.RegionCode), scope);
            Trim(items.Count + before.Count);
            return new Snapshot(items, before, expected, names);
        }
    }

    /// <summary>The reports of a filter as a summary adds them, in <see cref="ArchiveSummary"/>'s order: by id, reports without cells last.</summary>
    private List<Item> Items(ArchiveStore store, ArchiveReports source, ReportFilter filter)
    {
        var versions = store.ReportVersions(filter);
        _largest = Math.Max(_largest, versions.Count);
        var stale = new List<string>();
        foreach (var v in versions)
            if (!_kept.TryGetValue(v.Id, out var k) || k.Version != v) stale.Add(v.Id);
        if (stale.Count > 0)
        {
            // Many changed (the first summary, a large import): one read of the filter; else only those.
            var rows = stale.Count > 500 ? store.ReportsWithVectorsAndVersions(filter) : store.ReportsWithVectorsAndVersions(filter, stale);
            var fresh = rows.Where(r => !_kept.TryGetValue(r.Entry.Id, out var k) || k.Version != r.Version).ToList();
            source.Preload(fresh.Select(r => r.Entry.RegionCode).Distinct());
            var cells = new LaidOutCells();
            foreach (var (entry, vector, version) in fresh)
            {
                var agency = source.AgencyOf(entry);
                if (vector is null || !ArchiveSummary.Fits(entry, vector))
                {
                    _kept[entry.Id] = new Kept(entry, version, agency, null, null, false);
                    continue;
                }
                ArchiveSummary.LayOut(entry, vector, cells);
                _kept[entry.Id] = new Kept(entry, version, agency, ReportCells.Of(cells), SummaryBuilder.Inputs(cells), vector.Length > 0);
                Interlocked.Increment(ref _laidOut);
            }
        }
        var items = new List<(Item Item, bool HasCells)>(versions.Count);
        foreach (var v in versions)
        {
            // Gone between the two reads: deleted since, so not summed (as a read after the deletion would).
            if (!_kept.TryGetValue(v.Id, out var k)) continue;
            k.LastRead = _reads;
            if (k.Cells is not null)
            {
                items.Add((new Item(k.Entry, k.Agency, k.Cells, k.Inputs, k.Results, null), k.HasCells));
                continue;
            }
            var rows = store.Cells(k.Entry.Id);
            var report = ArchiveReports.Build(k.Entry, k.Agency, rows.ToList(), []).Report;
            items.Add((new Item(k.Entry, k.Agency, null, null, null, report), rows.Count > 0));
        }
        // Ids are unique, so an unstable sort gives the one order.
        items.Sort((a, b) => a.HasCells != b.HasCells ? (a.HasCells ? -1 : 1) : string.CompareOrdinal(a.Item.Entry.Id, b.Item.Entry.Id));
        return items.ConvertAll(i => i.Item);
    }

    /// <summary>Names of the regions one level below the scope, as <see cref="ArchiveSummaries"/> finds them, each code's looked up once.</summary>
    private Dictionary<string, string> ChildRegionNames(ArchiveReports source, IEnumerable<string?> regionCodes, string? scope)
    {
        var names = new Dictionary<string, string>();
        var codes = new HashSet<string?>(regionCodes);
        var unknown = codes.Where(c => c is not null && !_children.ContainsKey((scope ?? "", c))).ToList();
        if (unknown.Count > 0) source.Preload(unknown);
        foreach (var code in codes)
        {
            if (code is null) continue;
            if (!_children.TryGetValue((scope ?? "", code), out var found))
                _children[(scope ?? "", code)] = found = RegionCodes.ChildOf(scope, code) is { } c && source.RegionName(c) is { } n ? (c, n) : null;
            if (found is { } f) names.TryAdd(f.Child, f.Name);
        }
        // A null code has no child region (RegionCodes.ChildOf); the same answer as ArchiveSummaries' loop.
        return names;
    }

    /// <summary>
    /// Drops reports no summary has read in a while — superseded and deleted ones, which no filter of current
    /// reports reads again — once far more are kept than the largest read covers (a small region's summaries
    /// never push the province's reports out).
    /// </summary>
    private void Trim(int used)
    {
        if (_kept.Count <= 2 * Math.Max(used, _largest) + 1024) return;
        foreach (var (id, k) in _kept.Where(p => p.Value.LastRead < _reads - 16).ToList()) _kept.Remove(id);
    }
}
