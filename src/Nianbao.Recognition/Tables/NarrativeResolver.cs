using Nianbao.Domain.Narrative;

using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// The last tie-breaker for table 三: when a row's digits still allow several readings, a figure the
/// narrative states for that row's total ("共收到申请75件" for 一、本年新收) keeps only the readings
/// that print that total. Used only to choose among readings the digits allow — never to supply a
/// number — and only when the narrative states one unambiguous figure for the row.
/// </summary>
public static class NarrativeResolver
{
    private static readonly Dictionary<NarrativeMeasure, string> RowOf = new()
    {
        [NarrativeMeasure.Received] = ApplicationRows.Received,
        [NarrativeMeasure.CarriedOver] = ApplicationRows.CarriedOver,
        [NarrativeMeasure.Handled] = ApplicationRows.TotalHandled,
        [NarrativeMeasure.CarriedForward] = ApplicationRows.CarriedForward,
    };

    /// <summary>True when any row was narrowed.</summary>
    public static bool Apply(ReportDraft report, IReadOnlyList<RowOutcome> outcomes)
    {
        if (!outcomes.Any(o => o.Readings.Count > 1)) return false;
        var figures = report.Sections.SelectMany(s => NarrativeFigures.Extract(s.Text))
            .Where(f => f.StatedYear is null || f.StatedYear == report.Year)
            .GroupBy(f => f.Measure)
            .Where(g => g.Select(f => f.Value).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Value);
        var narrowed = false;
        foreach (var (measure, rowKey) in RowOf)
        {
            if (!figures.TryGetValue(measure, out var stated)) continue;
            var outcome = outcomes.FirstOrDefault(o => o.Row.Key == rowKey);
            if (outcome is null || outcome.Readings.Count < 2 || outcome.Incomplete) continue;
            var totalIndex = outcome.Row.Fields.Count - 1;
            var keep = outcome.Readings.Where(r => r.Cells[totalIndex]?.Value == stated).ToList();
            if (keep.Count == 0 || keep.Count == outcome.Readings.Count) continue;
            outcome.Readings = keep;
            outcome.Confidence = ReadingConfidence.SolvedByNarrative;
            narrowed = true;
        }
        return narrowed;
    }
}
