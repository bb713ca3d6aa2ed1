namespace Nianbao.Harvesting.State;

/// <summary>
/// What the harvest remembers of one URL: the validators for a conditional request next time, the
/// hash of the bytes, how it ended (for a report: the sink's id of it) and the links found on it (so a page answered 304 Not Modified, or
/// one finished before a kill, still leads to its entries and attachments).
/// </summary>
public sealed record HarvestRecord(
    string Url,
    string RunId,
    HarvestOutcome Outcome,
    string? Detail,
    DateTimeOffset FetchedAt,
    string? ETag = null,
    string? LastModified = null,
    string? ContentHash = null,
    string? Title = null,
    LinkRole Role = LinkRole.Start,
    IReadOnlyList<FoundLink>? Links = null,
    string? ReportId = null);

/// <summary>One harvest: its start URLs, when it ran, and — once finished — its tally.</summary>
public sealed record HarvestRun(
    string Id,
    IReadOnlyList<string> Seeds,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt = null,
    IReadOnlyDictionary<string, int>? Tally = null)
{
    /// <summary>Runs with the same start URLs (in any order) continue each other.</summary>
    public static string KeyOf(IEnumerable<string> seeds) => string.Join("\n", seeds.Order(StringComparer.Ordinal));
}

/// <summary>
/// Where harvest state lives between runs (a JSON-lines file now, the archive later). Every record
/// is saved as soon as its URL is done, so a killed harvest loses at most the URL in progress.
/// </summary>
public interface IHarvestStateStore
{
    Task<HarvestRecord?> FindAsync(string url, CancellationToken cancellationToken);
    Task SaveAsync(HarvestRecord record, CancellationToken cancellationToken);

    /// <summary>The latest run with these start URLs that did not finish (killed or crashed), if any.</summary>
    Task<HarvestRun?> FindUnfinishedRunAsync(IReadOnlyList<string> seeds, CancellationToken cancellationToken);
    Task SaveRunAsync(HarvestRun run, CancellationToken cancellationToken);
    Task<IReadOnlyList<HarvestRun>> RunsAsync(CancellationToken cancellationToken);
}
