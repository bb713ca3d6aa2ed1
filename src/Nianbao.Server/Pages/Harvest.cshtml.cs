using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Archive.Harvest;
using Nianbao.Harvesting;
using Nianbao.Harvesting.State;
using Nianbao.Server.Harvests;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages;

/// <summary>
/// 采集: start a harvest of one or more URLs through the server's one <see cref="HarvestRunner"/> (the same
/// one the API uses, so one harvest at a time across both), follow it, and see past runs. The form is a
/// page form with its anti-forgery token; while a run is running, harvest.js re-reads
/// <c>GET /api/harvests/{id}</c> and redraws the tally and the outcomes (as text, never markup).
/// </summary>
public sealed class HarvestModel : NianbaoPage
{
    public const int RunsShown = 50;

    [BindProperty] public string? Urls { get; set; }
    [BindProperty] public int? Since { get; set; }
    [BindProperty] public int? MaxPages { get; set; }

    public string? Problem { get; private set; }
    public bool MayStart => HarvestStartRequest.MayStart(Access);
    public int MaxListPages => Options.Harvest.MaxListPages;
    public IReadOnlyList<HarvestRun> Runs { get; private set; } = [];
    public HarvestRun? Run { get; private set; }
    public string? RunStatus { get; private set; }
    public IReadOnlyList<HarvestOutcomeEntry> Outcomes { get; private set; } = [];

    /// <summary>The tally of the shown run, counted from its outcomes (a running run has no closing tally yet).</summary>
    public IReadOnlyList<(string Code, int Count)> Tally =>
        Outcomes.GroupBy(o => o.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();

    /// <summary>Every outcome code with the label users read (the CLI's labels), for the page and its script.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } =
        Enum.GetValues<HarvestOutcome>().ToDictionary(o => o.Code(), o => o.Label());

    public static string Label(string code) => Labels.TryGetValue(code, out var label) ? label : code;

    public static string StatusName(string? status) => status switch
    {
        "running" => "进行中",
        "finished" => "已完成",
        "interrupted" => "已中断（再次采集相同网址会继续）",
        _ => status ?? "",
    };

    private HarvestRunner Runner => HttpContext.RequestServices.GetRequiredService<HarvestRunner>();

    public async Task OnGetAsync(string? run) => await Load(run);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayStart) return Forbid();
        var lines = (Urls ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = HarvestStartRequest.Check(lines, Since, MaxPages, Options.Harvest);
        if (request.ProblemTitle is not null)
        {
            Problem = $"{request.ProblemTitle}：{request.ProblemDetail}";
            await Load(null);
            return Page();
        }
        var start = await Runner.StartAsync(request.Urls, request.Options);
        if (start.RunId is { } id) return RedirectToPage(new { run = id });
        Problem = start.RunningId is { } running
            ? $"已有采集在运行（{running}），同一时间只运行一个采集，请等它结束。"
            : $"采集未能开始：{start.Problem}";
        await Load(start.RunningId);
        return Page();
    }

    private async Task Load(string? runId)
    {
        using var store = OpenStore();
        var harvests = new ArchiveHarvestStore(store);
        Runs = (await harvests.RunsAsync(HttpContext.RequestAborted)).OrderByDescending(r => r.StartedAt).Take(RunsShown).ToList();
        Run = runId is null ? Runs.FirstOrDefault() : Runs.FirstOrDefault(r => r.Id == runId);
        if (Run is null) return;
        RunStatus = StatusOf(Run);
        Outcomes = harvests.Outcomes(Run.Id).Where(o => o.RunId == Run.Id).ToList();
    }

    public string StatusOf(HarvestRun run) => HarvestStartRequest.Status(run.Id, run.FinishedAt, Runner.RunningId);

    public static string Time(DateTimeOffset? time) => time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
