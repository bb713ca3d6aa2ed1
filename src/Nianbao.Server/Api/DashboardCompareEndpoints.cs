using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nianbao.Archive;
using Nianbao.Queries;
using Nianbao.Server.Accounts;
using Nianbao.Server.Comparing;
using Nianbao.Server.Dashboards;

namespace Nianbao.Server.Api;

/// <summary>The region dashboard's data and the comparison of two reports.</summary>
internal static class DashboardCompareEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("看板与对比 dashboard and compare").RequireAuthorization();

        api.MapGet("/dashboard", (HttpContext http, ServerOptions options, GenerationCache cache, string? region, int year) =>
        {
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            try { return Results.Ok(RegionDashboard.Build(store, Access.Of(http.User)!, region, year, cache)); }
            catch (ArchiveException ex) { return Results.Problem(statusCode: 400, title: "地区无效 invalid region", detail: ex.Message); }
        }).WithSummary("区域看板 A region's year: reports received against expected, missing agencies, error counts, applications by outcome and applicant type, trend over five years, rankings");

        api.MapGet("/compare", (HttpContext http, ServerOptions options, string? left, string? right, string? agency, string? agency2, int? year, int? year2) =>
        {
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            var access = Access.Of(http.User)!;
            var pair = ComparePicker.Resolve(store, access, left, right, agency, agency2, year, year2);
            if (pair.Problem is { } problem) return Results.Problem(statusCode: pair.Status, title: problem);
            return Results.Ok(ReportComparer.Compare(pair.Left!, store.LoadReport(pair.Left!.Id), pair.Right!, store.LoadReport(pair.Right!.Id)));
        }).WithSummary("对比 Two reports side by side (left/right ids, or agency with year and year2, or agency and agency2 with year): cells with differences marked, text diff of the sections");
    }
}
