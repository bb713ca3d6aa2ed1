namespace Nianbao.Harvesting;

/// <summary>
/// How a harvest behaves. The defaults are the polite ones documented in docs/harvesting.md; tests
/// shorten the delays so the suite runs in seconds.
/// </summary>
public sealed record HarvestOptions
{
    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string RobotsToken = "NianbaoHarvester";

    /// <summary>Names the tool, so a site's webmaster can see who is asking and why (HTTP headers are ASCII only).</summary>
    public string UserAgent { get; init; } = $"{RobotsToken}/1.0 (nianbao harvest; collects government information disclosure annual reports)";

    /// <summary>The least time between two requests to one host (robots.txt Crawl-delay may ask for more).</summary>
    public TimeSpan MinIntervalPerHost { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Crawl-delay honoured; a larger one is clamped to this.</summary>
    public TimeSpan MaxCrawlDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt, from connecting to the last byte of the body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a 5xx answer, a timeout or a connection error (so up to 1 + this attempts).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry waits this long; each further retry twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A download larger than this is aborted (read as a stream, never buffered whole).</summary>
    public long MaxDownloadBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Redirects followed for one URL before giving up.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>List pages walked per column (<c>--max-pages</c>).</summary>
    public int MaxListPages { get; init; } = 50;

    /// <summary>Entries whose title names an earlier year are not fetched (<c>--since</c>).</summary>
    public int? SinceYear { get; init; }

    /// <summary>Hosts allowed besides the hosts of the start URLs (<c>--allow-host</c>).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
}
