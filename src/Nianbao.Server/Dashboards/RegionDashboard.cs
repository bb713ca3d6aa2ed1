using Dapper;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Nianbao.Queries;
using Nianbao.Server.Accounts;
using Nianbao.Server.Api;

namespace Nianbao.Server.Dashboards;

/// <summary>A count with a label, for a bar or a slice. <see cref="NotSummed"/>: reports that left a cell blank, ambiguous or unread (not counted as 0).</summary>
public sealed record LabelledCount(string Key, string Label, decimal Value, int NotSummed);

/// <summary>An expected agency without a report for the year.</summary>
public sealed record MissingAgency(string Agency, string? RegionCode);

/// <summary>Reports with findings: how many have errors, how many only warnings, how many none; and the findings counted.</summary>
public sealed record ErrorCounts(int ReportsWithErrors, int ReportsWithWarningsOnly, int CleanReports, int Errors, int Warnings);

/// <summary>One year of the trend: reports received and the main quantities summed.</summary>
public sealed record TrendPoint(int Year, int Reports, int Missing, decimal? ApplicationsReceived, decimal? ApplicationsHandled, decimal? Reviews, decimal? Lawsuits, decimal? DisclosureRatePercent);

public sealed record RankedRow(int Rank, string Agency, string? AgencyId, decimal? Value, decimal? Percent);

/// <summary>A metric's ranking (the first ten and how many could not be ranked).</summary>
public sealed record MetricRanking(string Metric, string Label, bool IsRatio, IReadOnlyList<RankedRow> Top, int Ranked, int NotApplicable);

/// <summary>Everything the region dashboard shows for a region and year, from one summary over the recent years.</summary>
public sealed record Dashboard(
    string? Region, string? RegionName, int Year, IReadOnlyList<int> Years,
    int Expected, int Received, int ReceivedOfExpected, IReadOnlyList<MissingAgency> Missing,
    ErrorCounts Errors, IReadOnlyList<LabelledCount> Outcomes, IReadOnlyList<LabelledCount> Applicants,
    IReadOnlyList<TrendPoint> Trend, IReadOnlyList<MetricRanking> Rankings);

/// <summary>
/// Builds the region dashboard: the current reports of the region (narrowed to what the account
/// sees) for the year and the <see cref="TrendYears"/> before it go through ONE
/// <see cref="SummaryBuilder"/> grouped by year; the year's group gives the sums, the outcome and
/// applicant bars and the missing agencies, every year's group a point of the trend, and the
/// agencies' metrics of the year the rankings. Counts come from the summary, never recomputed here.
/// </summary>
public static class RegionDashboard
{
    public const int TrendYears = 4;
    public const int RankingSize = 10;

    /// <summary>
    /// The dashboard, from <paramref name="cache"/> while the archive has not been written since it was
    /// computed for the same region, account scope and year (<see cref="GenerationCache"/>).
    /// </summary>
    public static Dashboard Build(ArchiveStore store, Access access, string? region, int year, GenerationCache? cache)
    {
        var scoped = Scope(store, access, region, year);
        if (cache is null) return Build(store, access, scoped, year, null);
        // What the result depends on: the narrowed filter, the year, and whether the account is an author (no expected list).
        var key = $"dashboard|{scoped.Region}|{scoped.Agency}|{year}|{access.Role == Roles.Author}";
        return cache.Get(store, key, () => Build(store, access, scoped, year, cache.Contributions));
    }

    public static Dashboard Build(ArchiveStore store, Access access, string? region, int year) => Build(store, access, Scope(store, access, region, year), year, null);

    private static ReportFilter Scope(ArchiveStore store, Access access, string? region, int year) =>
        access.Narrow(new ReportFilter
        {
            Region = string.IsNullOrWhiteSpace(region) ? null : store.ResolveRegionCode(region.Trim()),
            FromYear = year - TrendYears, ToYear = year,
        });

    private static Dashboard Build(ArchiveStore store, Access access, ReportFilter scoped, int year, ReportContributions? kept)
    {
        var years = Enumerable.Range(year - TrendYears, TrendYears + 1).ToList();
        // The summary of `nianbao summary` and /api/summary (cell vectors summed, cells settled by a neighbouring
        // year counted), grouped by year. An author's request names their agency, so it has no expected list:
        // an author is not told who else should report.
        var result = ArchiveSummaries.Build(store, new SummaryRequest
        {
            RegionCode = scoped.Region is null ? null : store.ResolveRegionCode(scoped.Region),
            Agency = scoped.Agency,
            FromYear = year - TrendYears,
            ToYear = year,
            By = GroupBy.Year,
        }, kept);
        var summary = result.Summary;
        var expected = access.Role == Roles.Author ? 0 : result.Expected.Count;
        var byYear = summary.Groups.ToDictionary(g => int.Parse(g.Key.Key, System.Globalization.CultureInfo.InvariantCulture));
        var thisYear = byYear.GetValueOrDefault(year);
        var missing = thisYear?.ExpectedWithoutReport ?? [];
        var yearEntries = result.Entries.Where(e => e.Year == year).ToList();
        var yearAgencies = summary.Agencies.Where(a => a.Year == year).ToList();

        return new Dashboard(
            scoped.Region, RegionName(store, scoped.Region), year, years,
            expected, yearEntries.Count, expected - missing.Count,
            missing.Select(m => new MissingAgency(m.Agency.Name, m.Agency.Placement?.RegionCode)).ToList(),
            new ErrorCounts(
                yearEntries.Count(e => e.Errors > 0), yearEntries.Count(e => e.Errors == 0 && e.Warnings > 0),
                yearEntries.Count(e => e.Errors == 0 && e.Warnings == 0), yearEntries.Sum(e => e.Errors), yearEntries.Sum(e => e.Warnings)),
            thisYear is null ? [] : Outcomes(thisYear.Tables),
            thisYear is null ? [] : Applicants(thisYear.Tables),
            years.Select(y => Point(y, byYear.GetValueOrDefault(y))).ToList(),
            MetricCatalog.All.Select(m => Rank(yearAgencies, m)).ToList());
    }

    /// <summary>The region's name from the archive's division table (a six-digit code is looked up padded to twelve); null when unknown.</summary>
    public static string? RegionName(ArchiveStore store, string? code) =>
        code is null || !code.All(char.IsAsciiDigit) || code.Length > 12 ? null
            : store.Connection.QueryFirstOrDefault<string?>("SELECT name FROM regions WHERE code = @code", new { code = code.PadRight(12, '0') });

    /// <summary>The years that have current reports the account can see, newest first (for the year picker).</summary>
    public static IReadOnlyList<int> YearsWithReports(ArchiveStore store, GenerationCache? cache = null)
    {
        IReadOnlyList<int> Read() => store.Connection.Query<int>("SELECT DISTINCT year FROM reports WHERE is_current = 1 AND year IS NOT NULL ORDER BY year DESC").ToList();
        return cache is null ? Read() : cache.Get(store, "years", Read);
    }

    /// <summary>
    /// Table 三's results summed in the 总计 column, one bar per outcome group: （一）予以公开,
    /// （二）部分公开, and the numbered sub-rows of （三）–（六） added into their group. The 2019 single
    /// row （六）其他处理 and the 2021 group of the same name are one bar.
    /// </summary>
    public static IReadOnlyList<LabelledCount> Outcomes(TableTally tally)
    {
        var rows = ApplicationRows.ResultRows(TemplateSchema.Format2021.Applications)
            .Concat(ApplicationRows.ResultRows(TemplateSchema.Format2019.Applications))
            .DistinctBy(r => r.Key);
        return rows.GroupBy(r => r.ItemNumber is null ? ShortLabel(r.PrintedLabel) : r.Group!)
            .Select(g =>
            {
                var totals = g.Select(r => tally[new CellPath(TableKind.Applications, r.Key, ApplicationColumns.Total)]).ToList();
                return new LabelledCount(g.First().Key, g.Key, totals.Sum(t => t.Sum ?? 0), totals.Max(t => t.NotSummed));
            }).ToList();
    }

    /// <summary>一、本年新收 by applicant type (the six columns before 总计).</summary>
    public static IReadOnlyList<LabelledCount> Applicants(TableTally tally) =>
        ApplicationColumns.All.Where(c => c.Key != ApplicationColumns.Total).Select(c =>
        {
            var total = tally[new CellPath(TableKind.Applications, ApplicationRows.Received, c.Key)];
            var label = c.Key == ApplicationColumns.OtherOrg ? "其他组织" : c.PrintedLabel;
            return new LabelledCount(c.Key, label, total.Sum ?? 0, total.NotSummed);
        }).ToList();

    private static TrendPoint Point(int year, GroupSummary? group)
    {
        if (group is null) return new TrendPoint(year, 0, 0, null, null, null, null, null);
        decimal? Quantity(MetricDefinition m) => group.Metric(m.Name).Value is { } v ? v.ToDecimal() : null;
        return new TrendPoint(year, group.Reports, group.ExpectedWithoutReport.Count,
            Quantity(MetricCatalog.ApplicationsReceived), Quantity(MetricCatalog.ApplicationsHandled),
            Quantity(MetricCatalog.Reviews), Quantity(MetricCatalog.Lawsuits),
            group.Metric(MetricCatalog.DisclosureRate.Name).Percent);
    }

    private static MetricRanking Rank(IEnumerable<AgencyMetrics> agencies, MetricDefinition metric)
    {
        // The first ten of the ranking and the counts, without sorting every agency of the region on every metric.
        var (top, ranked, notApplicable) = Ranking.Top(agencies, metric, RankingSize);
        return new MetricRanking(metric.Name, metric.Label, metric.IsRatio,
            top.Select(r => new RankedRow(r.Rank, r.Agency.Agency.Name, r.Agency.Agency.Id,
                r.Result.Value?.ToDecimal(), r.Result.Percent)).ToList(),
            ranked, notApplicable);
    }

    // "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "（二）部分公开".
    private static string ShortLabel(string label)
    {
        var cut = label.IndexOf('（', 1);
        return cut > 0 ? label[..cut] : label;
    }
}
