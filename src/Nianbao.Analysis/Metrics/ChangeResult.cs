using Fractions;

namespace Nianbao.Analysis.Metrics;

/// <summary>
/// The year-over-year change of a metric, over the same agencies in both years (those with a report
/// in both that states every input): for a ratio, current − previous (shown in percentage points);
/// for a quantity, (current − previous) / previous (shown in percent). Not applicable when no agency
/// qualifies, when either year's ratio is, or when the previous quantity is 0.
/// </summary>
public sealed record ChangeResult(MetricDefinition Metric, int Year, MetricResult Current, MetricResult Previous, int Agencies, NotApplicable? NotApplicable)
{
    public Fraction? Value => NotApplicable is not null ? null
        : Metric.IsRatio ? Current.Value!.Value - Previous.Value!.Value
        : Ratio.Of(Current.Numerator - Previous.Numerator, Previous.Numerator);

    /// <summary>Percentage points for a ratio, percent for a quantity; two decimals.</summary>
    public decimal? Percent => Value is { } v ? Ratio.Percent(v) : null;

    public static ChangeResult Of(MetricDefinition metric, int year, IEnumerable<(MetricInput Current, MetricInput Previous)> agencies)
    {
        var current = new MetricTally(metric);
        var previous = new MetricTally(metric);
        var count = 0;
        foreach (var (c, p) in agencies)
        {
            if (c.Missing is not null || p.Missing is not null) continue;
            current.Add(c);
            previous.Add(p);
            count++;
        }
        var cur = current.Result();
        var prev = previous.Result();
        NotApplicable? notApplicable = count == 0 ? Metrics.NotApplicable.NoReport
            : metric.IsRatio ? cur.NotApplicable ?? prev.NotApplicable
            : prev.Numerator == 0m ? Metrics.NotApplicable.DenominatorZero : null;
        return new ChangeResult(metric, year, cur, prev, count, notApplicable);
    }
}
