using Nianbao.Domain;
using Nianbao.Harvesting.Tests.Site;
using Nianbao.Rendering;
using Nianbao.Synthetic;

namespace Nianbao.Harvesting.Tests;

/// <summary>
/// The site served on loopback and harvested once from its 政府信息公开 index page into a fresh SQLite
/// archive; what the tests check is captured right after that harvest (the re-run test goes on with
/// the same site and archive).
/// </summary>
public sealed class HarvestedSite : IAsyncLifetime
{
    internal GovSite Site { get; private set; } = null!;
    internal TempFolder Folder { get; } = new("nianbao-harvest-");
    internal HarvestResult First { get; private set; } = null!;
    internal IReadOnlyList<HarvestedReport> Imported { get; private set; } = [];
    internal IReadOnlyList<ServedRequest> Requests { get; private set; } = [];
    internal Uri[] Seeds => [Site.Url(SiteContent.IndexPath)];

    public async Task InitializeAsync()
    {
        Site = await GovSite.StartAsync(SiteContent.Shared);
        First = await Harvests.Run(Folder, Seeds);
        Imported = Harvests.Imported(Folder);
        Requests = [.. Site.Requests];
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        Folder.Dispose();
    }
}

/// <summary>
/// Whole harvests of the generated site over real HTTP on 127.0.0.1, into a real archive through the
/// real pipeline: what is imported, how every other URL ends, what a re-run fetches.
/// </summary>
public sealed class HarvestTests(HarvestedSite harvested) : IClassFixture<HarvestedSite>
{
    private static SiteContent Content => SiteContent.Shared;

    [Fact]
    public void Harvest_imports_exactly_the_reports_and_accounts_for_every_url()
    {
        var (site, result) = (harvested.Site, harvested.First);

        // Every URL seen ends exactly once, with the outcome it must have; no URL beyond those.
        var expected = Harvests.Expected(site, Content);
        Assert.Equal(result.Outcomes.Count, result.Outcomes.Select(o => o.Url).Distinct().Count());
        var seen = string.Join("\n", result.Outcomes.Select(o => $"{o.Url} {o.Outcome} {o.Detail}"));
        Assert.True(expected.Keys.Order().SequenceEqual(result.Outcomes.Select(o => o.Url).Order()),
            $"missing: {string.Join(", ", expected.Keys.Except(result.Outcomes.Select(o => o.Url)))}\nseen:\n{seen}");
        foreach (var outcome in result.Outcomes)
            Assert.True(expected[outcome.Url].Contains(outcome.Outcome), $"{outcome.Url}: {outcome.Outcome} ({outcome.Detail}); expected {string.Join(" or ", expected[outcome.Url])}");
        Assert.NotNull(result.Run.FinishedAt);
        Assert.Equal(result.Outcomes.Count, result.Run.Tally!.Values.Sum());

        // The archive holds the site's reports, read as what they are, each linked to where it was published.
        var imported = harvested.Imported;
        Assert.Equal(Content.Reports.Select(r => site.Url(r.ImportUrlPath).AbsoluteUri).Order(), imported.Select(i => i.Url).Order());
        foreach (var report in imported)
        {
            var truth = Content.Reports.Single(r => site.Url(r.ImportUrlPath).AbsoluteUri == report.Url);
            Assert.True(truth.Truth.Agency == report.Agency && truth.Truth.Year == report.Year,
                $"{truth.Key} {report.Url}: read {report.Agency} {report.Year}, published {truth.Truth.Agency} {truth.Truth.Year}");
            Assert.Equal(truth.Truth.Template.ToContractName(), report.Template);
        }

        // Failures say why.
        string Detail(string path) => result.Outcomes.Single(o => o.Url == site.Url(path).AbsoluteUri).Detail ?? "";
        Assert.Contains("redirect loop", Detail(SiteContent.LoopA));
        Assert.Contains("HTTP 404", Detail(SiteContent.GonePath));
        Assert.Contains("no complete answer within 3 s", Detail(SiteContent.SlowPath));
        Assert.Contains("larger than the download limit", Detail(SiteContent.BigFile));
        Assert.Contains(SiteContent.MovedTo, Detail(SiteContent.MovedFrom));
        Assert.Contains("robots.txt", Detail(SiteContent.PrivatePath));

        // What the server saw: the 500 was retried; nothing robots.txt forbids, nothing in the sidebar and
        // no notice was requested; robots.txt once; every request named the tool.
        var requests = harvested.Requests;
        Assert.Equal([500, 200], requests.Where(r => r.Path == SiteContent.FlakyPath).Select(r => r.Status));
        Assert.Equal(2, requests.Count(r => r.Path == SiteContent.SlowPath));
        Assert.DoesNotContain(requests, r => r.Path.StartsWith("/xxgk/ndbg/private/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Path == SiteContent.SidebarFile);
        Assert.DoesNotContain(requests, r => Content.Entries.Any(e => e.Expected == HarvestOutcome.NotAReport && e.Href == r.Path));
        Assert.Single(requests, r => r.Path == "/robots.txt");
        Assert.All(requests, r => Assert.StartsWith("NianbaoHarvester/", r.UserAgent));
    }

    [Fact]
    public async Task A_rerun_of_an_unchanged_site_downloads_nothing_again_and_a_changed_report_is_imported_once()
    {
        var (site, first, folder) = (harvested.Site, harvested.First, harvested.Folder);
        var firstRequests = harvested.Requests.Count;
        var failed = first.Outcomes.Where(o => o.Outcome == HarvestOutcome.Failed).Select(o => new Uri(o.Url).AbsolutePath).ToHashSet();
        var succeeded = harvested.Requests.Where(r => r.Status == 200 && r.Path != "/robots.txt" && !failed.Contains(r.Path)).Select(r => r.Path).ToHashSet();

        var second = await Harvests.Run(folder, harvested.Seeds);
        Assert.False(second.Resumed);
        Assert.DoesNotContain(second.Outcomes, o => o.Outcome is HarvestOutcome.Imported or HarvestOutcome.AlreadyPresent);
        Assert.Equal(harvested.Imported.Select(i => i.ReportId).Order(), Harvests.Imported(folder).Select(i => i.ReportId).Order());
        // Every report imported the first time is "unchanged"; everything else ends as it did.
        foreach (var outcome in first.Outcomes)
        {
            var again = second.Outcomes.Single(o => o.Url == outcome.Url);
            Assert.Equal(outcome.Outcome == HarvestOutcome.Imported ? HarvestOutcome.Unchanged : outcome.Outcome, again.Outcome);
        }
        Assert.Equal(first.Outcomes.Count, second.Outcomes.Count);
        // Everything fetched whole the first time was asked for conditionally and answered 304.
        var rerun = site.Requests.Skip(firstRequests).Where(r => succeeded.Contains(r.Path)).ToList();
        Assert.Equal(succeeded.Count, rerun.Count);
        Assert.All(rerun, r => Assert.True(r.Status == 304 && r.IfNoneMatch is not null && r.IfModifiedSince is not null, $"{r.Path}: {r.Status}"));

        // The DOCX attachment is replaced by a corrected report: only it is imported; nothing else changes.
        var attached = Content.Reports.Single(r => r.Key == "B");
        var corrected = ReportGenerator.Generate(new GenerationSpec(7390, ReportTemplate.Format2021, NumberScale.Small, false)).Truth;
        site.Replace(attached.ImportUrlPath, new DocxRenderer().Render(corrected));
        var third = await Harvests.Run(folder, harvested.Seeds);
        var changed = Assert.Single(third.Outcomes, o => o.Outcome == HarvestOutcome.Imported);
        Assert.Equal(site.Url(attached.ImportUrlPath).AbsoluteUri, changed.Url);
        var now = Harvests.Imported(folder);
        Assert.Equal(Content.Reports.Count + 1, now.Count);
        Assert.Contains(now, r => r.Url == changed.Url && r.Agency == corrected.Agency && r.Year == corrected.Year);
    }
}

/// <summary>A harvest killed halfway and started again with the same URLs.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task A_killed_harvest_resumes_where_it_stopped()
    {
        var content = SiteContent.Shared;
        await using var site = await GovSite.StartAsync(content);
        using var folder = new TempFolder("nianbao-harvest-resume-");
        Uri[] seeds = [site.Url(SiteContent.IndexPath)];
        using var kill = new CancellationTokenSource();
        var before = new List<UrlOutcome>();
        var progress = new Callback<UrlOutcome>(o =>
        {
            before.Add(o);
            if (before.Count(b => b.Outcome == HarvestOutcome.Imported) == 3) kill.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Harvests.Run(folder, seeds, progress: progress, cancellationToken: kill.Token));
        var requestsBefore = site.Requests.Count;
        Assert.Equal(3, Harvests.Imported(folder).Count);

        var resumed = await Harvests.Run(folder, seeds);
        Assert.True(resumed.Resumed);
        // What was done before the kill was not fetched again.
        var fetchedAgain = site.Requests.Skip(requestsBefore).Select(r => site.Url(r.Path).AbsoluteUri).ToHashSet();
        Assert.All(before, o => Assert.DoesNotContain(o.Url, fetchedAgain));
        // The run as a whole accounts for every URL and imported every report exactly once.
        var expected = Harvests.Expected(site, content);
        Assert.Equal(expected.Keys.Order(), resumed.Outcomes.Select(o => o.Url).Order());
        foreach (var outcome in resumed.Outcomes) Assert.Contains(outcome.Outcome, expected[outcome.Url]);
        Assert.Equal(content.Reports.Select(r => site.Url(r.ImportUrlPath).AbsoluteUri).Order(), Harvests.Imported(folder).Select(i => i.Url).Order());
        using var store = Nianbao.Archive.ArchiveStore.Open(Harvests.Db(folder));
        var run = Assert.Single(await new Nianbao.Archive.Harvest.ArchiveHarvestStore(store).RunsAsync(default));
        Assert.Equal(resumed.Run.Id, run.Id);
        Assert.NotNull(run.FinishedAt);
    }
}
