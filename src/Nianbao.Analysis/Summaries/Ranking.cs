using Nianbao.Analysis.Metrics;

namespace Nianbao.Analysis.Summaries;

/// <summary>An agency's place: agencies with equal values share a rank, and the next rank skips (1, 2, 2, 4).</summary>
public sealed record RankedAgency(int Rank, AgencyMetrics Agency, MetricResult Result);

/// <summary>
/// Agencies ordered on one metric. Those whose metric is not applicable are listed apart with the
/// reason — they are neither first nor last.
/// </summary>
public sealed record Ranking(MetricDefinition Metric, bool Descending, IReadOnlyList<RankedAgency> Ranked, IReadOnlyList<(AgencyMetrics Agency, MetricResult Result)> NotApplicable)
{
    public static Ranking Of(IEnumerable<AgencyMetrics> agencies, MetricDefinition metric, bool descending = true)
    {
        var scored = new List<(AgencyMetrics Agency, MetricResult Result)>();
        var apart = new List<(AgencyMetrics, MetricResult)>();
        foreach (var agency in agencies)
        {
            var result = agency.Metric(metric.Name);
            if (result.Value is null) apart.Add((agency, result)); else scored.Add((agency, result));
        }
        var sign = descending ? -1 : 1;
        // Exact comparison: two agencies tie only when their fractions are equal.
        scored.Sort((a, b) =>
        {
            var byValue = sign * a.Result.Value!.Value.CompareTo(b.Result.Value!.Value);
            if (byValue != 0) return byValue;
            var byName = string.CompareOrdinal(a.Agency.Agency.Name, b.Agency.Agency.Name);
            return byName != 0 ? byName : a.Agency.Year.CompareTo(b.Agency.Year);
        });
        var ranked = new List<RankedAgency>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var rank = i > 0 && scored[i].Result.Value!.Value.CompareTo(scored[i - 1].Result.Value!.Value) == 0 ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedAgency(rank, scored[i].Agency, scored[i].Result));
        }
        apart.Sort((a, b) => string.CompareOrdinal(a.Item1.Agency.Name, b.Item1.Agency.Name));
        return new Ranking(metric, descending, ranked, apart);
    }
}
