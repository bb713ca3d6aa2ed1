using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Checks;

/// <summary>
/// Runs every check over a report. Checks only return findings: they never change a number, because a
/// wrong total in a published report is exactly what our users need to see.
/// </summary>
public static class ReportChecks
{
    /// <summary>The checks, in the order their findings are listed. Adding a check means listing it here.</summary>
    public static IReadOnlyList<IReportCheck> All { get; } =
    [
        new Rules.TemplateYearCheck(),
        new Rules.YearConsistencyCheck(),
        new Rules.SectionsCheck(),
        new Rules.PublicationDeadlineCheck(),
        new Rules.ApplicationArithmeticCheck(),
        new Rules.ReviewArithmeticCheck(),
        new Rules.NonNegativeCountCheck(),
        new Rules.BlankCellsCheck(),
        new Rules.FeeUnitCheck(),
        new Rules.TextAgainstTablesCheck(),
    ];

    /// <summary>The findings of every check, in order. Depends only on the report's numbers, text and reading notes — never on its earlier check findings — so checking again gives the same list.</summary>
    public static IReadOnlyList<Finding> Run(Report report) => Run(report, All);

    public static IReadOnlyList<Finding> Run(Report report, IReadOnlyList<IReportCheck> checks)
    {
        var findings = new List<Finding>();
        foreach (var check in checks)
            foreach (var f in check.Check(report))
                findings.Add(f.Origin == FindingOrigin.Check ? f : f with { Origin = FindingOrigin.Check });
        return findings;
    }

    /// <summary>The same report with the checks' findings in place of any it carried; its reading notes are kept.</summary>
    public static Report Apply(Report report) => report.WithCheckFindings(Run(report));
}
