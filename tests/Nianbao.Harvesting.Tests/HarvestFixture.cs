using Dapper;
using Nianbao.Archive;
using Nianbao.Archive.Harvest;
using Nianbao.Harvesting.Tests.Site;
using Nianbao.Pipeline;

namespace Nianbao.Harvesting.Tests;

/// <summary>An <see cref="IProgress{T}"/> that reports on the harvest's own thread (Progress&lt;T&gt; would post elsewhere).</summary>
internal sealed class Callback<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}

/// <summary>A report in the archive and the URL it was harvested from.</summary>
internal sealed record HarvestedReport(string Url, string ReportId, string? Agency, int? Year, string Template, string FileName);

/// <summary>Runs harvests against a <see cref="GovSite"/> into a real SQLite archive, as <c>nianbao harvest --db FILE</c> does.</summary>
internal static class Harvests
{
    /// <summary>Short waits so the suite runs in seconds; the slow page (30 s) is still far past the timeout, and a loaded machine is not.</summary>
    public static HarvestOptions Options => new()
    {
        MinIntervalPerHost = TimeSpan.Zero,
        RequestTimeout = TimeSpan.FromSeconds(3),
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDownloadBytes = 1024 * 1024,
    };

    public static string Db(TempFolder folder) => folder["nianbao.db"];

    public static async Task<HarvestResult> Run(TempFolder folder, IReadOnlyList<Uri> seeds, HarvestOptions? options = null,
        IProgress<UrlOutcome>? progress = null, CancellationToken cancellationToken = default)
    {
        using var store = ArchiveStore.Open(Db(folder));
        var harvester = new Harvester(options ?? Options, new ArchiveHarvestStore(store), new ArchiveReportSink(store, ReportPipeline.Default), progress);
        return await harvester.RunAsync(seeds, cancellationToken);
    }

    /// <summary>Every report in the archive with the URL the harvest took it from (harvest_urls.report_id).</summary>
    public static IReadOnlyList<HarvestedReport> Imported(TempFolder folder)
    {
        using var store = ArchiveStore.Open(Db(folder));
        var sources = store.Connection.Query<(string Url, string ReportId)>("SELECT url, report_id FROM harvest_urls WHERE report_id IS NOT NULL").ToList();
        return store.ListReports(new ReportFilter { IncludeHistory = true })
            .Select(r => new HarvestedReport(sources.Where(s => s.ReportId == r.Id).Select(s => s.Url).SingleOrDefault() ?? "(no harvest record)",
                r.Id, r.AgencyPrinted, r.Year, r.Template, r.FileName))
            .ToList();
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
