using Nianbao.Cli.Harvesting;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Harvesting.State;
using Nianbao.Harvesting.Tests.Site;
using Nianbao.Rendering;
using Nianbao.Synthetic;

namespace Nianbao.Harvesting.Tests;

/// <summary>
/// Whole harvests of the generated site over real HTTP on 127.0.0.1, into a folder through the real
/// report pipeline: what is imported, how every other URL ends, what a re-run and a resumed run fetch.
/// </summary>
public sealed class HarvestTests
{
    private static SiteContent Content => SiteContent.Shared;

    [Fact]
    public async Task Harvest_imports_exactly_the_reports_and_accounts_for_every_url()
    {
        await using var site = await GovSite.StartAsync(Content);
        using var folder = new TempFolder("nianbao-harvest-");
        var result = await Harvests.Run(site, folder, [site.Url(SiteContent.IndexPath)]);

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

        // The reports imported are the site's reports, read as what they are, from where they were published.
        var imported = FolderReportSink.Imported(folder.Path);
        Assert.Equal(Content.Reports.Select(r => site.Url(r.ImportUrlPath).AbsoluteUri).Order(), imported.Select(i => i.SourceUrl).Order());
        foreach (var line in imported)
        {
            var truth = Content.Reports.Single(r => site.Url(r.ImportUrlPath).AbsoluteUri == line.SourceUrl);
            Assert.True(truth.Truth.Agency == line.Agency && truth.Truth.Year == line.Year, $"{truth.Key} {line.SourceUrl}: read {line.Agency} {line.Year}, published {truth.Truth.Agency} {truth.Truth.Year}");
            Assert.Equal(truth.Truth.Template.ToContractName(), line.Template);
            Assert.True(File.Exists(Path.Combine(folder.Path, line.File)), line.File);
            var json = ReportJson.Deserialize(File.ReadAllText(Path.Combine(folder.Path, line.Json)));
            Assert.Equal(truth.Truth.Year, json.Year);
            Assert.True(line.FetchedAt > DateTimeOffset.UtcNow.AddMinutes(-10) && line.FetchedAt <= DateTimeOffset.UtcNow);
        }
        // An attachment knows the article it was attached to.
        var docx = Content.Reports.Single(r => r.Key == "B");
        Assert.Equal(site.Url("/xxgk/ndbg/202401/t20240118_102.html").AbsoluteUri, imported.Single(i => i.SourceUrl == site.Url(docx.ImportUrlPath).AbsoluteUri).Page);

        // Failures say why.
        string Detail(string path) => result.Outcomes.Single(o => o.Url == site.Url(path).AbsoluteUri).Detail ?? "";
        Assert.Contains("redirect loop", Detail(SiteContent.LoopA));
        Assert.Contains("HTTP 404", Detail(SiteContent.GonePath));
        Assert.Contains("no complete answer within 1.5 s", Detail(SiteContent.SlowPath));
        Assert.Contains("larger than the download limit", Detail(SiteContent.BigFile));
        Assert.Contains(SiteContent.MovedTo, Detail(SiteContent.MovedFrom));

        // What the server saw: the 500 was retried; nothing robots.txt forbids, nothing in the sidebar and
        // no notice was requested; every request named the tool.
        var requests = site.Requests.ToList();
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
        await using var site = await GovSite.StartAsync(Content);
        using var folder = new TempFolder("nianbao-harvest-rerun-");
        Uri[] seeds = [site.Url(SiteContent.IndexPath)];
        var first = await Harvests.Run(site, folder, seeds);
        var log = File.ReadAllText(Path.Combine(folder.Path, FolderReportSink.LogName));
        var firstRequests = site.Requests.Count;
        var failed = first.Outcomes.Where(o => o.Outcome == HarvestOutcome.Failed).Select(o => new Uri(o.Url).AbsolutePath).ToHashSet();
        var succeeded = site.Requests.Where(r => r.Status == 200 && r.Path != "/robots.txt" && !failed.Contains(r.Path)).Select(r => r.Path).ToHashSet();

        var second = await Harvests.Run(site, folder, seeds);
        Assert.False(second.Resumed);
        Assert.DoesNotContain(second.Outcomes, o => o.Outcome is HarvestOutcome.Imported or HarvestOutcome.AlreadyPresent);
        Assert.Equal(log, File.ReadAllText(Path.Combine(folder.Path, FolderReportSink.LogName)));
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
        var corrected = ReportGenerator.Generate(new GenerationSpec(7390, Nianbao.Domain.ReportTemplate.Format2021, NumberScale.Small, false)).Truth;
        site.Replace(attached.ImportUrlPath, new DocxRenderer().Render(corrected));
        var third = await Harvests.Run(site, folder, seeds);
        var changed = Assert.Single(third.Outcomes, o => o.Outcome == HarvestOutcome.Imported);
        Assert.Equal(site.Url(attached.ImportUrlPath).AbsoluteUri, changed.Url);
        Assert.Equal(corrected.Year, FolderReportSink.Imported(folder.Path).Last().Year);
        Assert.Equal(Content.Reports.Count + 1, FolderReportSink.Imported(folder.Path).Count);
    }

    [Fact]
    public async Task A_killed_harvest_resumes_where_it_stopped()
    {
        await using var site = await GovSite.StartAsync(Content);
        using var folder = new TempFolder("nianbao-harvest-resume-");
        Uri[] seeds = [site.Url(SiteContent.IndexPath)];
        using var kill = new CancellationTokenSource();
        var before = new List<UrlOutcome>();
        var progress = new Callback<UrlOutcome>(o =>
        {
            before.Add(o);
            if (before.Count(b => b.Outcome == HarvestOutcome.Imported) == 3) kill.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Harvests.Run(site, folder, seeds, progress: progress, cancellationToken: kill.Token));
        var requestsBefore = site.Requests.Count;
        Assert.Equal(3, FolderReportSink.Imported(folder.Path).Count);
        // The kill also cut the state file's last line short.
        File.AppendAllText(Harvests.StatePath(folder), "{\"kind\":\"url\",\"url\":{\"url\":\"http://127.0.0.1/");

        var resumed = await Harvests.Run(site, folder, seeds);
        Assert.True(resumed.Resumed);
        // What was done before the kill was not fetched again.
        var fetchedAgain = site.Requests.Skip(requestsBefore).Select(r => site.Url(r.Path).AbsoluteUri).ToHashSet();
        Assert.All(before, o => Assert.DoesNotContain(o.Url, fetchedAgain));
        // The run as a whole accounts for every URL and imported every report exactly once.
        var expected = Harvests.Expected(site, Content);
        Assert.Equal(expected.Keys.Order(), resumed.Outcomes.Select(o => o.Url).Order());
        foreach (var outcome in resumed.Outcomes) Assert.Contains(outcome.Outcome, expected[outcome.Url]);
        var imported = FolderReportSink.Imported(folder.Path);
        Assert.Equal(Content.Reports.Select(r => site.Url(r.ImportUrlPath).AbsoluteUri).Order(), imported.Select(i => i.SourceUrl).Order());
        using var store = new JsonLinesStateStore(Harvests.StatePath(folder));
        Assert.Equal(1, store.SkippedLines);
        var run = Assert.Single(await store.RunsAsync(default));
        Assert.Equal(resumed.Run.Id, run.Id);
        Assert.NotNull(run.FinishedAt);
    }
}
