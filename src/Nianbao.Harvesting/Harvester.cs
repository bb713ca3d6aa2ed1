using System.Security.Cryptography;
using Nianbao.Harvesting.Http;
using Nianbao.Harvesting.Pages;
using Nianbao.Harvesting.State;

namespace Nianbao.Harvesting;

/// <summary>The end of a harvest: every URL seen with its outcome, and the run as stored.</summary>
public sealed record HarvestResult(HarvestRun Run, IReadOnlyList<UrlOutcome> Outcomes, bool Resumed)
{
    public IReadOnlyDictionary<HarvestOutcome, int> Tally => Count(Outcomes);

    internal static Dictionary<HarvestOutcome, int> Count(IEnumerable<UrlOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Outcome).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>
/// Walks report columns and hands every report document found to an <see cref="IReportSink"/>.
/// One URL at a time (politeness matters more than speed here): start pages are read as a column,
/// a disclosure index (whose report columns are followed) or an article; list pages yield entries and
/// further pages; entries whose titles name an annual report are opened; an article whose content is
/// the report goes to the sink as it is, a cover note yields its attachments. Every URL ends with an
/// outcome saved in the <see cref="IHarvestStateStore"/> at once, with the validators for the next
/// conditional request and the links it led to — so a re-run downloads only what changed and a killed
/// run, started again with the same URLs, continues where it stopped.
/// </summary>
public sealed class Harvester(HarvestOptions options, IHarvestStateStore store, IReportSink sink, IProgress<UrlOutcome>? progress = null)
{
    private readonly HarvestOptions _options = options;
    private readonly IHarvestStateStore _store = store;
    private readonly IReportSink _sink = sink;
    private readonly IProgress<UrlOutcome>? _progress = progress;

    private static readonly HashSet<HarvestOutcome> Settled =
        [HarvestOutcome.Imported, HarvestOutcome.AlreadyPresent, HarvestOutcome.Unchanged, HarvestOutcome.NotAReport, HarvestOutcome.ListPage, HarvestOutcome.CoverNote];

    public async Task<HarvestResult> RunAsync(IReadOnlyList<Uri> seeds, CancellationToken cancellationToken = default)
    {
        if (seeds.Count == 0) throw new ArgumentException("A harvest needs at least one start URL.", nameof(seeds));
        var seedTexts = seeds.Select(s => s.AbsoluteUri).ToList();
        var unfinished = await _store.FindUnfinishedRunAsync(seedTexts, cancellationToken);
        var run = unfinished ?? new HarvestRun(DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'-") + Guid.NewGuid().ToString("N")[..8], seedTexts, DateTimeOffset.UtcNow);
        if (unfinished is null) await _store.SaveRunAsync(run, cancellationToken);

        var hosts = new HashSet<string>(seeds.Select(s => s.Host).Concat(_options.AllowedHosts), StringComparer.OrdinalIgnoreCase);
        using var fetcher = new PoliteFetcher(_options, url => hosts.Contains(url.Host));
        var walk = new Walk(this, run, fetcher, hosts);
        foreach (var seed in seedTexts) walk.Queue.Enqueue(new FoundLink(seed, LinkRole.Start));
        while (walk.Queue.TryDequeue(out var link))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (walk.Visited.Add(link.Url)) await walk.Process(link, cancellationToken);
        }
        run = run with { FinishedAt = DateTimeOffset.UtcNow, Tally = HarvestResult.Count(walk.Outcomes).ToDictionary(p => p.Key.Code(), p => p.Value) };
        await _store.SaveRunAsync(run, cancellationToken);
        return new HarvestResult(run, walk.Outcomes, unfinished is not null);
    }

    /// <summary>The state of one run: what is queued, what was seen, how each URL ended.</summary>
    private sealed class Walk(Harvester harvester, HarvestRun run, PoliteFetcher fetcher, HashSet<string> hosts)
    {
        private readonly HarvestOptions _options = harvester._options;
        private readonly IHarvestStateStore _store = harvester._store;
        private readonly Dictionary<string, int> _pagesPerColumn = new(StringComparer.Ordinal);

        public Queue<FoundLink> Queue { get; } = new();
        public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);
        public List<UrlOutcome> Outcomes { get; } = [];

        public async Task Process(FoundLink link, CancellationToken cancellationToken)
        {
            var previous = await _store.FindAsync(link.Url, cancellationToken);
            if (previous is not null && previous.RunId == run.Id)
            {
                // Done before this run was killed: not fetched again; its links lead on as they did.
                Enqueue(previous.Links);
                Report(link, previous.Outcome, previous.Detail);
                return;
            }
            var url = new Uri(link.Url);
            if (url.Scheme is not ("http" or "https")) { await Finish(link, HarvestOutcome.SkippedScheme, $"not http(s): {url.Scheme}", cancellationToken); return; }
            if (!hosts.Contains(url.Host)) { await Finish(link, HarvestOutcome.SkippedOtherHost, $"host {url.Host} is not one the harvest started from (--allow-host)", cancellationToken); return; }
            if (link.Role == LinkRole.Entry && link.Year is null)
            {
                await Finish(link, HarvestOutcome.NotAReport, "title names no annual report (not fetched)", cancellationToken);
                return;
            }
            if (link.Year < _options.SinceYear)
            {
                await Finish(link, HarvestOutcome.SkippedBeforeSince, $"{link.Year} is before --since {_options.SinceYear} (not fetched)", cancellationToken);
                return;
            }
            if (link.Role == LinkRole.ListPage && link.Column is { } column && _pagesPerColumn.GetValueOrDefault(column) >= _options.MaxListPages)
            {
                await Finish(link, HarvestOutcome.SkippedPageLimit, $"the column already had {_options.MaxListPages} list pages (--max-pages)", cancellationToken);
                return;
            }

            var fetch = await fetcher.FetchAsync(url, ValidatorsFor, cancellationToken);
            switch (fetch.Status)
            {
                case FetchStatus.RobotsDisallowed: await Finish(link, HarvestOutcome.SkippedByRobots, fetch.Reason, cancellationToken); return;
                case FetchStatus.OtherHost: await Finish(link, HarvestOutcome.SkippedOtherHost, $"redirected to {fetch.Final}: {fetch.Reason}", cancellationToken); return;
                case FetchStatus.NotHttp: await Finish(link, HarvestOutcome.SkippedScheme, $"redirected to {fetch.Final}: {fetch.Reason}", cancellationToken); return;
                case FetchStatus.Failed: await Finish(link, HarvestOutcome.Failed, fetch.Reason, cancellationToken); return;
            }
            if (fetch.Redirects.Count > 0)
            {
                await Finish(link, HarvestOutcome.Moved, $"→ {fetch.Final.AbsoluteUri}", cancellationToken);
                // The page under its new address is handled as the link was; once, however many links lead there.
                link = link with { Url = fetch.Final.AbsoluteUri };
                if (!Visited.Add(link.Url)) return;
                previous = await _store.FindAsync(link.Url, cancellationToken);
            }
            if (previous is not null && Settled.Contains(previous.Outcome)
                && (fetch.Status == FetchStatus.NotModified || fetch.Body is { } same && Hash(same) == previous.ContentHash))
            {
                await Unchanged(link, previous, fetch, cancellationToken);
                return;
            }
            if (fetch.Body is null)
            {
                await Finish(link, HarvestOutcome.Failed, "HTTP 304 for a URL never fetched before", cancellationToken);
                return;
            }
            await Read(link, fetch, fetch.Body, cancellationToken);
        }

        private async Task<Validators?> ValidatorsFor(Uri url)
        {
            var previous = await _store.FindAsync(url.AbsoluteUri, CancellationToken.None);
            return previous is not null && Settled.Contains(previous.Outcome) && (previous.ETag ?? previous.LastModified) is not null
                ? new Validators(previous.ETag, previous.LastModified)
                : null;
        }

        private async Task Unchanged(FoundLink link, HarvestRecord previous, FetchResult fetch, CancellationToken cancellationToken)
        {
            var outcome = previous.Outcome is HarvestOutcome.Imported or HarvestOutcome.AlreadyPresent or HarvestOutcome.Unchanged
                ? HarvestOutcome.Unchanged
                : previous.Outcome;
            var how = fetch.Status == FetchStatus.NotModified ? "304 Not Modified" : "same content hash";
            // Keep what it was the first time ("imported: 大寨乡… 2023"), not "unchanged" on "unchanged".
            var was = previous.Outcome == HarvestOutcome.Unchanged ? previous.Detail?.Split("; was: ", 2).ElementAtOrDefault(1)
                : previous.Outcome.Label() + (previous.Detail is null ? "" : " — " + previous.Detail);
            var detail = was is null ? how : $"{how}; was: {was}";
            Enqueue(previous.Links);
            await Save(link, outcome, detail, fetch, previous.ContentHash, previous.Links, previous.ETag, previous.LastModified, cancellationToken, previous.ReportId);
        }

        private async Task Read(FoundLink link, FetchResult fetch, byte[] body, CancellationToken cancellationToken)
        {
            var hash = Hash(body);
            var isHtml = IsHtml(fetch.ContentType, body);
            if (link.Role == LinkRole.Attachment || !isHtml)
            {
                var (imported, importDetail, reportId) = await ToSink(link, fetch, body, hash, link.Page is { } page ? new Uri(page) : null, cancellationToken);
                await Save(link, imported, importDetail, fetch, hash, null, fetch.ETag, fetch.LastModified, cancellationToken, reportId);
                return;
            }
            var url = fetch.Final;
            var html = PageDecoder.Decode(body, fetch.ContentType);
            var article = ArticleReader.Read(html, url);
            var isArticle = link.Role == LinkRole.Entry
                || article.BodyHoldsReport
                || AnnualReportTitles.IsReport(article.Title) && article.Attachments.Count > 0;
            if (isArticle)
            {
                await ReadArticle(link, fetch, body, hash, article, cancellationToken);
                return;
            }
            var list = ListPageReader.Read(html, url);
            var column = link.Column ?? link.Url;
            _pagesPerColumn[column] = _pagesPerColumn.GetValueOrDefault(column) + 1;
            var links = new List<FoundLink>();
            foreach (var entry in list.Entries)
            {
                var year = AnnualReportTitles.ReportYear(entry.Title);
                var role = year is not null && PageParts.IsDocument(entry.Url, entry.Title) ? LinkRole.Attachment : LinkRole.Entry;
                links.Add(new FoundLink(entry.Url.AbsoluteUri, role, entry.Title, year));
            }
            links.AddRange(list.Pages.Select(p => new FoundLink(p.AbsoluteUri, LinkRole.ListPage, null, null, column)));
            if (link.Role == LinkRole.Start)
                links.AddRange(list.Columns.Select(c => new FoundLink(c.Url.AbsoluteUri, LinkRole.ListPage, c.Title, null, c.Url.AbsoluteUri)));
            Enqueue(links);
            var reports = links.Count(l => l.Year is not null);
            var detail = $"{list.Entries.Count} entries ({reports} annual reports), {list.Pages.Count} page links"
                + (link.Role == LinkRole.Start && list.Columns.Count > 0 ? $", {list.Columns.Count} report columns" : "");
            await Save(link, HarvestOutcome.ListPage, detail, fetch, hash, links, fetch.ETag, fetch.LastModified, cancellationToken);
        }

        private async Task ReadArticle(FoundLink link, FetchResult fetch, byte[] body, string hash, ArticleContent article, CancellationToken cancellationToken)
        {
            var title = link.Title ?? article.Title;
            var year = link.Year ?? AnnualReportTitles.ReportYear(title);
            var attachments = article.Attachments
                .Select(a => new FoundLink(a.Url.AbsoluteUri, LinkRole.Attachment, a.Title, year, Page: link.Url))
                .ToList();
            if (article.BodyHoldsReport)
            {
                Enqueue(attachments);
                var (imported, importDetail, reportId) = await ToSink(link with { Title = title }, fetch, body, hash, page: null, cancellationToken);
                await Save(link, imported, importDetail, fetch, hash, attachments, fetch.ETag, fetch.LastModified, cancellationToken, reportId);
                return;
            }
            if (attachments.Count == 0 && article.Images.Count > 0)
                attachments = article.Images.Select(i => new FoundLink(i.AbsoluteUri, LinkRole.Attachment, title, year, Page: link.Url)).ToList();
            if (attachments.Count == 0)
            {
                await Save(link, HarvestOutcome.Failed, $"no report on the page: neither report text ({article.BodyLength} characters of content) nor an attached file",
                    fetch, hash, null, null, null, cancellationToken);
                return;
            }
            Enqueue(attachments);
            await Save(link, HarvestOutcome.CoverNote, $"{attachments.Count} attached file{(attachments.Count == 1 ? "" : "s")}", fetch, hash, attachments, fetch.ETag, fetch.LastModified, cancellationToken);
        }

        private async Task<(HarvestOutcome, string?, string?)> ToSink(FoundLink link, FetchResult fetch, byte[] body, string hash, Uri? page, CancellationToken cancellationToken)
        {
            var document = new HarvestedDocument(body, FileName(fetch.Final, link.Title, fetch.ContentType), fetch.Final, fetch.FetchedAt,
                fetch.ContentType, link.Title, page, hash);
            ImportOutcome result;
            try { result = await harvester._sink.ImportAsync(document, cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                return (HarvestOutcome.Failed, $"import failed: {ex.Message}", null);
            }
            return (result.Status switch
            {
                ImportStatus.Imported => HarvestOutcome.Imported,
                ImportStatus.AlreadyPresent => HarvestOutcome.AlreadyPresent,
                ImportStatus.NotAReport => HarvestOutcome.NotAReport,
                _ => HarvestOutcome.Failed,
            }, result.Detail, result.ReportId);
        }

        private Task Finish(FoundLink link, HarvestOutcome outcome, string? detail, CancellationToken cancellationToken) =>
            Save(link, outcome, detail, null, null, null, null, null, cancellationToken);

        private async Task Save(FoundLink link, HarvestOutcome outcome, string? detail, FetchResult? fetch, string? hash,
            IReadOnlyList<FoundLink>? links, string? etag, string? lastModified, CancellationToken cancellationToken, string? reportId = null)
        {
            var record = new HarvestRecord(link.Url, run.Id, outcome, detail, fetch?.FetchedAt ?? DateTimeOffset.UtcNow,
                etag, lastModified, hash, link.Title, link.Role, links is { Count: > 0 } ? links : null, reportId);
            // The record is written before the outcome is told: what was told is never lost by a kill.
            await _store.SaveAsync(record, CancellationToken.None);
            Report(link, outcome, detail);
        }

        private void Report(FoundLink link, HarvestOutcome outcome, string? detail)
        {
            var result = new UrlOutcome(link.Url, outcome, detail, link.Role, link.Title, link.Page);
            Outcomes.Add(result);
            harvester._progress?.Report(result);
        }

        private void Enqueue(IReadOnlyList<FoundLink>? links)
        {
            foreach (var link in links ?? [])
                if (!Visited.Contains(link.Url)) Queue.Enqueue(link);
        }
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static bool IsHtml(string? contentType, byte[] body)
    {
        if (contentType is not null && (contentType.Contains("html", StringComparison.OrdinalIgnoreCase))) return true;
        if (contentType is not null && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)) return false;
        var head = System.Text.Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 512)).TrimStart().ToLowerInvariant();
        return head.StartsWith("<!doctype html", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal);
    }

    /// <summary>What the reader should call the document: the report's title where the link gave one, else the URL's file name.</summary>
    internal static string FileName(Uri url, string? title, string? contentType)
    {
        var fromUrl = Uri.UnescapeDataString(Path.GetFileName(url.AbsolutePath));
        var extension = Path.GetExtension(fromUrl).ToLowerInvariant();
        if (extension.Length == 0 || extension.Length > 6)
            extension = contentType?.ToLowerInvariant() switch
            {
                { } t when t.Contains("html") => ".html",
                { } t when t.Contains("pdf") => ".pdf",
                { } t when t.Contains("wordprocessingml") => ".docx",
                { } t when t.Contains("msword") => ".doc",
                { } t when t.Contains("spreadsheetml") => ".xlsx",
                { } t when t.Contains("ms-excel") => ".xls",
                _ => Path.GetExtension(title ?? "") is { Length: > 1 and <= 6 } fromTitle ? fromTitle : ".bin",
            };
        if (AnnualReportTitles.IsReport(title))
        {
            var name = Path.GetExtension(title!).Equals(extension, StringComparison.OrdinalIgnoreCase) ? title![..^extension.Length] : title!;
            name = string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c)).Trim();
            if (name.Length > 0) return (name.Length > 120 ? name[..120] : name) + extension;
        }
        return fromUrl.Length > 0 ? Path.ChangeExtension(fromUrl, extension) : "index" + extension;
    }
}
