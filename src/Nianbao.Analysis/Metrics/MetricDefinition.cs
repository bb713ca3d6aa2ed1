namespace Nianbao.Analysis.Metrics;

/// <summary>
/// A metric users compare, under a stable name (docs/metrics.md documents each): a ratio of two cell
/// sums of the same reports, or — with no denominator — a quantity whose year-over-year change is
/// reported.
/// </summary>
public sealed record MetricDefinition(string Name, string Label, CellSum Numerator, CellSum? Denominator)
{
    public bool IsRatio => Denominator is not null;
}

/// <summary>One report's numerator and denominator of a metric, or why it has none.</summary>
public readonly record struct MetricInput(decimal Numerator, decimal Denominator, NotApplicable? Missing)
{
    public static MetricInput Of(MetricDefinition metric, Cells.ICellStates states)
    {
        var (numerator, missing) = metric.Numerator.Evaluate(states);
        if (missing is not null) return new(0m, 0m, missing);
        if (metric.Denominator is null) return new(numerator, 0m, null);
        var (denominator, missingBelow) = metric.Denominator.Evaluate(states);
        return missingBelow is not null ? new(0m, 0m, missingBelow) : new(numerator, denominator, null);
    }
}
