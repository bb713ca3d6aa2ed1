using System.Text.Json;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Analysis.Tests;

public class SummaryTests
{
    private static Summary Summarize(IEnumerable<SeriesReport> reports, SummaryOptions? options = null, IEnumerable<SeriesReport>? previous = null)
    {
        var builder = new SummaryBuilder(options ?? new SummaryOptions());
        foreach (var r in reports) builder.Add(r.Entry);
        foreach (var r in previous ?? []) builder.AddPrevious(r.Entry);
        return builder.Build(Series.Expected);
    }

    /// <summary>Every cell path of both national templates, from the templates themselves.</summary>
    private static IEnumerable<CellPath> AllPaths() =>
        TemplateSchema.All.SelectMany(t => t.Tables).SelectMany(t => t.Cells()).Distinct();

    [Theory]
    [InlineData(1, 2022)]
    [InlineData(2, 2021)]
    [InlineData(3, 2020)]
    [InlineData(4, 2023)]
    public void Sums_are_the_generators_numbers_and_every_number_not_summed_is_counted_by_why(int seed, int year)
    {
        var series = Series.Make(seed).Where(r => r.Report.Year == year).ToList();
        var summary = Summarize(series);
        Assert.Equal(series.Count, summary.Total.Reports);
        var sawBlank = false;
        foreach (var path in AllPaths())
        {
            decimal sum = 0;
            int summed = 0, blank = 0, ambiguous = 0, unread = 0, absent = 0;
            foreach (var r in series)
            {
                var table = r.Report.Table(path.Table);
                if (table is null || table.Schema.SlotOf(path.Row, path.Field) < 0) { absent++; continue; }
                if (table[path] is { } v) { sum += v; summed++; }
                else if (r.Ambiguous.ContainsKey(path)) ambiguous++;
                else if (r.Unread.ContainsKey(path)) unread++;
                else blank++;
            }
            var total = summary.Total.Tables[path];
            var mixedUnits = total.MixedUnits;
            Assert.Equal(summed > 0 && !mixedUnits ? sum : null, total.Sum);
            Assert.Equal((summed, blank, ambiguous, unread, absent), (total.Summed, total.Blank, total.Ambiguous, total.Unread, total.Absent));
            sawBlank |= blank > 0 && summed > 0;
        }
        Assert.True(sawBlank, "the series should have blank cells beside numbers");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Metrics_equal_the_formulas_computed_plainly_over_the_same_reports(int seed)
    {
        foreach (var year in Series.Years)
        {
            var series = Series.Make(seed).Where(r => r.Report.Year == year).ToList();
            var summary = Summarize(series);
            foreach (var f in Oracle.Ratios.Concat(Oracle.Quantities))
            {
                var (n, d, count) = Oracle.Over(f, series.Select(s => s.Report));
                var m = summary.Total.Metric(f.Name);
                Assert.Equal((n, count), (m.Numerator, m.Reports));
                Assert.Equal(series.Count - count, m.Excluded.Values.Sum());
                if (f.Denominator(series[0].Report).Length == 0)
                {
                    Assert.Equal(count == 0 ? (decimal?)null : n, m.NotApplicable is null ? m.Numerator : (decimal?)null);
                    continue;
                }
                Assert.Equal(d, m.Denominator);
                if (count == 0 || d == 0)
                {
                    Assert.NotNull(m.NotApplicable);
                    Assert.Null(m.Value);
                    Assert.Null(m.Percent);
                }
                else
                {
                    Assert.Null(m.NotApplicable);
                    Assert.Equal(Oracle.Percent(n, d), m.Percent);
                    // The exact value: numerator × denominator' = denominator × numerator'.
                    var v = m.Value!.Value;
                    Assert.Equal(n * (decimal)v.Denominator, d * (decimal)v.Numerator);
                }
            }
        }
    }

    [Fact]
    public void Per_agency_metrics_and_their_reasons_when_not_applicable()
    {
        var series = Series.Make(21).Where(r => r.Report.Year == 2022).ToList();
        var summary = Summarize(series);
        foreach (var s in series)
        {
            var agency = summary.Agencies.Single(a => a.Agency.Id == s.Agency.Id);
            foreach (var f in Oracle.Ratios)
            {
                var m = agency.Metric(f.Name);
                if (s.Report.Template == ReportTemplate.Legacy) Assert.Equal(NotApplicable.InputAbsent, m.NotApplicable);
                else if (!Oracle.Complete(f, s.Report))
                {
                    var missing = f.Numerator(s.Report).Concat(f.Denominator(s.Report)).Count(v => v is null);
                    Assert.True(missing > 0);
                    Assert.Contains(m.NotApplicable, new NotApplicable?[] { NotApplicable.InputBlank, NotApplicable.InputAmbiguous, NotApplicable.InputUnread });
                }
                else if (f.Denominator(s.Report).Sum(v => v!.Value) == 0) Assert.Equal(NotApplicable.DenominatorZero, m.NotApplicable);
                else Assert.Null(m.NotApplicable);
            }
        }
    }

    [Fact]
    public void A_cell_blank_in_every_report_has_no_sum_and_a_rate_over_nothing_is_not_applicable()
    {
        var reports = Enumerable.Range(0, 3).Select(i =>
        {
            var r = ReportDraft.Blank(ReportTemplate.Format2021, $"机关{i}", 2024);
            foreach (var table in r.Tables)
            foreach (var (path, _) in table.Cells().ToList()) table[path] = 0m;
            r.Applications!["received", "total"] = null;
            return new Agencies.AgencyReport(new Agencies.AgencyRef($"id{i}", $"机关{i}"), r.Publish());
        }).ToList();
        var builder = new SummaryBuilder(new SummaryOptions());
        builder.AddRange(reports);
        var summary = builder.Build();
        var received = summary.Total.Tables[CellPath.Parse("applications.received.total")];
        Assert.Null(received.Sum);
        Assert.Equal(3, received.Blank);
        Assert.Equal(0m, summary.Total.Tables[CellPath.Parse("applications.granted.total")].Sum);

        var disclosure = summary.Total.Metric("disclosureRate");
        Assert.Equal(NotApplicable.DenominatorZero, disclosure.NotApplicable);
        Assert.Null(disclosure.Percent);
        var dispute = summary.Total.Metric("disputeRate");
        Assert.Equal(NotApplicable.InputBlank, dispute.NotApplicable);
        Assert.Equal(3, dispute.Excluded[NotApplicable.InputBlank]);

        using var json = JsonDocument.Parse(SummaryJson.Serialize(summary));
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("applications").GetProperty("received").GetProperty("total").ValueKind);
        Assert.Equal(0, root.GetProperty("applications").GetProperty("granted").GetProperty("total").GetDecimal());
        var rate = root.GetProperty("metrics").GetProperty("disclosureRate");
        Assert.Equal(JsonValueKind.Null, rate.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, rate.GetProperty("percent").ValueKind);
        Assert.Equal("denominatorZero", rate.GetProperty("notApplicable").GetString());
        Assert.Equal(3, root.GetProperty("coverage").GetProperty("cellsNotSummed").GetProperty("applications.received.total").GetProperty("blank").GetInt32());
    }

    [Fact]
    public void Grouping_by_region_uses_the_level_below_the_scope_and_groups_add_up_to_the_total()
    {
        var series = Series.Make(31).Where(r => r.Report.Year == 2023).ToList();
        var names = new Dictionary<string, string> { ["411500000000"] = "河南省信阳市", ["410000000000"] = "河南省", ["320000000000"] = "江苏省" };
        var henan = series.Where(s => s.Agency.Placement?.RegionCode?.StartsWith("41") == true).ToList();
        var summary = Summarize(henan, new SummaryOptions { By = GroupBy.Region, ScopeRegionCode = "410000", RegionName = c => names.GetValueOrDefault(c) });
        Assert.Equal(["410000000000", "411500000000"], summary.Groups.Select(g => g.Key.Key));
        Assert.Equal("河南省（本级）", summary.Groups[0].Key.Label);
        Assert.Equal([Series.HenanScience.Id], summary.Groups[0].Agencies.Select(a => a.Id));
        Assert.Equal(3, summary.Groups[1].Reports);
        // 卡房乡 is expected in 信阳市 and has no report; the agencies of Jiangsu are not this scope's.
        Assert.Contains(summary.Groups[1].ExpectedWithoutReport, m => m.Agency == Series.Kafang && m.Year == 2023);

        var country = Summarize(series, new SummaryOptions { By = GroupBy.Region, RegionName = c => names.GetValueOrDefault(c) });
        Assert.Equal(["320000000000", "410000000000", "unplaced"], country.Groups.Select(g => g.Key.Key));
        AssertGroupsAddUp(country);
        AssertGroupsAddUp(Summarize(series, new SummaryOptions { By = GroupBy.Level }));
        AssertGroupsAddUp(Summarize(series, new SummaryOptions { By = GroupBy.Agency }));
        Assert.Equal(["province", "city", "county", "township", "unplaced"], Summarize(series, new SummaryOptions { By = GroupBy.Level }).Groups.Select(g => g.Key.Key));
    }

    internal static void AssertGroupsAddUp(Summary summary)
    {
        Assert.Equal(summary.Total.Reports, summary.Groups.Sum(g => g.Reports));
        foreach (var total in summary.Total.Tables.Cells())
        {
            var parts = summary.Groups.Select(g => g.Tables[total.Path]).ToList();
            Assert.Equal(total.Summed, parts.Sum(p => p.Summed));
            Assert.Equal(total.Blank + total.Ambiguous + total.Unread + total.Absent, parts.Sum(p => p.Blank + p.Ambiguous + p.Unread + p.Absent));
            if (!total.MixedUnits && total.Sum is { } sum) Assert.Equal(sum, parts.Sum(p => p.Sum ?? 0m));
        }
        foreach (var metric in summary.Total.Metrics)
        {
            var parts = summary.Groups.Select(g => g.Metric(metric.Metric.Name)).ToList();
            Assert.Equal(metric.Numerator, parts.Sum(p => p.Numerator));
            Assert.Equal(metric.Denominator, parts.Sum(p => p.Denominator));
            Assert.Equal(metric.Reports, parts.Sum(p => p.Reports));
        }
    }

    [Fact]
    public void Year_over_year_compares_the_agencies_that_reported_in_both_years()
    {
        var series = Series.Make(41);
        var current = series.Where(s => s.Report.Year == 2023).ToList();
        var previous = series.Where(s => s.Report.Year == 2022).ToList();
        var summary = Summarize(current, previous: previous);
        foreach (var f in Oracle.Ratios.Concat(Oracle.Quantities))
        {
            var pairs = current.Select(c => (c.Report, Before: previous.FirstOrDefault(p => p.Agency.Id == c.Agency.Id)?.Report))
                .Where(p => p.Before is not null && Oracle.Complete(f, p.Report) && Oracle.Complete(f, p.Before!)).ToList();
            var (n1, d1, _) = Oracle.Over(f, pairs.Select(p => p.Report));
            var (n0, d0, _) = Oracle.Over(f, pairs.Select(p => p.Before!));
            var change = summary.Total.YearOverYear.Single(c => c.Metric.Name == f.Name);
            Assert.Equal(pairs.Count, change.Agencies);
            var isRatio = f.Denominator(current[0].Report).Length > 0;
            decimal? expected = pairs.Count == 0 ? null
                : isRatio ? (d1 == 0 || d0 == 0 ? null : Math.Round((n1 / d1 - n0 / d0) * 100m, 2, MidpointRounding.AwayFromZero))
                : n0 == 0 ? null : Oracle.Percent(n1 - n0, n0);
            Assert.Equal(expected, change.Percent);
            Assert.Equal(expected is null, change.NotApplicable is not null);
        }
    }

    [Fact]
    public void By_year_keeps_each_templates_rows_and_lists_missing_agencies_per_year()
    {
        var series = Series.Make(51);
        var summary = Summarize(series, new SummaryOptions { By = GroupBy.Year });
        Assert.Equal(["2020", "2021", "2022", "2023"], summary.Groups.Select(g => g.Key.Key));
        foreach (var g in summary.Groups)
            Assert.Equal([Series.Kafang], g.ExpectedWithoutReport.Select(m => m.Agency));
        Assert.Equal(4, summary.Total.ExpectedWithoutReport.Count);

        using var json = JsonDocument.Parse(SummaryJson.Serialize(summary));
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        var apps2020 = groups[0].GetProperty("applications");
        Assert.True(apps2020.TryGetProperty("otherHandling", out _));
        Assert.False(apps2020.TryGetProperty("otherNoCorrection", out _));
        var apps2021 = groups[1].GetProperty("applications");
        Assert.False(apps2021.TryGetProperty("otherHandling", out _));
        Assert.True(apps2021.TryGetProperty("otherNoCorrection", out _));
        // Over both formats the rows of both are there; the 2019-only row counts the 2021 reports as absent.
        var all = json.RootElement.GetProperty("applications");
        Assert.True(all.TryGetProperty("otherHandling", out _) && all.TryGetProperty("otherNoCorrection", out _));
        var otherHandling = summary.Total.Tables[CellPath.Parse("applications.otherHandling.total")];
        Assert.Equal(series.Count(s => s.Report.Template == ReportTemplate.Format2021) + 1, otherHandling.Absent);
        // Each year's change is against the year before; the first year has nothing to compare with.
        Assert.All(summary.Groups[0].YearOverYear, c => Assert.Equal(NotApplicable.NoReport, c.NotApplicable));
        Assert.Contains(summary.Groups[3].YearOverYear, c => c.NotApplicable is null);
        AssertGroupsAddUp(summary);
    }

    [Fact]
    public void Two_reports_of_one_agency_and_year_are_refused()
    {
        var series = Series.Make(61).Where(r => r.Report.Year == 2021).ToList();
        var builder = new SummaryBuilder(new SummaryOptions());
        builder.Add(series[0].Entry);
        var e = Assert.Throws<InvalidOperationException>(() => builder.Add(series[0].Entry));
        Assert.Contains(series[0].Agency.Name, e.Message);
    }

    [Fact]
    public void Json_has_the_contract_shape_metrics_by_name_and_coverage()
    {
        var series = Series.Make(71).Where(r => r.Report.Year == 2022).ToList();
        var summary = Summarize(series, new SummaryOptions { By = GroupBy.Agency, ScopeRegionCode = null });
        var ranking = Ranking.Of(summary.Agencies, MetricCatalog.DisclosureRate);
        using var json = JsonDocument.Parse(SummaryJson.Serialize(summary, ranking));
        var root = json.RootElement;
        var received = root.GetProperty("applications").GetProperty("received");
        Assert.Equal(summary.Total.Tables[CellPath.Parse("applications.received.naturalPerson")].Sum, received.GetProperty("naturalPerson").ValueKind == JsonValueKind.Null ? null : received.GetProperty("naturalPerson").GetDecimal());
        foreach (var name in MetricCatalog.All.Select(m => m.Name)) Assert.True(root.GetProperty("metrics").TryGetProperty(name, out _), name);
        foreach (var s in series.Where(s => s.Ambiguous.Count > 0))
            foreach (var path in s.Ambiguous.Keys)
                Assert.True(root.GetProperty("coverage").GetProperty("cellsNotSummed").GetProperty(path.ToString()).GetProperty("ambiguous").GetInt32() >= 1);
        // One group per agency, the expected one without a report included (it has only its absence).
        Assert.Equal(series.Count + 1, root.GetProperty("groups").GetArrayLength());
        var r = root.GetProperty("ranking");
        Assert.Equal(series.Count, r.GetProperty("ranked").GetArrayLength() + r.GetProperty("notApplicable").GetArrayLength());
        Assert.Equal("新县卡房乡人民政府", root.GetProperty("coverage").GetProperty("expectedWithoutReport")[0].GetProperty("agency").GetString());
    }
}
