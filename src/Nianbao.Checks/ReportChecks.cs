using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Checks;

/// <summary>
/// Runs every check over a report. Checks only add findings: they never change a number, because a
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

    public static IReadOnlyList<Finding> Run(Report report) => All.SelectMany(c => c.Check(report)).ToList();

    /// <summary>Runs the checks and appends their findings to the report.</summary>
    public static Report Apply(Report report)
    {
        report.Findings.AddRange(Run(report));
        return report;
    }
}
