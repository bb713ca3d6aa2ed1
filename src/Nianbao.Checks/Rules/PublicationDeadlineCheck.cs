using System.Globalization;
using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// Y-2: publication after the legal deadline (条例 Art. 49, 2019 revision): a department publishes
/// by 31 January of the next year, a government's own report (the agency is a 人民政府) is due by
/// 31 March. Reports for 2018 and earlier fell under the 2007 条例, which gave everyone until 31 March.
/// When the agency is not known the later deadline is used, so nothing is called late by guesswork.
/// </summary>
public sealed class PublicationDeadlineCheck : IReportCheck
{
    public IEnumerable<Finding> Check(Report report)
    {
        if (report.PublishedOn is not { } published || report.Year is not { } year) yield break;
        var agency = report.Agency?.Trim();
        var government = agency is null || agency.EndsWith("人民政府", StringComparison.Ordinal) || year <= 2018;
        var deadline = government ? new DateOnly(year + 1, 3, 31) : new DateOnly(year + 1, 1, 31);
        if (published <= deadline) yield break;
        var who = year <= 2018 ? "under the 2007 条例 every report"
            : agency is null ? "the agency is not known, so the later deadline for a government's own report is assumed; that"
            : government ? "a government's own report" : "a department's report";
        yield return FindingMessages.Make(RuleIds.LatePublication, Severity.Warning, "Y-2", [],
            ("published", Format(published)), ("who", who), ("deadline", Format(deadline)), ("days", published.DayNumber - deadline.DayNumber));
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
