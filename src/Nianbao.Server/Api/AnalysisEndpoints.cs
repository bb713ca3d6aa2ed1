using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Metrics;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Export;
using Nianbao.Queries;
using Nianbao.Server.Accounts;

namespace Nianbao.Server.Api;

/// <summary>
/// A summary kept in the <see cref="GenerationCache"/> with what was made of it (its JSON, rankings): kept
/// with the summary, they are dropped with it when the archive is written, never paired with a newer one.
/// </summary>
internal sealed class CachedSummary(Summary summary)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> _derived = new(StringComparer.Ordinal);

    public Summary Summary { get; } = summary;

    public T Derive<T>(string key, Func<T> make) where T : class =>
        (T)_derived.GetOrAdd(key, _ => new Lazy<object>(() => make(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}

/// <summary>Summaries, metrics, rankings and missing reports of a region and year; exports.</summary>
internal static class AnalysisEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("汇总 analysis").RequireAuthorization();

        api.MapGet("/summary", (HttpContext http, ServerOptions options, GenerationCache cache, string? region, int year, string? rank, bool? ascending) =>
            Summarize(http, options, cache, region, year, rank, ascending == true, (cached, key, summary, ranking) =>
                Results.Text(cached.Derive(key + "|json", () => SummaryJson.Serialize(summary, ranking)), "application/json; charset=utf-8")))
            .WithSummary("汇总 The tables summed over a region's current reports for a year, metrics, coverage (and a ranking with rank=METRIC)");

        api.MapGet("/rankings/{metric}", (string metric, HttpContext http, ServerOptions options, GenerationCache cache, string? region, int year, bool? ascending) =>
            Summarize(http, options, cache, region, year, metric, ascending == true, (_, _, _, ranking) => Results.Ok(new
            {
                metric = ranking!.Metric.Name,
                label = ranking.Metric.Label,
                descending = ranking.Descending,
                ranked = ranking.Ranked.Select(r => new { r.Rank, agency = r.Agency.Agency.Name, agencyId = r.Agency.Agency.Id, r.Agency.Year, value = r.Result.Value is { } v ? Ratio.Text(v) : null, numerator = r.Result.Numerator, denominator = r.Result.Denominator, percent = r.Result.Percent }),
                notApplicable = ranking.NotApplicable.Select(n => new { agency = n.Agency.Agency.Name, n.Agency.Year, reason = n.Result.NotApplicable!.Value.ToChinese() }),
            })))
            .WithSummary("排名 Agencies ranked on a metric (docs/metrics.md)");

        api.MapGet("/missing", (HttpContext http, ServerOptions options, GenerationCache cache, string? region, int year) =>
            Summarize(http, options, cache, region, year, null, false, (_, _, summary, _) => Results.Ok(summary.Total.ExpectedWithoutReport.Select(m => new
            {
                m.Year, agency = m.Agency.Name, regionCode = m.Agency.Placement?.RegionCode,
            }))))
            .WithSummary("应报未报 Expected agencies without a report for the year");

        api.MapGet("/export", async (HttpContext http, ServerOptions options, string format, string? region, string? agency, int? year, bool? @long) =>
        {
            if (!ExportOptions.TryParseFormat(format, out var exportFormat) || exportFormat == ExportFormat.JsonLines && format != "jsonl")
                return Results.Problem(statusCode: 400, title: "格式无效 unknown format", detail: "format: csv, xlsx, parquet, jsonl");
            var access = Access.Of(http.User)!;
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            var filter = access.Narrow(new ReportFilter { Region = region, Agency = agency, Year = year });
            List<ExportRow> rows;
            try
            {
                // As `nianbao export` reads them: the lossless records for JSON Lines, else the cells as the archive holds them now.
                var source = new ArchiveReports(store);
                rows = exportFormat == ExportFormat.JsonLines
                    ? store.ListReports(filter).Select(e => new ExportRow(store.LoadReport(e.Id), source.AgencyOf(e), e.Id) { Errors = e.Errors, Warnings = e.Warnings }).ToList()
                    : source.Read(filter).Select(r => new ExportRow(r.Report, r.Agency, r.Entry.Id) { Errors = r.Entry.Errors, Warnings = r.Entry.Warnings, SettledBy = r.SettledBy }).ToList();
            }
            catch (ArchiveException ex) { return Results.Problem(statusCode: 400, title: "筛选条件无效 invalid filter", detail: ex.Message); }
            var buffer = new MemoryStream();
            await Exporter.WriteAsync(rows, buffer, new ExportOptions(exportFormat, @long == true), http.RequestAborted);
            var (type, extension) = exportFormat switch
            {
                ExportFormat.Csv => ("text/csv; charset=utf-8", "csv"),
                ExportFormat.Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
                ExportFormat.Parquet => ("application/vnd.apache.parquet", "parquet"),
                _ => ("application/jsonl; charset=utf-8", "jsonl"),
            };
            return Results.File(buffer.ToArray(), type, $"nianbao-export.{extension}");
        }).WithSummary("导出 The reports (current versions) as CSV, XLSX, Parquet or JSON Lines");
    }

    internal static AgencyRef AgencyOf(ReportEntry e) =>
        new(e.AgencyId ?? "printed:" + (e.AgencyPrinted ?? e.Id), e.Agency ?? e.AgencyPrinted ?? "（未署名）",
            e.RegionCode is null && e.Level is null && e.Kind is null ? null : new AgencyPlacement(e.RegionCode, null, e.Level, e.Kind));

    /// <summary>
    /// The summary of a region and year as the account sees it, and the ranking asked for, from
    /// <paramref name="cache"/> while the archive has not been written since they were computed;
    /// <paramref name="then"/> gets the cached summary (to keep what it derives from it), the ranking's
    /// key ("" for none), the summary and the ranking.
    /// </summary>
    private static IResult Summarize(HttpContext http, ServerOptions options, GenerationCache cache, string? region, int year, string? rank, bool ascending,
        Func<CachedSummary, string, Summary, Ranking?, IResult> then)
    {
        MetricDefinition? metric = null;
        if (rank is not null && (metric = MetricCatalog.Find(rank)) is null)
            return Results.Problem(statusCode: 400, title: "没有这个指标 unknown metric", detail: string.Join(", ", MetricCatalog.All.Select(m => m.Name)));
        var access = Access.Of(http.User)!;
        using var store = ArchiveStore.OpenMigrated(options.Archive);
        try
        {
            var scoped = access.Narrow(new ReportFilter { Region = region is null ? null : store.ResolveRegionCode(region), Year = year });
            var request = new SummaryRequest
            {
                RegionCode = scoped.Region is null ? null : store.ResolveRegionCode(scoped.Region),
                FromYear = year,
                ToYear = year,
                Agency = scoped.Agency,
            };
            // The same reading as `nianbao summary` (cells settled by a neighbouring year applied): the API answers what the command prints.
            var key = $"summary|{request.RegionCode}|{request.Agency}|{year}";
            var cached = cache.Get(store, key, () => new CachedSummary(ArchiveSummaries.Build(store, request, cache.Contributions).Summary));
            var ranking = metric is null ? null : cached.Derive($"rank|{metric.Name}|{ascending}", () => Ranking.Of(cached.Summary.Agencies, metric, !ascending));
            return then(cached, metric is null ? "" : $"rank|{metric.Name}|{ascending}", cached.Summary, ranking);
        }
        catch (ArchiveException ex) { return Results.Problem(statusCode: 400, title: "地区无效 invalid region", detail: ex.Message); }
    }
}
