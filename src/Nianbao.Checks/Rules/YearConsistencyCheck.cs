using System.Globalization;
using System.Text.RegularExpressions;
using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// Y-1: the statistics period the text states ("统计期限自2021年1月1日起至2021年12月31日止") must be
/// the report's year. Only the full period counts — any other "2021年" in the prose may well be
/// about another year — and only when no stated period agrees with the report's year.
/// </summary>
public sealed partial class YearConsistencyCheck : IReportCheck
{
    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?:(?<y2>(?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日")]
    private static partial Regex Period();

    public IEnumerable<Finding> Check(Report report)
    {
        if (report.Year is not { } year) yield break;
        var stated = report.Sections
            .SelectMany(s => Period().Matches(s.Title + "\n" + s.Text))
            .Where(m => !m.Groups["y2"].Success || m.Groups["y2"].Value == m.Groups["y"].Value)
            .Select(m => (Year: int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), m.Value))
            .ToList();
        if (stated.Count == 0 || stated.Any(s => s.Year == year)) yield break;
        yield return FindingMessages.Make(RuleIds.YearConsistency, Severity.Error, "Y-1.period", [], ("year", year), ("stated", stated[0].Value));
    }
}
