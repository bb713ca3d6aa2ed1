using System.Globalization;
using System.Text.Json;
using Dapper;
using Nianbao.Harvesting;
using Nianbao.Harvesting.State;

namespace Nianbao.Archive.Harvest;

/// <summary>One row of <c>harvest_outcomes</c>: how a URL ended in one run.</summary>
public sealed record HarvestOutcomeEntry(string RunId, string Url, string Outcome, string? Detail, string Role, string? Title, string FetchedAt, string? ReportId);

/// <summary>
/// Harvest state kept in the archive: runs, the standing state of every URL, and each run's outcomes.
/// Each URL's rows are written in one transaction as soon as it is done, so a killed harvest loses at
/// most the URL it was on. Same SQL on SQLite and PostgreSQL.
/// </summary>
public sealed class ArchiveHarvestStore(ArchiveStore store) : IHarvestStateStore
{
    private static JsonSerializerOptions Json => JsonLinesStateStore.Json;

    private sealed class UrlRow
    {
        public string Url { get; set; } = "";
        public string RunId { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string? Detail { get; set; }
        public string FetchedAt { get; set; } = "";
        public string? Etag { get; set; }
        public string? LastModified { get; set; }
        public string? ContentHash { get; set; }
        public string? Title { get; set; }
        public string Role { get; set; } = "";
        public string? Links { get; set; }
        public string? ReportId { get; set; }
    }

    private sealed class RunRow
    {
        public string Id { get; set; } = "";
        public string Seeds { get; set; } = "";
        public string StartedAt { get; set; } = "";
        public string? FinishedAt { get; set; }
        public string? Tally { get; set; }
    }

    private const string UrlColumns = "url AS Url, run_id AS RunId, outcome AS Outcome, detail AS Detail, fetched_at AS FetchedAt, etag AS Etag, " +
        "last_modified AS LastModified, content_hash AS ContentHash, title AS Title, role AS Role, links AS Links, report_id AS ReportId";

    private const string RunColumns = "id AS Id, seeds AS Seeds, started_at AS StartedAt, finished_at AS FinishedAt, tally AS Tally";

    public Task<HarvestRecord?> FindAsync(string url, CancellationToken cancellationToken)
    {
        var row = store.Connection.QuerySingleOrDefault<UrlRow>($"SELECT {UrlColumns} FROM harvest_urls WHERE url = @url", new { url });
        return Task.FromResult(row is null ? null : ToRecord(row));
    }

    public Task SaveAsync(HarvestRecord record, CancellationToken cancellationToken)
    {
        var args = new
        {
            record.Url, record.RunId, outcome = record.Outcome.Code(), record.Detail, fetchedAt = Time(record.FetchedAt), record.ETag,
            record.LastModified, record.ContentHash, record.Title, role = Role(record.Role),
            links = record.Links is null ? null : JsonSerializer.Serialize(record.Links, Json), record.ReportId,
        };
        using var tx = store.BeginTransaction();
        store.Connection.Execute("""
            INSERT INTO harvest_urls (url, run_id, outcome, detail, fetched_at, etag, last_modified, content_hash, title, role, links, report_id)
            VALUES (@Url, @RunId, @outcome, @Detail, @fetchedAt, @ETag, @LastModified, @ContentHash, @Title, @role, @links, @ReportId)
            ON CONFLICT (url) DO UPDATE SET run_id = excluded.run_id, outcome = excluded.outcome, detail = excluded.detail,
                fetched_at = excluded.fetched_at, etag = excluded.etag, last_modified = excluded.last_modified,
                content_hash = excluded.content_hash, title = excluded.title, role = excluded.role, links = excluded.links,
                report_id = excluded.report_id
            """, args, tx);
        store.Connection.Execute("""
            INSERT INTO harvest_outcomes (run_id, url, outcome, detail, role, title, fetched_at, report_id)
            VALUES (@RunId, @Url, @outcome, @Detail, @role, @Title, @fetchedAt, @ReportId)
            ON CONFLICT (run_id, url) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail, fetched_at = excluded.fetched_at,
                report_id = excluded.report_id
            """, args, tx);
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task<HarvestRun?> FindUnfinishedRunAsync(IReadOnlyList<string> seeds, CancellationToken cancellationToken)
    {
        var row = store.Connection.Query<RunRow>($"SELECT {RunColumns} FROM harvest_runs WHERE seed_key = @key ORDER BY started_at DESC, id DESC",
            new { key = HarvestRun.KeyOf(seeds) }).FirstOrDefault();
        return Task.FromResult(row is { FinishedAt: null } ? ToRun(row) : null);
    }

    public Task SaveRunAsync(HarvestRun run, CancellationToken cancellationToken)
    {
        store.Connection.Execute("""
            INSERT INTO harvest_runs (id, seed_key, seeds, started_at, finished_at, tally)
            VALUES (@Id, @key, @seeds, @startedAt, @finishedAt, @tally)
            ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, tally = excluded.tally
            """, new
        {
            run.Id, key = HarvestRun.KeyOf(run.Seeds), seeds = JsonSerializer.Serialize(run.Seeds, Json), startedAt = Time(run.StartedAt),
            finishedAt = run.FinishedAt is { } f ? Time(f) : null, tally = run.Tally is null ? null : JsonSerializer.Serialize(run.Tally, Json),
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HarvestRun>> RunsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HarvestRun>>(store.Connection.Query<RunRow>($"SELECT {RunColumns} FROM harvest_runs ORDER BY started_at, id").Select(ToRun).ToList());

    /// <summary>How every URL ended in one run (a run id or its unique prefix), in the order they ended.</summary>
    public IReadOnlyList<HarvestOutcomeEntry> Outcomes(string runIdOrPrefix) =>
        store.Connection.Query<HarvestOutcomeEntry>("""
            SELECT run_id AS RunId, url AS Url, outcome AS Outcome, detail AS Detail, role AS Role, title AS Title, fetched_at AS FetchedAt, report_id AS ReportId
            FROM harvest_outcomes WHERE run_id LIKE @prefix ORDER BY fetched_at, url
            """, new { prefix = runIdOrPrefix + "%" }).ToList();

    private static HarvestRecord ToRecord(UrlRow r) => new(
        r.Url, r.RunId, HarvestOutcomes.Parse(r.Outcome), r.Detail, DateTimeOffset.Parse(r.FetchedAt, CultureInfo.InvariantCulture),
        r.Etag, r.LastModified, r.ContentHash, r.Title, Enum.Parse<LinkRole>(r.Role, ignoreCase: true),
        r.Links is null ? null : JsonSerializer.Deserialize<List<FoundLink>>(r.Links, Json), r.ReportId);

    private static HarvestRun ToRun(RunRow r) => new(
        r.Id, JsonSerializer.Deserialize<List<string>>(r.Seeds, Json) ?? [], DateTimeOffset.Parse(r.StartedAt, CultureInfo.InvariantCulture),
        r.FinishedAt is null ? null : DateTimeOffset.Parse(r.FinishedAt, CultureInfo.InvariantCulture),
        r.Tally is null ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(r.Tally, Json));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Role(LinkRole role) => role.ToString().ToLowerInvariant();
}
