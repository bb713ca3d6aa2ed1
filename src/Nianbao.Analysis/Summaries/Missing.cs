using Nianbao.Analysis.Agencies;

namespace Nianbao.Analysis.Summaries;

/// <summary>Expected agencies without a report: what <c>nianbao missing</c> lists and a summary's coverage states.</summary>
public static class Missing
{
    /// <summary>
    /// For each year, the expected agencies (inside <paramref name="scopeRegionCode"/> when one is
    /// given: an unplaced agency cannot be said to belong to it) with no report among <paramref name="present"/>.
    /// </summary>
    public static IReadOnlyList<MissingReport> Of(IEnumerable<AgencyRef> expected, IEnumerable<(string AgencyId, int Year)> present, IEnumerable<int> years, string? scopeRegionCode)
    {
        var have = present.ToHashSet();
        var inScope = expected.Where(a => scopeRegionCode is null || RegionCodes.IsWithin(a.Placement?.RegionCode, scopeRegionCode)).ToList();
        return years.Distinct().Order()
            .SelectMany(year => inScope.Where(a => !have.Contains((a.Id, year))).Select(a => new MissingReport(a, year)))
            .OrderBy(m => m.Year).ThenBy(m => m.Agency.Placement?.RegionCode, StringComparer.Ordinal).ThenBy(m => m.Agency.Name, StringComparer.Ordinal)
            .ToList();
    }
}
