using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Metrics;

namespace Nianbao.Analysis.Summaries;

/// <summary>An expected agency without a report for a year.</summary>
public sealed record MissingReport(AgencyRef Agency, int Year);

/// <summary>
/// The sums, metrics and coverage of one group of reports (or of all of them): which agencies
/// reported, which expected ones did not, and per cell how many reports gave no number.
/// </summary>
public sealed record GroupSummary(
    GroupKey Key,
    TableTally Tables,
    IReadOnlyList<MetricResult> Metrics,
    IReadOnlyList<ChangeResult> YearOverYear,
    IReadOnlyList<AgencyRef> Agencies,
    IReadOnlyList<int> Years,
    IReadOnlyList<MissingReport> ExpectedWithoutReport)
{
    public int Reports => Tables.Reports;

    public MetricResult Metric(string name) => Metrics.First(m => m.Metric.Name == name);
}

/// <summary>One agency's metrics for one year: what rankings compare.</summary>
public sealed record AgencyMetrics(AgencyRef Agency, int Year, IReadOnlyList<MetricResult> Metrics)
{
    // A loop by index, no enumerator or delegate: rankings ask this of every agency for every metric
    // (13 × 10,000 on a province's dashboard).
    public MetricResult Metric(string name)
    {
        for (var i = 0; i < Metrics.Count; i++)
            if (Metrics[i].Metric.Name == name) return Metrics[i];
        throw new InvalidOperationException($"{Agency.Name} {Year}: no metric {name}");
    }
}

/// <summary>A summary: the total, the groups asked for (none without <see cref="GroupBy"/>) and each agency's metrics.</summary>
public sealed record Summary(SummaryOptions Options, GroupSummary Total, IReadOnlyList<GroupSummary> Groups, IReadOnlyList<AgencyMetrics> Agencies);
