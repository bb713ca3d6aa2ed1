using FsCheck.Xunit;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Synthetic;

namespace Nianbao.Analysis.Tests;

public class SummaryProperties
{
    /// <summary>Consistent generated reports (blank cells print zeros, so every identity still holds over the numbers).</summary>
    private static List<AgencyReport> Consistent(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var template = random.Next(3) == 0 ? ReportTemplate.Format2019 : ReportTemplate.Format2021;
            var spec = new GenerationSpec(random.Next(), template, (NumberScale)random.Next(3), Inconsistent: false, Blanks: random.Next(2) == 0);
            var report = ReportGenerator.Generate(spec).Truth;
            var placement = new AgencyPlacement(random.Next(2) == 0 ? "411523000000" : "321322000000", null, random.Next(2) == 0 ? "county" : "township", "government");
            return new AgencyReport(new AgencyRef($"a{i}", $"机关{i}", placement), report);
        }).ToList();
    }

    private static decimal S(TableTally t, string path) => t[CellPath.Parse(path)].Sum ?? 0m;

    [Property(MaxTest = 40)]
    public void Summed_parts_equal_the_summed_whole_and_groups_add_up(int seed)
    {
        var entries = Consistent(seed, 1 + Math.Abs(seed % 7));
        var builder = new SummaryBuilder(new SummaryOptions { By = (GroupBy)(1 + Math.Abs(seed % 4)) });
        builder.AddRange(entries);
        var summary = builder.Build();
        var t = summary.Total.Tables;
        var rows = TemplateSchema.Format2021.Applications.Rows.Concat(TemplateSchema.Format2019.Applications.Rows).Select(r => r.Key).Distinct();
        foreach (var row in rows)
            Assert.Equal(S(t, $"applications.{row}.total"), ApplicationColumns.Applicants.Sum(c => S(t, $"applications.{row}.{c}")));
        foreach (var column in ApplicationColumns.All.Select(c => c.Key))
        {
            var results = ApplicationRows.ResultRows(TemplateSchema.Format2021.Applications).Select(r => r.Key).Append(ApplicationRows.OtherHandling).Distinct();
            Assert.Equal(S(t, $"applications.totalHandled.{column}"), results.Sum(r => S(t, $"applications.{r}.{column}")));
            Assert.Equal(S(t, $"applications.received.{column}") + S(t, $"applications.carriedOver.{column}"),
                S(t, $"applications.totalHandled.{column}") + S(t, $"applications.carriedForward.{column}"));
        }
        foreach (var group in ReviewRows.All.Select(r => r.Key))
            Assert.Equal(S(t, $"reviewsAndLawsuits.{group}.total"), ReviewColumns.Parts.Sum(p => S(t, $"reviewsAndLawsuits.{group}.{p}")));
        foreach (var cell in t.Cells())
            Assert.Equal(entries.Count, cell.Summed + cell.Blank + cell.Ambiguous + cell.Unread + cell.Absent);
        SummaryTests.AssertGroupsAddUp(summary);
    }

    [Property(MaxTest = 60)]
    public void A_metric_is_not_applicable_exactly_when_an_input_is_missing_or_its_denominator_is_zero(int seed)
    {
        var random = new Random(seed);
        var template = random.Next(3) == 0 ? ReportTemplate.Format2019 : ReportTemplate.Format2021;
        var generated = ReportGenerator.Generate(new GenerationSpec(random.Next(), template, NumberScale.Small, random.Next(3) == 0, Blanks: random.Next(2) == 0)).Truth;
        var series = Series.Hide(new AgencyRef("a", "机关"), generated.ToDraft(), random);
        var report = series.Report;
        var builder = new SummaryBuilder(new SummaryOptions());
        builder.Add(series.Entry);
        var agency = builder.Build().Agencies.Single();
        foreach (var f in Oracle.Ratios)
        {
            var m = agency.Metric(f.Name);
            var complete = Oracle.Complete(f, report);
            var zero = complete && f.Denominator(report).Sum(v => v!.Value) == 0;
            Assert.Equal(complete && !zero, m.Value is not null);
            Assert.Equal(zero, m.NotApplicable == NotApplicable.DenominatorZero);
            Assert.Equal(!complete, m.NotApplicable is NotApplicable.InputBlank or NotApplicable.InputAmbiguous or NotApplicable.InputUnread);
            if (m.Value is { } v) Assert.Equal(m.Numerator * (decimal)v.Denominator, m.Denominator * (decimal)v.Numerator);
        }
    }

    [Property(MaxTest = 40)]
    public void Rankings_are_ordered_share_ranks_on_ties_and_list_the_not_applicable_apart(int seed, bool descending)
    {
        var entries = Consistent(seed, 2 + Math.Abs(seed % 12));
        var random = new Random(seed);
        // Some agencies handled nothing: their rate is not applicable and must not be ranked.
        entries = entries.Select(e =>
        {
            if (random.Next(4) != 0) return e;
            var draft = e.Report.ToDraft();
            foreach (var (path, _) in draft.Applications!.Cells().ToList()) draft.Applications[path] = 0m;
            return e with { Report = draft.Publish() };
        }).ToList();
        var builder = new SummaryBuilder(new SummaryOptions());
        builder.AddRange(entries);
        var agencies = builder.Build().Agencies;
        foreach (var metric in MetricCatalog.Ratios)
        {
            var ranking = Ranking.Of(agencies, metric, descending);
            Assert.Equal(agencies.Count, ranking.Ranked.Count + ranking.NotApplicable.Count);
            Assert.All(ranking.NotApplicable, a => Assert.NotNull(a.Result.NotApplicable));
            Assert.All(ranking.Ranked, a => Assert.Null(a.Result.NotApplicable));
            var values = ranking.Ranked.Select(r => r.Result.Value!.Value).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0) Assert.True(descending ? values[i - 1] >= values[i] : values[i - 1] <= values[i]);
                var better = values.Count(v => descending ? v > values[i] : v < values[i]);
                Assert.Equal(1 + better, ranking.Ranked[i].Rank);
            }
            // The dashboard's top k without the full sort: the same first k, with the same ranks, and the same counts.
            var k = random.Next(agencies.Count + 2);
            var (top, ranked, apart) = Ranking.Top(agencies, metric, k, descending);
            Assert.Equal(ranking.Ranked.Count, ranked);
            Assert.Equal(ranking.NotApplicable.Count, apart);
            Assert.Equal(ranking.Ranked.Take(k).Select(r => (r.Rank, r.Agency.Agency.Id, r.Agency.Year)), top.Select(r => (r.Rank, r.Agency.Agency.Id, r.Agency.Year)));
        }
    }
}
