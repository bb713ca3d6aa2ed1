using System.CommandLine;
using System.Globalization;
using Nianbao.Archive.Harvest;
using Nianbao.Cli.Commands.Archive;
using Nianbao.Harvesting;
using Nianbao.Pipeline;

namespace Nianbao.Cli.Commands.Harvest;

/// <summary>
/// <c>nianbao harvest URL… [--db …] [--since YEAR] [--max-pages N]</c>: collects the annual reports a
/// government website publishes into the archive — politely (robots.txt, one request a second per
/// host), resumably (a killed harvest started again with the same URLs continues) and accountably
/// (every URL seen ends with an outcome, kept in the archive: <c>nianbao harvests</c>).
/// </summary>
internal static class HarvestCommand
{
    public static Command Create()
    {
        var defaults = new HarvestOptions();
        var urls = new Argument<string[]>("urls")
        {
            Description = "报告栏目、政府信息公开页面或文章的网址，或每行一个网址的文件 A report column, a 政府信息公开 index page, an article, or a file listing URLs (one a line).",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = ArchiveOptions.Db();
        var since = new Option<int?>("--since") { Description = "只取该年及以后的年报 Only reports for this year or later (judged by the entry's title)." };
        var maxPages = new Option<int>("--max-pages") { Description = "每个栏目最多翻页数 List pages walked per column.", DefaultValueFactory = _ => defaults.MaxListPages };
        var allowHost = new Option<string[]>("--allow-host") { Description = "允许的其他网站 Another host that may be fetched (default: only the hosts of the start URLs). Repeatable.", AllowMultipleArgumentsPerToken = true };
        var interval = new Option<double>("--interval") { Description = "同一网站两次请求的最短间隔（秒） Least seconds between two requests to one host (robots.txt Crawl-delay may ask for more).", DefaultValueFactory = _ => defaults.MinIntervalPerHost.TotalSeconds };
        var timeout = new Option<double>("--timeout") { Description = "单次请求超时（秒） Seconds per attempt, body included.", DefaultValueFactory = _ => defaults.RequestTimeout.TotalSeconds };
        var retries = new Option<int>("--retries") { Description = "5xx、超时、连接错误的重试次数 Retries on 5xx, timeouts and connection errors, with doubling waits from 2 s.", DefaultValueFactory = _ => defaults.MaxRetries };
        var maxSize = new Option<int>("--max-size") { Description = "单个文件大小上限（MB） Largest download in MB; larger ones are aborted.", DefaultValueFactory = _ => (int)(defaults.MaxDownloadBytes / 1024 / 1024) };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "只显示失败和汇总 Only failures and the closing tally." };
        var command = new Command("harvest", "采集 Collect the annual reports a government website publishes into the archive (polite, resumable; every URL's outcome kept).")
        {
            urls, db, since, maxPages, allowHost, interval, timeout, retries, maxSize, quiet,
        };
        command.SetAction((r, cancellation) =>
        {
            var options = new HarvestOptions
            {
                SinceYear = r.GetValue(since),
                MaxListPages = Math.Max(1, r.GetValue(maxPages)),
                AllowedHosts = r.GetValue(allowHost) ?? [],
                MinIntervalPerHost = TimeSpan.FromSeconds(Math.Max(0, r.GetValue(interval))),
                RequestTimeout = TimeSpan.FromSeconds(Math.Max(0.1, r.GetValue(timeout))),
                MaxRetries = Math.Max(0, r.GetValue(retries)),
                MaxDownloadBytes = Math.Max(1, r.GetValue(maxSize)) * 1024L * 1024L,
            };
            return Run(r.GetValue(urls) ?? [], r.GetValue(db), options, r.GetValue(quiet), cancellation);
        });
        return command;
    }

    internal static async Task<int> Run(string[] arguments, string? db, HarvestOptions options, bool quiet, CancellationToken cancellation)
    {
        var (seeds, problems) = HarvestSeeds.Resolve(arguments);
        foreach (var problem in problems) Console.Error.WriteLine(problem);
        if (seeds.Count == 0)
        {
            Console.Error.WriteLine("没有可采集的网址 No http(s) URL to harvest.");
            return 2;
        }
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        var state = new ArchiveHarvestStore(store);
        var sink = new ArchiveReportSink(store, ReportPipeline.Default);
        var progress = new Lines(quiet);
        var harvester = new Harvester(options, state, sink, progress);
        HarvestResult result;
        try { result = await harvester.RunAsync(seeds, cancellation); }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("已中断；用同样的网址再次运行即从中断处继续 Interrupted; run again with the same URLs to continue where it stopped.");
            return 130;
        }
        if (result.Resumed) Console.Error.WriteLine($"（续接未完成的采集 {result.Run.Id} continued an unfinished harvest）");
        var tally = string.Join(", ", result.Tally.Select(p => $"{p.Key.Label()} {p.Value}"));
        Console.Out.WriteLine($"采集 {result.Run.Id}: {result.Outcomes.Count} 个网址 URLs — {tally} · {store.Location.Display}");
        return 0;
    }

    /// <summary>One line per URL as it ends (failures on stderr); with --quiet only the failures.</summary>
    private sealed class Lines(bool quiet) : IProgress<UrlOutcome>
    {
        public void Report(UrlOutcome o)
        {
            if (quiet && o.Outcome != HarvestOutcome.Failed) return;
            var line = string.Create(CultureInfo.InvariantCulture, $"{o.Outcome.Label()}: {o.Url}{(o.Detail is null ? "" : " — " + o.Detail)}");
            (o.Outcome == HarvestOutcome.Failed ? Console.Error : Console.Out).WriteLine(line);
        }
    }
}
