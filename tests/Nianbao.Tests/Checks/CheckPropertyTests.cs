using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Checks;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Checks;

/// <summary>
/// Properties of the arithmetic checks over generated reports: a report made consistent by
/// construction has no arithmetic error; changing any one number of table 三 or 四 produces an
/// error that names that cell; and no check ever changes a number.
/// </summary>
public class CheckPropertyTests
{
    private static readonly string[] ArithmeticRules = [Rules.T3_Balance, Rules.T3_TotalHandled, Rules.T3_RowTotal, Rules.T4_GroupTotal];

    /// <summary>Random non-negative counts from which a consistent report is built.</summary>
    public sealed record Seeds(bool Is2021, int[] Numbers)
    {
        public override string ToString() => $"{(Is2021 ? 2021 : 2019)}: {string.Join(",", Numbers)}";
    }

    private const int SeedCount = 22 * 6 + 6 + 6 + 12;

    private static Gen<Seeds> SeedsGen =>
        from is2021 in Gen.Elements(true, false)
        from numbers in Gen.Choose(0, 40).ArrayOf(SeedCount)
        select new Seeds(is2021, numbers);

    /// <summary>
    /// Per applicant column: random result rows r and carried-forward d; （七） = Σ r; carried-over
    /// b ≤ （七） + d; received = （七） + d − b. The 总计 column is the sum of the six, row by row. Table 四:
    /// random parts, 总计 = their sum. Every identity holds by construction, whatever the numbers.
    /// </summary>
    internal static ReportDraft Build(Seeds seeds)
    {
        var template = seeds.Is2021 ? ReportTemplate.Format2021 : ReportTemplate.Format2019;
        var year = seeds.Is2021 ? 2023 : 2020;
        var report = ReportDraft.Blank(template, "某某县教育局", year);
        foreach (var (path, _) in report.ActiveDisclosure!.Cells()) report.ActiveDisclosure[path] = 0;
        report.Sections.AddRange(CheckReports.Sections(year).Select(s => s with { Text = "见下表。本年度未收取信息处理费。" }));

        var next = 0;
        int Take() => seeds.Numbers[next++];
        var a = report.Applications!;
        var resultRows = ApplicationRows.ResultRows(a.Schema).ToList();
        foreach (var column in ApplicationColumns.Applicants)
        {
            var handled = 0;
            foreach (var row in resultRows)
            {
                var value = Take();
                a[row.Key, column] = value;
                handled += value;
            }
            // The 2019 layout has two result rows fewer; use the same seeds all the same.
            next += 22 - resultRows.Count;
            var forward = Take();
            var over = Take() % (handled + forward + 1);
            a[ApplicationRows.TotalHandled, column] = handled;
            a[ApplicationRows.CarriedForward, column] = forward;
            a[ApplicationRows.CarriedOver, column] = over;
            a[ApplicationRows.Received, column] = handled + forward - over;
        }
        foreach (var row in a.Schema.Rows)
            a[row.Key, ApplicationColumns.Total] = ApplicationColumns.Applicants.Sum(c => a[row.Key, c]);

        var r = report.ReviewsAndLawsuits!;
        foreach (var group in r.Schema.Rows)
        {
            foreach (var part in ReviewColumns.Parts) r[group.Key, part] = Take();
            r[group.Key, ReviewColumns.Total] = ReviewColumns.Parts.Sum(p => r[group.Key, p]);
        }
        return report;
    }

    private static IEnumerable<CellPath> CountCells(ReportDraft report) =>
        report.Applications!.Cells().Concat(report.ReviewsAndLawsuits!.Cells()).Select(c => c.Path);

    [Property(MaxTest = 200)]
    public Property A_consistent_report_has_no_arithmetic_error() =>
        Prop.ForAll(SeedsGen.ToArbitrary(), seeds =>
        {
            var findings = ReportChecks.Run(Build(seeds).Publish());
            return !findings.Any(f => f.Severity == Severity.Error);
        });

    [Property(MaxTest = 300)]
    public Property Changing_any_one_number_gives_an_error_naming_that_cell() =>
        Prop.ForAll(
            (from seeds in SeedsGen
             from cell in Gen.Choose(0, 10_000)
             from delta in Gen.Choose(-25, 25).Where(d => d != 0)
             select (seeds, cell, delta)).ToArbitrary(),
            t =>
            {
                var report = Build(t.seeds);
                var cells = CountCells(report).ToList();
                var path = cells[t.cell % cells.Count];
                var table = report.Table(path.Table)!;
                table[path] = table[path] + t.delta;

                return ReportChecks.Run(report.Publish()).Any(f =>
                    f.Severity == Severity.Error && ArithmeticRules.Contains(f.Rule) && f.Cells.Contains(path));
            });

    [Property(MaxTest = 200)]
    public Property Checks_never_change_a_number() =>
        Prop.ForAll(
            (from seeds in SeedsGen
             from blanks in Gen.Choose(0, 6).ArrayOf(SeedCount)
             from shifts in Gen.Choose(-3, 3).ArrayOf(SeedCount)
             select (seeds, blanks, shifts)).ToArbitrary(),
            t =>
            {
                // A messy report: some cells blank, some shifted so that nothing adds up.
                var report = Build(t.seeds);
                var i = 0;
                foreach (var path in CountCells(report).ToList())
                {
                    var table = report.Table(path.Table)!;
                    if (t.blanks[i % SeedCount] == 0) table[path] = null;
                    else table[path] += t.shifts[i % SeedCount];
                    i++;
                }
                var published = report.Publish();
                var before = ReportJson.Serialize(published);
                var previousDraft = Build(t.seeds with { Numbers = [.. t.seeds.Numbers.Reverse()] });
                previousDraft.Year = report.Year - 1;
                var previous = previousDraft.Publish();
                var previousBefore = ReportJson.Serialize(previous);

                var findings = ReportChecks.Run(published);
                var checkedReport = ReportChecks.Apply(published);
                CrossYearChecks.Compare(previous, published);

                // The published report is untouched, and the checked one differs only in its findings.
                return before == ReportJson.Serialize(published) && previousBefore == ReportJson.Serialize(previous)
                    && before == ReportJson.Serialize(checkedReport with { CheckFindings = [] })
                    && checkedReport.CheckFindings.SequenceEqual(findings);
            });

    [Fact]
    public void Apply_adds_findings_and_keeps_every_number()
    {
        var draft = CheckReports.Consistent();
        draft.Applications!["granted", ApplicationColumns.Total] = 99;
        var report = draft.Publish();
        var cells = report.Tables.SelectMany(t => t.Cells()).ToList();

        var checkedReport = ReportChecks.Apply(report);

        Assert.NotEmpty(checkedReport.Findings);
        Assert.Empty(report.Findings);
        Assert.Equal(cells, checkedReport.Tables.SelectMany(t => t.Cells()).ToList());
        Assert.Equal(99, checkedReport.Applications!["granted", ApplicationColumns.Total]);
        // Applying again replaces the findings: never duplicates.
        Assert.Equal(checkedReport.Findings, ReportChecks.Apply(checkedReport).Findings);
    }
}
