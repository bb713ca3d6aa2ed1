using System.CommandLine;
using System.Globalization;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Cli.Commands.Archive;
using Nianbao.Domain;
using Nianbao.Queries;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Analysis;

/// <summary>
/// <c>nianbao summary --region R --year Y [--by …] [--rank METRIC] [--json]</c>: the tables summed over
/// a region's current reports, the metrics and the coverage (docs/metrics.md).
/// </summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var db = ArchiveOptions.Db();
        var region = new Option<string?>("--region") { Description = "地区 Region code (统计用区划代码) or exact name; its agencies and those below it. Default: the whole archive." };
        var year = YearsOption.Create();
        var by = new Option<string?>("--by") { Description = "分组 Break down by agency, level, region (one level below --region) or year." };
        by.AcceptOnlyFromAmong("agency", "level", "region", "year");
        var rank = new Option<string?>("--rank") { Description = "排名 Rank the agencies on a metric (e.g. disclosureRate); not-applicable ones are listed apart." };
        var ascending = new Option<bool>("--ascending") { Description = "Rank from the lowest value." };
        var json = new Option<bool>("--json") { Description = "Print the summed tables (contract shape), metrics and coverage as JSON." };
        var command = new Command("summary", "汇总 Sum the tables of a region's reports, with coverage and metrics (docs/metrics.md).") { db, region, year, by, rank, ascending, json };
        command.SetAction(r => Run(r.GetValue(db), r.GetValue(region), r.GetValue(year)!, r.GetValue(by), r.GetValue(rank), r.GetValue(ascending), r.GetValue(json)));
        return command;
    }

    private static int Run(string? db, string? region, string yearText, string? by, string? rankName, bool ascending, bool json)
    {
        if (!YearsOption.TryRead(yearText, out var from, out var to)) return 2;
        MetricDefinition? rankMetric = null;
        if (rankName is not null && (rankMetric = MetricCatalog.Find(rankName)) is null)
        {
            Console.Error.WriteLine($"--rank {rankName}: 没有这个指标；可用：{string.Join(", ", MetricCatalog.All.Select(m => m.Name))} (unknown metric).");
            return 2;
        }
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        try
        {
            var scope = region is null ? null : store.ResolveRegionCode(region);
            var (summary, source) = ArchiveSummaries.Build(store, new SummaryRequest
            {
                RegionCode = scope,
                FromYear = from,
                ToYear = to,
                By = by is null ? GroupBy.None : Enum.Parse<GroupBy>(by, ignoreCase: true),
            });
            var ranking = rankMetric is null ? null : Ranking.Of(summary.Agencies, rankMetric, !ascending);
            if (json) Console.Out.WriteLine(SummaryJson.Serialize(summary, ranking));
            else Print(summary, ranking, scope is null ? "全部" : $"{source.RegionName(scope) ?? scope}（{scope}）", yearText);
            return 0;
        }
        catch (ArchiveException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static string Value(MetricResult m) =>
        m.NotApplicable is { } na ? na.ToChinese()
        // The sums themselves (24/134), not the reduced fraction (12/67): those are the numbers a user finds in the tables.
        : m.Metric.IsRatio ? $"{m.Percent!.Value.ToString("0.00", CultureInfo.InvariantCulture)}%  ({m.Numerator.ToString(CultureInfo.InvariantCulture)}/{m.Denominator.ToString(CultureInfo.InvariantCulture)})"
        : m.Numerator.ToString(CultureInfo.InvariantCulture);

    private static string Excluded(MetricResult m) =>
        m.Excluded.Count == 0 ? "" : string.Join("，", m.Excluded.OrderBy(e => e.Key).Select(e => $"{e.Key.ToChinese().Replace("不适用", "")} {e.Value}"));

    private static void Print(Summary summary, Ranking? ranking, string scope, string years)
    {
        var total = summary.Total;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(scope)} {Markup.Escape(years)}年 汇总[/]：{total.Reports} 份报告，{total.Agencies.Count} 个机关；应报未报 {total.ExpectedWithoutReport.Count}");
        var metrics = new Table().Border(TableBorder.Rounded).Title("指标 metrics (docs/metrics.md)");
        metrics.AddColumns("指标", "name", "值 value", "报告数 reports", "未计入 excluded");
        foreach (var m in total.Metrics)
            metrics.AddRow(Markup.Escape(m.Metric.Label), m.Metric.Name, Markup.Escape(Value(m)), m.Reports.ToString(CultureInfo.InvariantCulture), Markup.Escape(Excluded(m)));
        AnsiConsole.Write(metrics);

        if (total.YearOverYear.Any(c => c.NotApplicable is null))
        {
            var changes = new Table().Border(TableBorder.Rounded).Title("同比 year over year (same agencies in both years)");
            changes.AddColumns("指标", "变化 change", "机关数 agencies");
            foreach (var c in total.YearOverYear)
                changes.AddRow(Markup.Escape(c.Metric.Label),
                    Markup.Escape(c.NotApplicable is { } na ? na.ToChinese() : $"{c.Percent!.Value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)}{(c.Metric.IsRatio ? " 个百分点" : "%")}"),
                    c.Agencies.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(changes);
        }

        var applications = new Table().Border(TableBorder.Rounded).Title("表三 总计列 · 表四 总计 (sums; blank, ambiguous and unread cells not counted)");
        applications.AddColumns("行 row", "合计 sum", "未计入 not summed");
        foreach (var path in new[] { "received", "carriedOver", "granted", "partlyGranted", "totalHandled", "carriedForward" }.Select(r => $"applications.{r}.total")
                     .Concat(["reviewsAndLawsuits.review.total", "reviewsAndLawsuits.lawsuitDirect.total", "reviewsAndLawsuits.lawsuitAfterReview.total"]))
        {
            var cell = total.Tables[CellPath.Parse(path)];
            applications.AddRow(path, cell.Sum?.ToString(CultureInfo.InvariantCulture) ?? "—",
                cell.NotSummed == 0 ? "" : $"空白 {cell.Blank} · 多读 {cell.Ambiguous} · 未读出 {cell.Unread}");
        }
        AnsiConsole.Write(applications);
        var notSummed = total.Tables.Cells().Count(c => c.NotSummed > 0);
        if (notSummed > 0) AnsiConsole.MarkupLine($"{notSummed} 个单元格有报告未给出数字（空白、多种读法或未读出），未按 0 计入；明细见 --json 的 coverage.cellsNotSummed。");

        if (summary.Groups.Count > 0)
        {
            var groups = new Table().Border(TableBorder.Rounded).Title("分组 groups");
            groups.AddColumns("分组", "报告", "公开率", "复议诉讼发生率", "新收申请", "应报未报");
            foreach (var g in summary.Groups)
                groups.AddRow(Markup.Escape(g.Key.Label), g.Reports.ToString(CultureInfo.InvariantCulture), Markup.Escape(Value(g.Metric("disclosureRate"))),
                    Markup.Escape(Value(g.Metric("disputeRate"))), Markup.Escape(Value(g.Metric("applicationsReceived"))), g.ExpectedWithoutReport.Count.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(groups);
        }

        if (ranking is not null)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"排名 {Markup.Escape(ranking.Metric.Label)} ({ranking.Metric.Name}, {(ranking.Descending ? "高→低" : "低→高")})");
            table.AddColumns("名次", "机关", "年度", "值");
            foreach (var r in ranking.Ranked)
                table.AddRow(r.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Agency.Agency.Name), r.Agency.Year.ToString(CultureInfo.InvariantCulture), Markup.Escape(Value(r.Result)));
            AnsiConsole.Write(table);
            if (ranking.NotApplicable.Count > 0)
            {
                AnsiConsole.MarkupLine("[bold]不参与排名（指标不适用）[/]：");
                foreach (var (agency, result) in ranking.NotApplicable)
                    AnsiConsole.MarkupLine($"  {Markup.Escape(agency.Agency.Name)} {agency.Year}：{Markup.Escape(result.NotApplicable!.Value.ToChinese())}");
            }
        }

        if (total.ExpectedWithoutReport.Count > 0)
        {
            AnsiConsole.MarkupLine("[bold]应报未报 expected without a report[/]：");
            foreach (var m in total.ExpectedWithoutReport)
                AnsiConsole.MarkupLine($"  {m.Year} {Markup.Escape(m.Agency.Name)} {Markup.Escape(m.Agency.Placement?.RegionCode ?? "")}");
        }
    }
}
