using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;

namespace Nianbao.Queries;

/// <summary>What to sum: a region (resolved code, null for the whole archive), years, a grouping, and an agency when the asker may see only one.</summary>
public sealed record SummaryRequest
{
    public string? RegionCode { get; init; }
    public required int FromYear { get; init; }
    public required int ToYear { get; init; }
    public GroupBy By { get; init; } = GroupBy.None;
    /// <summary>Only this agency's reports (an author's): no expected list then, since an author is not told who else should report.</summary>
    public string? Agency { get; init; }
}

/// <summary>
/// A summary, the reader it was read with (for region names when printing), the reports summed (their
/// entries: findings counted, arrival …) and the expected agencies of the scope.
/// </summary>
public sealed record ArchiveSummaryResult(Summary Summary, ArchiveReports Source)
{
    public IReadOnlyList<ReportEntry> Entries { get; init; } = [];
    public IReadOnlyList<AgencyRef> Expected { get; init; } = [];
}

/// <summary>
/// The summary of a region's current reports as the archive holds them now: cells settled by a
/// neighbouring year applied, blank/ambiguous/unread cells counted apart, the expected agencies, the
/// year before for year-over-year changes. One function for <c>nianbao summary</c> and the server, so
/// the API answers what the command prints.
/// </summary>
public static class ArchiveSummaries
{
    public static ArchiveSummaryResult Build(ArchiveStore store, SummaryRequest request) => Build(store, request, null);

    /// <summary>
    /// The summary of <paramref name="request"/>; with <paramref name="kept"/>, made from the contributions it
    /// keeps of reports unchanged since an earlier summary (the same summary, read again only where the archive changed).
    /// </summary>
    public static ArchiveSummaryResult Build(ArchiveStore store, SummaryRequest request, ReportContributions? kept)
    {
        if (kept is not null) return FromKept(store, request, kept);
        var source = new ArchiveReports(store);
        var scope = request.RegionCode;
        IReadOnlyList<AgencyRef> expected = request.Agency is null ? source.Expected(scope) : [];
        var filter = new ReportFilter { Region = scope, Agency = request.Agency, FromYear = request.FromYear, ToYear = request.ToYear };
        // The reports and their vectors are read once: the child regions' names come from their entries.
        var listed = store.ReportsWithVectors(filter);
        var names = ChildRegionNames(source, listed.Select(r => r.Entry.RegionCode), scope);
        var options = new SummaryOptions
        {
            By = request.By,
            ScopeRegionCode = scope,
            RegionName = code => names.GetValueOrDefault(code),
            Years = Enumerable.Range(request.FromYear, request.ToYear - request.FromYear + 1).ToList(),
        };
        // Summed from the cell vectors (ArchiveSummary): the same numbers as reading every cell, in a fraction of the time.
        // The year before the first serves the year-over-year changes only.
        var previous = new ReportFilter { Region = scope, Agency = request.Agency, Year = request.FromYear - 1 };
        return new ArchiveSummaryResult(ArchiveSummary.Build(store, source, options, listed, previous, expected), source)
        {
            Entries = listed.Select(r => r.Entry).ToList(),
            Expected = expected,
        };
    }

    private static ArchiveSummaryResult FromKept(ArchiveStore store, SummaryRequest request, ReportContributions kept)
    {
        var scope = request.RegionCode;
        var filter = new ReportFilter { Region = scope, Agency = request.Agency, FromYear = request.FromYear, ToYear = request.ToYear };
        var previous = new ReportFilter { Region = scope, Agency = request.Agency, Year = request.FromYear - 1 };
        var read = kept.Read(store, filter, previous, request.Agency is null, scope);
        var builder = new SummaryBuilder(new SummaryOptions
        {
            By = request.By,
            ScopeRegionCode = scope,
            RegionName = code => read.ChildNames.GetValueOrDefault(code),
            Years = Enumerable.Range(request.FromYear, request.ToYear - request.FromYear + 1).ToList(),
        });
        // In ArchiveSummary's order, each as it adds it.
        foreach (var item in read.Current)
        {
            var year = item.Entry.Year ?? throw new ArgumentException($"{item.Agency.Name}：报告没有年度，无法汇总 (report has no year).");
            if (item.Fallback is not null) builder.Add(new AgencyReport(item.Agency, item.Fallback));
            else builder.Add(item.Agency, year, item.Cells!, item.Inputs!);
        }
        foreach (var item in read.Previous)
        {
            if (item.Fallback is not null) builder.AddPrevious(new AgencyReport(item.Agency, item.Fallback));
            else if (item.Entry.Year is { } year) builder.AddPrevious(item.Agency, year, item.Inputs!);
        }
        return new ArchiveSummaryResult(builder.Build(read.Expected), new ArchiveReports(store))
        {
            Entries = read.Current.Select(i => i.Entry).ToList(),
            Expected = read.Expected,
        };
    }

    /// <summary>Names of the regions one level below the scope, read before the reports are streamed (PostgreSQL: one open query per connection).</summary>
    private static Dictionary<string, string> ChildRegionNames(ArchiveReports source, IEnumerable<string?> regionCodes, string? scope)
    {
        var names = new Dictionary<string, string>();
        var codes = regionCodes.Distinct().ToList();
        source.Preload(codes);
        foreach (var code in codes)
            if (RegionCodes.ChildOf(scope, code) is { } child && !names.ContainsKey(child) && source.RegionName(child) is { } name)
                names[child] = name;
        return names;
    }
}
