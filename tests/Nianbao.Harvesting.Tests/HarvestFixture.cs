using Nianbao.Cli.Harvesting;
using Nianbao.Harvesting.State;
using Nianbao.Harvesting.Tests.Site;
using Nianbao.Recognition;

namespace Nianbao.Harvesting.Tests;

/// <summary>An <see cref="IProgress{T}"/> that reports on the harvest's own thread (Progress&lt;T&gt; would post elsewhere).</summary>
internal sealed class Callback<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}

/// <summary>Runs harvests against a <see cref="GovSite"/> into a folder, as <c>nianbao harvest -o DIR</c> does.</summary>
internal static class Harvests
{
    /// <summary>Short waits so the suite runs in seconds; the slow page (10 s) is still far past the timeout.</summary>
    public static HarvestOptions Options => new()
    {
        MinIntervalPerHost = TimeSpan.Zero,
        RequestTimeout = TimeSpan.FromSeconds(1.5),
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDownloadBytes = 1024 * 1024,
    };

    public static string StatePath(TempFolder folder) => folder["harvest-state.jsonl"];

    public static async Task<HarvestResult> Run(GovSite site, TempFolder folder, IReadOnlyList<Uri> seeds, HarvestOptions? options = null,
        IProgress<UrlOutcome>? progress = null, CancellationToken cancellationToken = default)
    {
        using var store = new JsonLinesStateStore(StatePath(folder));
        using var sink = new FolderReportSink(folder.Path, ReportPipeline.Default);
        return await new Harvester(options ?? Options, store, sink, progress).RunAsync(seeds, cancellationToken);
    }

    /// <summary>How every URL of the site must end when the harvest starts at the 政府信息公开 index page.</summary>
    public static Dictionary<string, HarvestOutcome[]> Expected(GovSite site, SiteContent content)
    {
        var expected = new Dictionary<string, HarvestOutcome[]>();
        void Add(string pathOrUrl, params HarvestOutcome[] outcomes) =>
            expected.Add(Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http") ? absolute.AbsoluteUri : site.Url(pathOrUrl).AbsoluteUri, outcomes);

        Add(SiteContent.IndexPath, HarvestOutcome.ListPage);
        foreach (var (_, href) in SiteContent.IndexLinks) Add(href, HarvestOutcome.NotAReport);
        Add(SiteContent.ColumnPath, HarvestOutcome.ListPage);
        Add("/xxgk/ndbg/index_1.html", HarvestOutcome.ListPage);
        Add("/xxgk/ndbg/index_2.html", HarvestOutcome.ListPage);
        foreach (var entry in content.Entries) Add(entry.Href, entry.Expected);
        Add($"http://127.0.0.2:{site.Port}/xxgk/ndbg/202401/t20240125_401.html", HarvestOutcome.SkippedOtherHost);
        Add(SiteContent.MovedTo, HarvestOutcome.Imported);
        foreach (var report in content.Reports.Where(r => !expected.ContainsKey(site.Url(r.ImportUrlPath).AbsoluteUri)))
            Add(report.ImportUrlPath, HarvestOutcome.Imported);
        // A blank scanned page: handed to the reader, which finds no report in it.
        Add(SiteContent.ImageFile, HarvestOutcome.Failed, HarvestOutcome.NotAReport);
        Add(SiteContent.BigFile, HarvestOutcome.Failed);
        return expected;
    }
}
