using Nianbao.Archive;
using Nianbao.Archive.Harvest;
using Nianbao.Cli.Commands.Harvest;
using Nianbao.Harvesting.Http;
using Nianbao.Harvesting.Tests.Site;

namespace Nianbao.Harvesting.Tests;

public sealed class CommandAndPolitenessTests
{
    [Fact]
    public async Task Nianbao_harvest_takes_an_article_url_from_a_file_and_keeps_the_harvest_in_the_archive()
    {
        await using var site = await GovSite.StartAsync(SiteContent.Shared);
        using var folder = new TempFolder("nianbao-harvest-cli-");
        var body = SiteContent.Shared.Reports.Single(r => r.Key == "A");
        File.WriteAllText(folder["urls.txt"], $"# 要采集的网址\n{site.Url(body.ImportUrlPath)}\n\n");
        var exit = await HarvestCommand.Run([folder["urls.txt"]], Harvests.Db(folder), Harvests.Options, quiet: true, CancellationToken.None);
        Assert.Equal(0, exit);

        var report = Assert.Single(Harvests.Imported(folder));
        Assert.Equal(site.Url(body.ImportUrlPath).AbsoluteUri, report.Url);
        Assert.Equal(body.Truth.Year, report.Year);
        using var store = ArchiveStore.Open(Harvests.Db(folder));
        var state = new ArchiveHarvestStore(store);
        var run = Assert.Single(await state.RunsAsync(default));
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(1, run.Tally!["imported"]);
        var outcome = Assert.Single(state.Outcomes(run.Id[..10]));
        Assert.Equal(("imported", report.ReportId), (outcome.Outcome, outcome.ReportId));

        // A bad argument is named, and nothing is fetched.
        Assert.Equal(2, await HarvestCommand.Run(["ftp://example.gov.cn/x"], Harvests.Db(folder), Harvests.Options, quiet: true, CancellationToken.None));
    }

    [Fact]
    public async Task Requests_to_one_host_keep_the_interval_and_never_leave_the_allowed_hosts()
    {
        await using var site = await GovSite.StartAsync(SiteContent.Shared);
        var interval = TimeSpan.FromMilliseconds(300);
        using var fetcher = new PoliteFetcher(Harvests.Options with { MinIntervalPerHost = interval }, url => url.Host == "127.0.0.1");
        foreach (var path in new[] { SiteContent.IndexPath, SiteContent.ColumnPath, "/xxgk/ndbg/index_1.html" })
            Assert.Equal(FetchStatus.Ok, (await fetcher.FetchAsync(site.Url(path), _ => Task.FromResult<Validators?>(null), default)).Status);
        var times = site.Requests.Select(r => r.At).Order().ToList();
        Assert.Equal(4, times.Count); // robots.txt and the three pages
        for (var i = 1; i < times.Count; i++)
            // The next request starts the interval after the previous one ended, so arrivals are at least that far apart
            // (less a few ms between the two clocks); unlimited they would be ~1 ms apart.
            Assert.True(times[i] - times[i - 1] >= interval - TimeSpan.FromMilliseconds(20), $"requests {i - 1} and {i} were {(times[i] - times[i - 1]).TotalMilliseconds:0} ms apart");

        var other = await fetcher.FetchAsync(new Uri($"http://127.0.0.2:{site.Port}/xxgk/index.html"), _ => Task.FromResult<Validators?>(null), default);
        Assert.Equal(FetchStatus.OtherHost, other.Status);
        Assert.Equal(4, site.Requests.Count);
    }
}
