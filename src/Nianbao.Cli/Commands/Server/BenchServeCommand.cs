using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Server;
using Nianbao.Server.Accounts;
using Nianbao.Synthetic;

namespace Nianbao.Cli.Commands.Server;

/// <summary>
/// <c>nianbao bench serve</c>: a load test of the real server on loopback, bounded in count and time.
/// A temp SQLite archive gets a province of N generated reports (setup, imported directly, not measured);
/// the server is started on 127.0.0.1 and driven over HTTP: concurrent uploads of generated text
/// reports (one file a request), then concurrent summary reads of the province (/api/summary), then the
/// dashboard page itself (/dashboard: five years summed, rankings, the page), then uploads and summaries at once. It prints throughput and p50/p95/p99 per phase, the machine's load, and
/// checks afterwards that every upload is in the archive once: reports = seeded + uploads, no
/// agency-year twice. Targets (issue #12): upload p95 &lt; 100 ms; summary of 10,000 reports p95 &lt; 300 ms.
/// </summary>
internal static class BenchServeCommand
{
    private const string Province = "410000000000";
    private const int Year = 2024;
    private const string Password = "bench-password-42";

    public static Command Create()
    {
        var reports = new Option<int>("--reports") { Description = "Reports already in the province before the test (the dashboard's size).", DefaultValueFactory = _ => 10000 };
        var uploads = new Option<int>("--uploads") { Description = "Report files uploaded during the test (one per request).", DefaultValueFactory = _ => 400 };
        var reads = new Option<int>("--reads") { Description = "Summary reads of the province per read phase.", DefaultValueFactory = _ => 60 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4 };
        var maxSeconds = new Option<int>("--max-seconds") { Description = "Each phase stops sending after this long (what was sent is still checked).", DefaultValueFactory = _ => 300 };
        var keep = new Option<string?>("--keep") { Description = "Keep the seeded archive in this folder and reuse it next time (the uploads of a run are removed first)." };
        var command = new Command("serve", "负载测试 Load-test the server on loopback: concurrent uploads and province summaries, latency percentiles, nothing lost or doubled (docs/performance.md).")
        {
            reports, uploads, reads, concurrency, maxSeconds, keep,
        };
        command.SetAction((r, cancel) => Run(r.GetValue(reports), r.GetValue(uploads), r.GetValue(reads), Math.Max(1, r.GetValue(concurrency)),
            TimeSpan.FromSeconds(Math.Max(1, r.GetValue(maxSeconds))), r.GetValue(keep), cancel));
        return command;
    }

    private const string Syllables = "东西南北青白黄红金石林山河湖桥水田阳安平清长高永新和兴龙凤宝丰德顺福康泰华明光";

    /// <summary>A township name of Chinese characters only (agency names with digits are not read as names).</summary>
    private static string NameOf(int i)
    {
        var n = Syllables.Length;
        return $"{Syllables[i % n]}{Syllables[i / n % n]}{Syllables[i / n / n % n]}乡人民政府";
    }

    private static byte[] ReportFile(int i)
    {
        var g = ReportGenerator.Generate(new GenerationSpec(i, ReportTemplate.Format2021, i % 3 == 0 ? NumberScale.Mixed : NumberScale.Small, false));
        var generatedYear = g.Truth.Year!.Value;
        g = ReportGenerator.Rebuild(g, d =>
        {
            d.Agency = NameOf(i);
            d.Year = Year;
            var sections = d.Sections.Select(s => s with { Text = s.Text.Replace($"{generatedYear}年", $"{Year}年", StringComparison.Ordinal) }).ToList();
            d.Sections.Clear();
            d.Sections.AddRange(sections);
        }, keepAlterations: false);
        return TextShapes.Render(g, TextShape.Tabs, i).Bytes;
    }

    private static async Task<int> Run(int count, int uploads, int reads, int concurrency, TimeSpan limit, string? keep, CancellationToken cancel)
    {
        var folder = keep is null ? Directory.CreateTempSubdirectory("nianbao-bench-serve-").FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            var db = Path.Combine(folder, "bench.db");
            var seeded = Seed(folder, db, count);
            Console.Out.WriteLine($"archive: {seeded} reports of {Year} in province {Province} (SQLite {db})");

            // The files to upload: agencies after the seeded ones, generated before the clock starts.
            var files = Enumerable.Range(count, uploads).Select(i => (Name: $"upload-{i:D6}.txt", Bytes: ReportFile(i))).ToArray();

            var app = NianbaoServer.Build(new ServerOptions { Archive = ArchiveLocation.Parse(db), Urls = "http://127.0.0.1:0" },
                logging => { logging.ClearProviders(); logging.AddConsole(); logging.SetMinimumLevel(LogLevel.Error); });
            await app.StartAsync(cancel);
            try
            {
                var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
                using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, MaxConnectionsPerServer = concurrency * 2 })
                    { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
                (await client.PostAsJsonAsync("/api/session", new { name = "bench", password = Password }, cancel)).EnsureSuccessStatusCode();
                Console.Out.WriteLine($"server: {address} · {concurrency} requests in flight · load average before: {LoadAverage()}");

                // Warm-up (JIT, connection pools, SQLite page cache), not counted: one summary and one dashboard
                // page, as a server in service has made them before. Uploads come next, so the first read of each
                // read phase is still a read after writes.
                var summaryPath = $"/api/summary?region={Province}&year={Year}";
                var dashboardPath = $"/dashboard?region={Province}&year={Year}";
                (await client.GetAsync(summaryPath, cancel)).EnsureSuccessStatusCode();
                (await client.GetAsync(dashboardPath, cancel)).EnsureSuccessStatusCode();

                var uploaded = new ConcurrentDictionary<string, string>();
                var failures = new ConcurrentQueue<string>();
                async Task<bool> Upload(int k)
                {
                    using var form = new MultipartFormDataContent { { new ByteArrayContent(files[k].Bytes), "file", files[k].Name } };
                    using var response = await client.PostAsync("/api/reports", form, cancel);
                    var body = await response.Content.ReadAsStringAsync(cancel);
                    if (response.StatusCode != HttpStatusCode.OK) { failures.Enqueue($"{files[k].Name}: HTTP {(int)response.StatusCode} {body}"); return false; }
                    var result = JsonDocument.Parse(body).RootElement[0];
                    var outcome = result.GetProperty("outcome").GetString();
                    if (outcome is not ("imported" or "importedWithFindings")) { failures.Enqueue($"{files[k].Name}: {outcome} {result.GetProperty("reason")}"); return false; }
                    if (!uploaded.TryAdd(files[k].Name, result.GetProperty("reportId").GetString()!)) failures.Enqueue($"{files[k].Name}: answered twice");
                    return true;
                }
                async Task<bool> Summary(int k)
                {
                    using var response = await client.GetAsync(summaryPath, cancel);
                    var body = await response.Content.ReadAsStringAsync(cancel);
                    if (response.StatusCode != HttpStatusCode.OK) { failures.Enqueue($"summary: HTTP {(int)response.StatusCode}"); return false; }
                    var reports = JsonDocument.Parse(body).RootElement.GetProperty("coverage").GetProperty("reports").GetInt32();
                    if (reports < seeded) { failures.Enqueue($"summary counted {reports} reports, fewer than the {seeded} seeded"); return false; }
                    return true;
                }

                // The dashboard page itself (区域看板: the five-year summary, rankings, the page's HTML with its chart data).
                async Task<bool> Dashboard(int k)
                {
                    using var response = await client.GetAsync(dashboardPath, cancel);
                    var body = await response.Content.ReadAsStringAsync(cancel);
                    if (response.StatusCode != HttpStatusCode.OK || !body.Contains("id=\"stat-received\"", StringComparison.Ordinal))
                    {
                        failures.Enqueue($"dashboard: HTTP {(int)response.StatusCode}");
                        return false;
                    }
                    return true;
                }

                var half = uploads / 2;
                var phases = new List<Phase>
                {
                    await Measure("upload (text report, parse + store)", half, concurrency, limit, k => Upload(k), cancel),
                    await Measure($"summary of the province ({seeded}+ reports)", reads, concurrency, limit, Summary, cancel),
                    await Measure($"dashboard page of the province ({seeded}+ reports)", reads, concurrency, limit, Dashboard, cancel),
                };
                // Both at once: half the workers upload the other half of the files, half read.
                var mixed = await Mixed(uploads - half, reads, concurrency, limit, k => Upload(half + k), Summary, cancel);
                phases.AddRange(mixed);

                Console.Out.WriteLine();
                Console.Out.WriteLine("| phase | requests | failed | throughput | p50 | p95 | p99 | max | CPU per request |");
                Console.Out.WriteLine("|---|---|---|---|---|---|---|---|---|");
                foreach (var p in phases) Console.Out.WriteLine(p.Row());
                Console.Out.WriteLine();
                var cache = app.Services.GetRequiredService<Nianbao.Queries.GenerationCache>();
                Console.Out.WriteLine($"summary cache (results kept per archive write generation): {cache.Computed} computed, {cache.Served} served from the cache");
                Console.Out.WriteLine($"load average after: {LoadAverage()} · {Environment.ProcessorCount} cores · server process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s");

                // Nothing lost, nothing doubled: every answered upload is one current report, and only those were added.
                await app.StopAsync(cancel);
                using var store = ArchiveStore.Open(db);
                var all = store.ListReports(new ReportFilter { IncludeHistory = true });
                var uploadedIds = uploaded.Values.ToHashSet(StringComparer.Ordinal);
                var missing = uploadedIds.Count(id => all.All(r => r.Id != id));
                var doubled = all.GroupBy(r => (r.AgencyPrinted, r.Year)).Count(g => g.Count() > 1);
                var expected = seeded + uploaded.Count;
                Console.Out.WriteLine($"check: {all.Count} reports in the archive = {seeded} seeded + {uploaded.Count} uploads answered imported (expected {expected}); "
                    + $"answered but missing {missing}; agency-years stored twice {doubled}; failed requests {failures.Count}");
                foreach (var f in failures.Take(10)) Console.Error.WriteLine(f);
                var targets = new[]
                {
                    (phases[0].P95 < 100, $"upload p95 {phases[0].P95:0} ms (target < 100 ms)"),
                    (phases[1].P95 < 300, $"summary p95 {phases[1].P95:0} ms (target < 300 ms)"),
                    (phases[2].P95 < 300, $"dashboard page p95 {phases[2].P95:0} ms (target < 300 ms)"),
                };
                foreach (var (met, text) in targets) Console.Out.WriteLine($"{(met ? "met" : "NOT met")}: {text}");
                var consistent = all.Count == expected && missing == 0 && doubled == 0 && failures.IsEmpty;
                if (keep is not null) RemoveUploads(store, uploadedIds);
                return consistent ? 0 : 1;
            }
            finally
            {
                await app.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (keep is null) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The seeded province: generated reports imported directly and placed in its townships; reused when kept.</summary>
    private static int Seed(string folder, string db, int count)
    {
        using (var existing = ArchiveStore.Open(db))
            if (existing.CountReports() >= count && new AccountStore(existing).Find("bench") is not null) return existing.CountReports();
        var files = Path.Combine(folder, "reports");
        Directory.CreateDirectory(files);
        var watch = Stopwatch.StartNew();
        Parallel.For(0, count, i => File.WriteAllBytes(Path.Combine(files, $"{i:D6}.txt"), ReportFile(i)));
        using var store = ArchiveStore.Open(db);
        new ArchiveImporter(store, ReportPipeline.Default).Run([files]);
        var numbers = Enumerable.Range(0, count).ToDictionary(NameOf);
        using (var tx = store.BeginTransaction())
        {
            foreach (var agency in store.Agencies())
            {
                if (!numbers.TryGetValue(agency.Name, out var n)) continue;
                // 41 (a province), its cities and counties, townships under them.
                var code = $"41{1 + n % 17:D2}{1 + n % 20:D2}{100 + n / 340:D3}000";
                Dapper.SqlMapper.Execute(store.Connection, "UPDATE agencies SET region_code = @code, level = 'township', kind = 'township', placement_status = 'placed', pinned = 1 WHERE id = @id",
                    new { code, id = agency.Id }, tx);
            }
            tx.Commit();
        }
        if (new AccountStore(store).Find("bench") is null) new AccountStore(store).Add("bench", Password, Roles.Admin);
        Directory.Delete(files, recursive: true);
        Console.Out.WriteLine($"setup (not measured): {count} reports generated and imported in {watch.Elapsed.TotalSeconds:0} s");
        return store.CountReports();
    }

    /// <summary>A kept archive goes back to its seeded state: this run's uploads removed.</summary>
    private static void RemoveUploads(ArchiveStore store, IReadOnlySet<string> ids)
    {
        using var tx = store.BeginTransaction();
        foreach (var id in ids)
            foreach (var table in new[] { "cells", "findings", "cross_findings" })
                Dapper.SqlMapper.Execute(store.Connection, $"DELETE FROM {table} WHERE report_id = @id", new { id }, tx);
        // A report's id is its original's SHA-256: the bytes and their recorded outcomes go too, so the same files upload afresh next run.
        foreach (var id in ids)
            foreach (var (table, column) in new[] { ("reports", "id"), ("originals", "sha256"), ("inputs", "sha256"), ("import_inputs", "sha256") })
                Dapper.SqlMapper.Execute(store.Connection, $"DELETE FROM {table} WHERE {column} = @id", new { id }, tx);
        tx.Commit();
    }

    private sealed record Phase(string Name, int Requests, int Failed, double Seconds, double[] Latencies, double CpuSeconds)
    {
        public double P(double q) => Latencies.Length == 0 ? double.NaN : Latencies[Math.Min(Latencies.Length - 1, (int)Math.Ceiling(q * Latencies.Length) - 1)];
        public double P95 => P(0.95);

        public string Row() => string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {Requests} | {Failed} | {Requests / Seconds:0.0}/s | {P(0.50):0} ms | {P(0.95):0} ms | {P(0.99):0} ms | {(Latencies.Length == 0 ? 0 : Latencies[^1]):0} ms | {CpuSeconds * 1000 / Math.Max(1, Requests):0} ms |");
    }

    /// <summary>Sends <paramref name="count"/> requests with <paramref name="concurrency"/> in flight, each timed from send to the end of its body.</summary>
    private static async Task<Phase> Measure(string name, int count, int concurrency, TimeSpan limit, Func<int, Task<bool>> request, CancellationToken cancel, TimeSpan pause = default)
    {
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        async Task Worker()
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < count && clock.Elapsed < limit && !cancel.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                var ok = await request(k);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref failed);
                if (pause > TimeSpan.Zero) await Task.Delay(pause, cancel);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, cancel)));
        var sorted = latencies.Order().ToArray();
        // CPU time of the whole process (server and client) per request: on a shared machine the wall clock mostly measures waiting.
        return new Phase(name, sorted.Length, failed, clock.Elapsed.TotalSeconds, sorted, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private const int MixedReadPauseMs = 250;

    private static async Task<Phase[]> Mixed(int uploads, int reads, int concurrency, TimeSpan limit, Func<int, Task<bool>> upload, Func<int, Task<bool>> read, CancellationToken cancel)
    {
        var writers = Math.Max(1, concurrency / 2);
        var readers = Math.Max(1, concurrency - writers);
        var both = await Task.WhenAll(
            Measure("mixed: upload", uploads, writers, limit, upload, cancel),
            // Readers pause between reads (someone looking at the dashboard while reports arrive): the reads spread
            // over the uploads instead of all being answered, from one cached summary, before the first upload is stored.
            Measure("mixed: summary", reads, readers, limit, read, cancel, TimeSpan.FromMilliseconds(MixedReadPauseMs)));
        return both;
    }

    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
