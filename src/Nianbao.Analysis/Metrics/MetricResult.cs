using Fractions;

namespace Nianbao.Analysis.Metrics;

/// <summary>
/// A metric over a set of reports: the sums of numerator and denominator over the reports that state
/// every input cell, how many reports that was, and which were left out and why. The value is
/// numerator / denominator exactly; it is "not applicable" when no report states every input or the
/// denominator is 0 — never 0 or 100%.
/// </summary>
public sealed record MetricResult(MetricDefinition Metric, decimal Numerator, decimal Denominator, int Reports,
    IReadOnlyDictionary<NotApplicable, int> Excluded, NotApplicable? NotApplicable)
{
    /// <summary>The exact value; for a quantity, the sum itself.</summary>
    public Fraction? Value => NotApplicable is not null ? null
        : Metric.IsRatio ? Ratio.Of(Numerator, Denominator) : Fraction.FromDecimal(Numerator);

    /// <summary>The ratio in percent, rounded to two decimals (half away from zero); null for a quantity.</summary>
    public decimal? Percent => Metric.IsRatio && Value is { } v ? Ratio.Percent(v) : null;
}

/// <summary>Adds reports' inputs of one metric up; a report with a missing input is left out and counted.</summary>
public sealed class MetricTally(MetricDefinition metric)
{
    private decimal _numerator;
    private decimal _denominator;
    private int _reports;
    private readonly Dictionary<NotApplicable, int> _excluded = [];

    public MetricDefinition Metric { get; } = metric;

    public void Add(MetricInput input)
    {
        if (input.Missing is { } reason)
        {
            _excluded[reason] = _excluded.GetValueOrDefault(reason) + 1;
            return;
        }
        _numerator += input.Numerator;
        _denominator += input.Denominator;
        _reports++;
    }

    public MetricResult Result()
    {
        NotApplicable? notApplicable = null;
        if (_reports == 0)
            // Nothing to compute from: say the most frequent reason (one report: its own reason).
            notApplicable = _excluded.Count == 0 ? Metrics.NotApplicable.NoReport
                : _excluded.OrderByDescending(e => e.Value).ThenBy(e => e.Key).First().Key;
        else if (Metric.IsRatio && _denominator == 0m)
            notApplicable = Metrics.NotApplicable.DenominatorZero;
        return new MetricResult(Metric, _numerator, _denominator, _reports, new Dictionary<NotApplicable, int>(_excluded), notApplicable);
    }

    /// <summary>
    /// One report's metric (what rankings compare): the result <see cref="Of(MetricDefinition, IEnumerable{MetricInput})"/>
    /// gives for it alone, without a tally's dictionaries — a province's summary makes one per agency and metric.
    /// </summary>
    public static MetricResult Of(MetricDefinition metric, MetricInput input)
    {
        if (input.Missing is { } reason)
            return new MetricResult(metric, 0m, 0m, 0, ExcludedFor[reason], reason);
        var notApplicable = metric.IsRatio && input.Denominator == 0m ? Metrics.NotApplicable.DenominatorZero : (NotApplicable?)null;
        return new MetricResult(metric, input.Numerator, input.Denominator, 1, NoneExcluded, notApplicable);
    }

    // Shared, never changed: read-only views of one report's exclusions.
    private static readonly IReadOnlyDictionary<NotApplicable, int> NoneExcluded = new System.Collections.ObjectModel.ReadOnlyDictionary<NotApplicable, int>(new Dictionary<NotApplicable, int>());
    private static readonly Dictionary<NotApplicable, IReadOnlyDictionary<NotApplicable, int>> ExcludedFor =
        Enum.GetValues<NotApplicable>().ToDictionary(r => r, r => (IReadOnlyDictionary<NotApplicable, int>)new System.Collections.ObjectModel.ReadOnlyDictionary<NotApplicable, int>(new Dictionary<NotApplicable, int> { [r] = 1 }));

    public static MetricResult Of(MetricDefinition metric, IEnumerable<MetricInput> inputs)
    {
        var tally = new MetricTally(metric);
        foreach (var input in inputs) tally.Add(input);
        return tally.Result();
    }
}
