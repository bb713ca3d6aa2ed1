using Nianbao.Harvesting;
using Nianbao.Server.Accounts;

namespace Nianbao.Server.Harvests;

/// <summary>A harvest asked for, checked: its start URLs and options, or what is wrong with it (title, detail).</summary>
public sealed record HarvestStartRequest(IReadOnlyList<Uri> Urls, HarvestOptions Options, string? ProblemTitle, string? ProblemDetail)
{
    public const int MaxStartUrls = 20;

    /// <summary>
    /// The same checks for the API and the 采集 page: absolute http(s) URLs only, 1 to <see cref="MaxStartUrls"/>;
    /// --max-pages is capped at the server's own limit (a page cannot ask for a longer walk than the operator allowed).
    /// </summary>
    public static HarvestStartRequest Check(IEnumerable<string?> texts, int? since, int? maxPages, HarvestOptions serverOptions)
    {
        var urls = new List<Uri>();
        foreach (var text in texts)
        {
            if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                return Problem("网址无效 invalid URL", $"{text}: 应为 http(s) 网址 (an absolute http or https URL).");
            urls.Add(url);
        }
        if (urls.Count == 0) return Problem("没有网址 no URL", "urls: 至少一个网址 (at least one start URL).");
        if (urls.Count > MaxStartUrls) return Problem("网址过多 too many URLs", $"每次最多 {MaxStartUrls} 个网址 (at most {MaxStartUrls}).");
        var options = serverOptions with
        {
            SinceYear = since ?? serverOptions.SinceYear,
            MaxListPages = Math.Clamp(maxPages ?? serverOptions.MaxListPages, 1, serverOptions.MaxListPages),
        };
        return new HarvestStartRequest(urls, options, null, null);

        HarvestStartRequest Problem(string title, string detail) => new([], serverOptions, title, detail);
    }

    // A harvest imports whatever agencies a site publishes, so starting one is for accounts that may store any report.
    public static bool MayStart(Access access) => access.Role == Roles.Admin || access.Role == Roles.Reviewer && access.RegionCode is null;

    public static bool MaySee(Access access) => access.Role is Roles.Admin or Roles.Reviewer;

    /// <summary>running, finished, or interrupted (unfinished and not running here: the server stopped; the same URLs continue it).</summary>
    public static string Status(string id, DateTimeOffset? finishedAt, string? runningId) =>
        finishedAt is not null ? "finished" : id == runningId ? "running" : "interrupted";
}
