using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Archive;
using Nianbao.Archive.Harvest;
using Nianbao.Pipeline;
using Nianbao.Server.Accounts;
using Nianbao.Server.Harvests;

namespace Nianbao.Server.Api;

/// <param name="Urls">Start URLs: report columns, 政府信息公开 index pages or articles (http/https).</param>
/// <param name="Since">Only reports for this year or later.</param>
/// <param name="MaxPages">List pages walked per column.</param>
public sealed record HarvestRequest(IReadOnlyList<string>? Urls, int? Since, int? MaxPages);

/// <summary>Harvests from the web into the archive: start one (one at a time per server), read its progress.</summary>
internal static class HarvestEndpoints
{
    public const int MaxStartUrls = HarvestStartRequest.MaxStartUrls;

    public static void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServerOptions>();
        // One runner for the server, shared with the 采集 page (one harvest at a time across both).
        var runner = app.Services.GetRequiredService<HarvestRunner>();
        app.Lifetime.ApplicationStopping.Register(runner.Stop);
        var api = app.MapGroup("/api/harvests").WithTags("采集 harvests").RequireAuthorization();

        api.MapPost("", async (HarvestRequest body, HttpContext http) =>
        {
            if (Forbidden(http, start: true) is { } refused) return refused;
            var request = HarvestStartRequest.Check(body.Urls ?? [], body.Since, body.MaxPages, options.Harvest);
            if (request.ProblemTitle is not null) return Results.Problem(statusCode: 400, title: request.ProblemTitle, detail: request.ProblemDetail);
            var urls = request.Urls;
            var start = await runner.StartAsync(urls, request.Options);
            if (start.RunningId is { } running)
                return Results.Problem(statusCode: 409, title: "已有采集在运行 a harvest is already running",
                    detail: $"同一时间只运行一个采集；请等待 {running} 结束 (one harvest at a time: wait for {running}).", extensions: new Dictionary<string, object?> { ["runningId"] = running });
            if (start.RunId is not { } id)
                return Results.Problem(statusCode: 500, title: "采集未能开始 the harvest did not start", detail: start.Problem);
            return Results.Accepted($"/api/harvests/{Uri.EscapeDataString(id)}", new { id, status = "running", seeds = urls.Select(u => u.AbsoluteUri) });
        }).WithSummary("开始采集 Start a harvest of the given URLs into the archive (administrators and reviewers not limited to a region; one at a time per server)");

        api.MapGet("", async (HttpContext http) =>
        {
            if (Forbidden(http, start: false) is { } refused) return refused;
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            var runs = await new ArchiveHarvestStore(store).RunsAsync(http.RequestAborted);
            var running = runner.RunningId;
            return Results.Ok(runs.OrderByDescending(r => r.StartedAt).Take(100).Select(r => new
            {
                r.Id, status = Status(r.Id, r.FinishedAt, running), r.Seeds, r.StartedAt, r.FinishedAt, r.Tally,
            }));
        }).WithSummary("采集记录 Harvest runs, latest first");

        api.MapGet("/{id}", async (string id, HttpContext http) =>
        {
            if (Forbidden(http, start: false) is { } refused) return refused;
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            var harvests = new ArchiveHarvestStore(store);
            var run = (await harvests.RunsAsync(http.RequestAborted)).FirstOrDefault(r => r.Id == id);
            if (run is null) return Results.Problem(statusCode: 404, title: "没有这次采集 no such harvest", detail: id);
            // Outcomes are saved as each URL ends, so a running harvest shows how far it got.
            var outcomes = harvests.Outcomes(run.Id).Where(o => o.RunId == run.Id).ToList();
            return Results.Ok(new
            {
                run.Id,
                status = Status(run.Id, run.FinishedAt, runner.RunningId),
                run.Seeds,
                run.StartedAt,
                run.FinishedAt,
                urls = outcomes.Count,
                tally = outcomes.GroupBy(o => o.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                outcomes = outcomes.Select(o => new { o.Url, o.Outcome, o.Detail, o.Role, o.Title, o.FetchedAt, o.ReportId }),
            });
        }).WithSummary("采集进度 A harvest's status and every URL's outcome so far");
    }

    private static string Status(string id, DateTimeOffset? finishedAt, string? runningId) => HarvestStartRequest.Status(id, finishedAt, runningId);

    // A harvest imports whatever agencies a site publishes, so starting one is for accounts that may store any report.
    private static IResult? Forbidden(HttpContext http, bool start)
    {
        var access = Access.Of(http.User)!;
        if (start ? HarvestStartRequest.MayStart(access) : HarvestStartRequest.MaySee(access)) return null;
        return Results.Problem(statusCode: 403, title: start
            ? "无权采集 only administrators and reviewers not limited to a region start harvests"
            : "无权查看采集 only administrators and reviewers see harvests");
    }
}
