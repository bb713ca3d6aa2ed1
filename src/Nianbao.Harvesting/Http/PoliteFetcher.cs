using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Retry;

namespace Nianbao.Harvesting.Http;

public enum FetchStatus { Ok, NotModified, RobotsDisallowed, OtherHost, NotHttp, Failed }

/// <summary>The validators of a conditional request: what the server said last time.</summary>
public sealed record Validators(string? ETag, string? LastModified);

/// <summary>The end of one fetch, after redirects. <see cref="Redirects"/> lists the URLs that redirected, in order.</summary>
public sealed record FetchResult(
    Uri Requested,
    Uri Final,
    FetchStatus Status,
    IReadOnlyList<Uri> Redirects,
    DateTimeOffset FetchedAt,
    byte[]? Body = null,
    string? ContentType = null,
    string? ETag = null,
    string? LastModified = null,
    string? Reason = null);

/// <summary>
/// Every request of a harvest goes through here, and everything that makes a harvest polite and
/// safe is decided here: only http(s); only allowed hosts (also for each redirect); robots.txt per
/// host; the per-host rate limit; a timeout per attempt covering the whole body; retries with
/// exponential backoff on 5xx, 429, timeouts and connection errors (Polly); bodies read as a stream
/// and abandoned past the size limit; redirects followed by hand, counted and checked for loops.
/// </summary>
public sealed class PoliteFetcher : IDisposable
{
    private readonly HarvestOptions _options;
    private readonly Func<Uri, bool> _hostAllowed;
    private readonly HttpClient _client;
    private readonly HostGate _gate;
    private readonly ResiliencePipeline<Attempt> _retry;
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsTxt>>> _robots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One answer of one attempt. Only 2xx answers carry a body.</summary>
    private sealed record Attempt(int Status, Uri? Location = null, byte[]? Body = null, string? ContentType = null,
        string? ETag = null, string? LastModified = null, long? OversizeBytes = null);

    public PoliteFetcher(HarvestOptions options, Func<Uri, bool> hostAllowed)
    {
        _options = options;
        _hostAllowed = hostAllowed;
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand so each hop is checked (host, robots.txt, loops).
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.RequestTimeout,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _gate = new HostGate(options.MinIntervalPerHost);
        _retry = options.MaxRetries <= 0
            ? ResiliencePipeline<Attempt>.Empty
            : new ResiliencePipelineBuilder<Attempt>().AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.RetryBaseDelay > TimeSpan.Zero,
                ShouldHandle = new PredicateBuilder<Attempt>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutException>()
                    .Handle<IOException>()
                    .HandleResult(a => a.Status >= 500 || a.Status == 429),
            }).Build();
    }

    /// <summary>Fetches <paramref name="url"/>; <paramref name="validators"/> gives the conditional-request validators of any URL on the way.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, Func<Uri, Task<Validators?>> validators, CancellationToken cancellationToken)
    {
        var chain = new List<Uri> { url };
        var current = url;
        while (true)
        {
            FetchResult End(FetchStatus status, string? reason = null, Attempt? attempt = null) =>
                new(url, current, status, chain[..^1], DateTimeOffset.UtcNow, attempt?.Body, attempt?.ContentType, attempt?.ETag, attempt?.LastModified, reason);

            if (current.Scheme is not ("http" or "https")) return End(FetchStatus.NotHttp, $"not http(s): {current.Scheme}");
            if (!_hostAllowed(current)) return End(FetchStatus.OtherHost, $"host {current.Host} is not one the harvest started from (--allow-host)");
            var robots = await RobotsFor(current, cancellationToken);
            if (!robots.Allows(current))
                return End(FetchStatus.RobotsDisallowed, robots.DisallowAll ? $"robots.txt could not be fetched ({robots.Problem}): nothing is fetched from this host" : "robots.txt disallows this path");

            Attempt attempt;
            var attempts = 0;
            var conditional = await validators(current);
            try
            {
                attempt = await _retry.ExecuteAsync(async token =>
                {
                    attempts++;
                    return await SendOnce(current, conditional, robots.CrawlDelay, token);
                }, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
            {
                return End(FetchStatus.Failed, $"{Describe(ex)} (after {attempts} attempt{(attempts == 1 ? "" : "s")})");
            }

            if (attempt.Status is >= 300 and < 400 and not 304)
            {
                if (attempt.Location is null) return End(FetchStatus.Failed, $"HTTP {attempt.Status} redirect without a Location");
                var next = new UriBuilder(attempt.Location) { Fragment = "" }.Uri;
                if (chain.Contains(next))
                {
                    chain.Add(next);
                    return End(FetchStatus.Failed, "redirect loop: " + string.Join(" → ", chain.Select(u => u.PathAndQuery)));
                }
                if (chain.Count > _options.MaxRedirects)
                    return End(FetchStatus.Failed, $"more than {_options.MaxRedirects} redirects");
                chain.Add(next);
                current = next;
                continue;
            }
            if (attempt.Status == 304) return End(FetchStatus.NotModified, null, attempt);
            if (attempt.OversizeBytes is { } size)
                return End(FetchStatus.Failed, $"larger than the download limit of {Megabytes(_options.MaxDownloadBytes)} (at least {Megabytes(size)}); download aborted");
            if (attempt.Status is >= 200 and < 300) return End(FetchStatus.Ok, null, attempt);
            return End(FetchStatus.Failed, $"HTTP {attempt.Status}" + (attempts > 1 ? $" (after {attempts} attempts)" : ""));
        }
    }

    private async Task<Attempt> SendOnce(Uri url, Validators? validators, TimeSpan? crawlDelay, CancellationToken cancellationToken)
    {
        var delay = crawlDelay is { } d && d > _options.MaxCrawlDelay ? _options.MaxCrawlDelay : crawlDelay;
        using var turn = await _gate.EnterAsync(url.Authority, delay, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.*,application/vnd.ms-excel,*/*;q=0.8");
            request.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN,zh;q=0.9");
            if (validators?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (validators?.LastModified is { } modified) request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var etagOut = response.Headers.ETag?.ToString();
            var modifiedOut = response.Content.Headers.LastModified?.ToString("R");
            if (status is >= 300 and < 400 && status != 304)
                return new Attempt(status, Location: response.Headers.Location is { } location ? new Uri(url, location) : null);
            if (status is < 200 or >= 300) return new Attempt(status, ETag: etagOut, LastModified: modifiedOut);
            var length = response.Content.Headers.ContentLength;
            if (length > _options.MaxDownloadBytes) return new Attempt(status, OversizeBytes: length);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var body = await ReadLimited(stream, _options.MaxDownloadBytes, timeout.Token);
            if (body is null) return new Attempt(status, OversizeBytes: _options.MaxDownloadBytes + 1);
            return new Attempt(status, Body: body, ContentType: response.Content.Headers.ContentType?.ToString(), ETag: etagOut, LastModified: modifiedOut);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no complete answer within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>The body, or null as soon as it passes <paramref name="limit"/> (the rest is never read).</summary>
    private static async Task<byte[]?> ReadLimited(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private Task<RobotsTxt> RobotsFor(Uri url, CancellationToken cancellationToken) =>
        _robots.GetOrAdd($"{url.Scheme}://{url.Authority}", key => new Lazy<Task<RobotsTxt>>(() => LoadRobots(new Uri(key + "/robots.txt"), cancellationToken))).Value;

    /// <summary>RFC 9309: 2xx → its rules; 4xx → no rules; 5xx or unreachable (after retries) → nothing may be fetched.</summary>
    private async Task<RobotsTxt> LoadRobots(Uri url, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; hop <= _options.MaxRedirects; hop++)
        {
            Attempt attempt;
            try { attempt = await _retry.ExecuteAsync(async token => await SendOnce(current, null, null, token), cancellationToken); }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException) { return RobotsTxt.Unreachable(Describe(ex)); }
            if (attempt.Status is >= 300 and < 400 && attempt.Location is { } next && next.Scheme is "http" or "https") { current = next; continue; }
            if (attempt.Status is >= 200 and < 300 && attempt.Body is { } body)
                return RobotsTxt.Parse(Encoding.UTF8.GetString(body), HarvestOptions.RobotsToken);
            if (attempt.OversizeBytes is not null) return RobotsTxt.AllowAll;
            return attempt.Status is >= 400 and < 500 ? RobotsTxt.AllowAll : RobotsTxt.Unreachable($"HTTP {attempt.Status}");
        }
        return RobotsTxt.AllowAll;
    }

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutException => ex.Message,
        HttpRequestException { InnerException: { } inner } => $"connection failed: {inner.Message}",
        _ => $"connection failed: {ex.Message}",
    };

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.##} MB";

    public void Dispose() => _client.Dispose();
}
