using Dapper;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
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

    public static Dashboard Build(ArchiveStore store, Access access, string? region, int year)
    {
        var scoped = access.Narrow(new ReportFilter
        {
            Region = string.IsNullOrWhiteSpace(region) ? null : store.ResolveRegionCode(region.Trim()),
            FromYear = year - TrendYears, ToYear = year,
        });
        var years = Enumerable.Range(year - TrendYears, TrendYears + 1).ToList();
        var builder = new SummaryBuilder(new SummaryOptions { ScopeRegionCode = scoped.Region, Years = years, By = GroupBy.Year });
        var entries = store.ListReports(scoped).Where(e => e.Year is not null).ToList();
        foreach (var e in entries) builder.Add(new AgencyReport(AnalysisEndpoints.AgencyOf(e), store.LoadReport(e.Id)));
        // An author sees only their own agency: the region's expected list is not theirs to see.
        var expected = access.Role == Roles.Author ? [] : store.Expected(scoped.Region).Select(x =>
            new AgencyRef(x.AgencyId ?? store.FindAgencyId(x.Name) ?? "expected:" + x.Id, x.Name, new AgencyPlacement(x.RegionCode, null, x.Level, x.Kind))).ToList();
        var summary = builder.Build(expected);
        var byYear = summary.Groups.ToDictionary(g => int.Parse(g.Key.Key, System.Globalization.CultureInfo.InvariantCulture));
        var thisYear = byYear.GetValueOrDefault(year);
        var missing = thisYear?.ExpectedWithoutReport ?? [];
        var yearEntries = entries.Where(e => e.Year == year).ToList();

        return new Dashboard(
            scoped.Region, RegionName(store, scoped.Region), year, years,
            expected.Count, yearEntries.Count, expected.Count - missing.Count,
            missing.Select(m => new MissingAgency(m.Agency.Name, m.Agency.Placement?.RegionCode)).ToList(),
            new ErrorCounts(
                yearEntries.Count(e => e.Errors > 0), yearEntries.Count(e => e.Errors == 0 && e.Warnings > 0),
                yearEntries.Count(e => e.Errors == 0 && e.Warnings == 0), yearEntries.Sum(e => e.Errors), yearEntries.Sum(e => e.Warnings)),
            thisYear is null ? [] : Outcomes(thisYear.Tables),
            thisYear is null ? [] : Applicants(thisYear.Tables),
            years.Select(y => Point(y, byYear.GetValueOrDefault(y))).ToList(),
            MetricCatalog.All.Select(m => Rank(summary.Agencies.Where(a => a.Year == year), m)).ToList());
    }

    /// <summary>The region's name from the archive's division table (a six-digit code is looked up padded to twelve); null when unknown.</summary>
    public static string? RegionName(ArchiveStore store, string? code) =>
        code is null || !code.All(char.IsAsciiDigit) || code.Length > 12 ? null
            : store.Connection.QueryFirstOrDefault<string?>("SELECT name FROM regions WHERE code = @code", new { code = code.PadRight(12, '0') });

    /// <summary>The years that have current reports the account can see, newest first (for the year picker).</summary>
    public static IReadOnlyList<int> YearsWithReports(ArchiveStore store) =>
        store.Connection.Query<int>("SELECT DISTINCT year FROM reports WHERE is_current = 1 AND year IS NOT NULL ORDER BY year DESC").ToList();

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
        var ranking = Ranking.Of(agencies, metric);
        return new MetricRanking(metric.Name, metric.Label, metric.IsRatio,
            ranking.Ranked.Take(RankingSize).Select(r => new RankedRow(r.Rank, r.Agency.Agency.Name, r.Agency.Agency.Id,
                r.Result.Value?.ToDecimal(), r.Result.Percent)).ToList(),
            ranking.Ranked.Count, ranking.NotApplicable.Count);
    }

    // "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "（二）部分公开".
    private static string ShortLabel(string label)
    {
        var cut = label.IndexOf('（', 1);
        return cut > 0 ? label[..cut] : label;
    }
}
