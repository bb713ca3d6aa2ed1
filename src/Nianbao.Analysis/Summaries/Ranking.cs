using Fractions;
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
    /// <summary>
    /// The first <paramref name="count"/> of <see cref="Of"/>'s ranking (same order, same ranks), and how many
    /// agencies are ranked and how many are apart — without sorting them all: a dashboard shows the top ten
    /// of every metric over a province's ten thousand agencies.
    /// </summary>
    public static (IReadOnlyList<RankedAgency> Top, int Ranked, int NotApplicable) Top(IEnumerable<AgencyMetrics> agencies, MetricDefinition metric, int count, bool descending = true)
    {
        var sign = descending ? -1 : 1;
        int Compare((AgencyMetrics Agency, MetricResult Result, Fraction Value) a, (AgencyMetrics Agency, MetricResult Result, Fraction Value) b)
        {
            var byValue = sign * a.Value.CompareTo(b.Value);
            if (byValue != 0) return byValue;
            var byName = string.CompareOrdinal(a.Agency.Agency.Name, b.Agency.Agency.Name);
            return byName != 0 ? byName : a.Agency.Year.CompareTo(b.Agency.Year);
        }
        // The best `count` so far, in order; a candidate no better than the last is dropped with one comparison.
        var best = new List<(AgencyMetrics Agency, MetricResult Result, Fraction Value)>(count + 1);
        int ranked = 0, apart = 0;
        foreach (var agency in agencies)
        {
            var result = agency.Metric(metric.Name);
            if (result.Value is not { } value) { apart++; continue; }
            ranked++;
            var candidate = (agency, result, value);
            if (count <= 0 || (best.Count == count && Compare(candidate, best[^1]) >= 0)) continue;
            var at = best.Count;
            while (at > 0 && Compare(candidate, best[at - 1]) < 0) at--;
            best.Insert(at, candidate);
            if (best.Count > count) best.RemoveAt(best.Count - 1);
        }
        // Ranks as Of gives them: the best ones come first in the full order too, so their positions are the same.
        var top = new List<RankedAgency>(best.Count);
        for (var i = 0; i < best.Count; i++)
        {
            var rank = i > 0 && best[i].Value.CompareTo(best[i - 1].Value) == 0 ? top[i - 1].Rank : i + 1;
            top.Add(new RankedAgency(rank, best[i].Agency, best[i].Result));
        }
        return (top, ranked, apart);
    }

    public static Ranking Of(IEnumerable<AgencyMetrics> agencies, MetricDefinition metric, bool descending = true)
    {
        // Each agency's exact value is made once (a fraction reduced with big integers), not at every comparison of the sort.
        var scored = new List<(AgencyMetrics Agency, MetricResult Result, Fraction Value)>();
        var apart = new List<(AgencyMetrics, MetricResult)>();
        foreach (var agency in agencies)
        {
            var result = agency.Metric(metric.Name);
            if (result.Value is { } value) scored.Add((agency, result, value)); else apart.Add((agency, result));
        }
        var sign = descending ? -1 : 1;
        // Exact comparison: two agencies tie only when their fractions are equal.
        scored.Sort((a, b) =>
        {
            var byValue = sign * a.Value.CompareTo(b.Value);
            if (byValue != 0) return byValue;
            var byName = string.CompareOrdinal(a.Agency.Agency.Name, b.Agency.Agency.Name);
            return byName != 0 ? byName : a.Agency.Year.CompareTo(b.Agency.Year);
        });
        var ranked = new List<RankedAgency>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var rank = i > 0 && scored[i].Value.CompareTo(scored[i - 1].Value) == 0 ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedAgency(rank, scored[i].Agency, scored[i].Result));
        }
        apart.Sort((a, b) => string.CompareOrdinal(a.Item1.Agency.Name, b.Item1.Agency.Name));
        return new Ranking(metric, descending, ranked, apart);
    }
}
