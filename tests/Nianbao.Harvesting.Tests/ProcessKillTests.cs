using System.Diagnostics;
using Nianbao.Harvesting.Tests.Site;

namespace Nianbao.Harvesting.Tests;

/// <summary>
/// <c>nianbao harvest</c> as a user runs it: the built command in a process of its own, killed outright
/// (SIGKILL: no Ctrl+C handler, no cleanup) after its third import, then started again with the same
/// URL. The second run says it continues the first, fetches nothing that was done, ends every URL and
/// prints the closing tally; <c>nianbao harvests</c> lists the one run with that tally and every URL's
/// outcome. Cancellation inside the process is tested in <see cref="ResumeTests"/>; this is the crash.
/// </summary>
public sealed class ProcessKillTests
{
    private static ProcessStartInfo Nianbao(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "nianbao.dll"), .. args]) start.ArgumentList.Add(a);
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["COLUMNS"] = "400";
        return start;
    }

    private static async Task<(int Exit, string Out, string Error)> Run(params string[] args)
    {
        using var process = Process.Start(Nianbao(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"nianbao {string.Join(' ', args)} did not finish in 300 s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task A_harvest_killed_outright_resumes_in_a_new_process_and_harvests_lists_it()
    {
        var content = SiteContent.Shared;
        await using var site = await GovSite.StartAsync(content);
        using var folder = new TempFolder("nianbao-harvest-kill-");
        var db = Harvests.Db(folder);
        var start = site.Url(SiteContent.IndexPath).AbsoluteUri;
        // The test's short waits (the slow page is still 10 times the timeout); the rest are the defaults.
        string[] harvest = ["harvest", start, "--db", db, "--interval", "0", "--timeout", "3", "--retries", "1", "--max-size", "1"];

        var imported = new List<string>();
        using (var process = Process.Start(Nianbao(harvest))!)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                while (imported.Count < 3 && process.StandardOutput.ReadLine() is { } line)
                    if (line.StartsWith(HarvestOutcome.Imported.Label() + ": ", StringComparison.Ordinal)) imported.Add(line[(HarvestOutcome.Imported.Label().Length + 2)..]);
            }
            finally { process.Kill(entireProcessTree: true); }
            await process.WaitForExitAsync();
            Assert.True(imported.Count == 3, $"the harvest ended before three imports: {await stderr}");
        }
        var requestsBefore = site.Requests.Count;

        var resumed = await Run(harvest);

        Assert.Equal(0, resumed.Exit);
        Assert.Contains("continued an unfinished harvest", resumed.Error);
        // What was imported before the kill was not fetched again, nor imported twice.
        var fetchedAgain = site.Requests.Skip(requestsBefore).Select(r => site.Url(r.Path).AbsoluteUri).ToHashSet();
        Assert.All(imported, url => Assert.DoesNotContain(url, fetchedAgain));
        Assert.Equal(content.Reports.Select(r => site.Url(r.ImportUrlPath).AbsoluteUri).Order(), Harvests.Imported(folder).Select(i => i.Url).Order());

        // The closing tally accounts for every URL of the run, the ones done before the kill included.
        var expected = Harvests.Expected(site, content);
        var tallyLine = resumed.Out.Split('\n').Single(l => l.StartsWith("采集 ", StringComparison.Ordinal));
        Assert.Contains($"{expected.Count} 个网址 URLs", tallyLine);
        Assert.Contains($"{HarvestOutcome.Imported.Label()} {content.Reports.Count}", tallyLine);

        // nianbao harvests: one run, finished, with that tally; and every URL of it with its outcome.
        var runs = await Run("harvests", "--db", db);
        Assert.Equal(0, runs.Exit);
        Assert.Contains("1 次采集 harvests", runs.Out);
        Assert.DoesNotContain("未完成 unfinished", runs.Out);
        var runId = tallyLine["采集 ".Length..tallyLine.IndexOf(':', StringComparison.Ordinal)];
        var urls = await Run("harvests", runId, "--db", db);
        Assert.Equal(0, urls.Exit);
        var lines = urls.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Keys.Order(), lines.Select(l => l.Split('\t')[1]).Order());
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            Assert.Contains(parts[0], expected[parts[1]].Select(o => o.Label()));
        }
    }

    [Fact]
    public async Task With_no_options_the_command_waits_a_second_between_requests_to_a_host_and_names_itself()
    {
        await using var site = await GovSite.StartAsync(SiteContent.Shared);
        using var folder = new TempFolder("nianbao-harvest-defaults-");
        var article = SiteContent.Shared.Reports.Single(r => r.Key == "A");

        var run = await Run("harvest", site.Url(article.ImportUrlPath).AbsoluteUri, "--db", Harvests.Db(folder));

        Assert.Equal(0, run.Exit);
        Assert.Contains($"{HarvestOutcome.Imported.Label()} 1", run.Out);
        var requests = site.Requests.OrderBy(r => r.At).ToList();
        Assert.Equal(["/robots.txt", article.ImportUrlPath], requests.Select(r => r.Path));
        // The default interval is one second from the end of one request to the start of the next.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(980), $"{(requests[1].At - requests[0].At).TotalMilliseconds:0} ms between requests");
        Assert.All(requests, r => Assert.Equal(new HarvestOptions().UserAgent, r.UserAgent));
        Assert.StartsWith("NianbaoHarvester/1.0 (", new HarvestOptions().UserAgent);
    }
}
