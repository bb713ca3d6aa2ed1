using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Recognition.Solving;
using Nianbao.Recognition.Tables;

namespace Nianbao.Tests.Solving;

public class NarrativeResolverTests
{
    private static readonly CellSpec[] Row7 = Enumerable.Repeat(new CellSpec(Domain.Tables.ValueKind.Count), 7).ToArray();

    /// <summary>A run-together row whose digits allow readings with different totals.</summary>
    private static (string Run, List<DigitRunSolver.Reading> Readings) AmbiguousRun()
    {
        var random = new Random(7);
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var parts = Enumerable.Range(0, 6).Select(_ => random.Next(0, 3) == 0 ? random.Next(10, 40) : random.Next(0, 3)).ToArray();
            var run = string.Concat(parts.Append(parts.Sum()));
            var result = DigitRunSolver.Solve(DigitRunSolverTests.Tokens(run), Row7, ApplicationsTableReader.RowConstraints());
            if (result.Complete && result.Readings.Select(r => r.Cells[6]!.Value.Value).Distinct().Count() > 1)
                return (run, result.Readings.ToList());
        }
        throw new InvalidOperationException("no ambiguous run found");
    }

    [Fact]
    public void The_stated_number_of_applications_keeps_only_the_readings_with_that_total()
    {
        var (run, readings) = AmbiguousRun();
        var wanted = readings[^1].Cells[6]!.Value.Value;
        var report = new ReportDraft { Year = 2022 };
        report.Sections.Add(new Section(1, "总体情况", $"2022年，本机关共收到政府信息公开申请{wanted}件。"));
        var outcome = new RowOutcome
        {
            Row = TemplateSchema.Format2021.Applications.Row(ApplicationRows.Received)!,
            Tokens = DigitRunSolverTests.Tokens(run),
            Readings = readings,
        };
        Assert.True(NarrativeResolver.Apply(report, [outcome]));
        Assert.All(outcome.Readings, r => Assert.Equal(wanted, r.Cells[6]!.Value.Value));
        Assert.Equal(ReadingConfidence.SolvedByNarrative, outcome.Confidence);
    }

    [Fact]
    public void A_figure_no_reading_prints_changes_nothing()
    {
        var (run, readings) = AmbiguousRun();
        var report = new ReportDraft { Year = 2022 };
        report.Sections.Add(new Section(1, "总体情况", "2022年，本机关共收到政府信息公开申请99999件。"));
        var outcome = new RowOutcome
        {
            Row = TemplateSchema.Format2021.Applications.Row(ApplicationRows.Received)!,
            Tokens = DigitRunSolverTests.Tokens(run),
            Readings = readings.ToList(),
        };
        Assert.False(NarrativeResolver.Apply(report, [outcome]));
        Assert.Equal(readings.Count, outcome.Readings.Count);
    }
}
