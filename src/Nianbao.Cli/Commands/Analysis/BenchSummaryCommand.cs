using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

using Nianbao.Queries;

namespace Nianbao.Cli.Commands.Analysis;

/// <summary>
/// <c>nianbao bench summary [--reports N]</c>: imports N generated reports of one year, placed in the
/// counties and townships of one province, into a fresh SQLite archive, then times the province's
/// summary (read from the archive, summed, metrics, JSON) as <c>summary --json</c> does it.
/// </summary>
internal static class BenchSummaryCommand
{
    public static Command Create()
    {
        var reports = new Option<int>("--reports") { Description = "How many reports the province has.", DefaultValueFactory = _ => 2000 };
        var runs = new Option<int>("--runs") { Description = "How many times the summary is timed.", DefaultValueFactory = _ => 7 };
        var keep = new Option<string?>("--keep") { Description = "Keep the generated archive in this folder and reuse it when it is already there (the setup takes minutes)." };
        var command = new Command("summary", "计时 Time a province-size summary over a generated archive (docs/performance.md).") { reports, runs, keep };
        command.SetAction(r => Run(r.GetValue(reports), r.GetValue(runs), r.GetValue(keep)));
        return command;
    }

    private const string Syllables = "东西南北青白黄红金石林山河湖桥水田阳安平清长高永新和兴龙凤宝丰德顺福康泰华明光";

    /// <summary>A township name of Chinese characters only (agency names with digits are not read as names).</summary>
    private static string NameOf(int i)
    {
        var n = Syllables.Length;
        return $"{Syllables[i % n]}{Syllables[i / n % n]}{Syllables[i / n / n % n]}乡人民政府";
    }

    private static int Run(int count, int runs, string? keep)
    {
        var folder = keep is null ? Directory.CreateTempSubdirectory("nianbao-bench-summary-").FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            var db = Path.Combine(folder, "bench.db");
            if (keep is null || !File.Exists(db)) Generate(folder, db, count);
            Place(db, count);
            using (var store = ArchiveStore.Open(db))
            {
                count = store.CountReports();
                Console.Out.WriteLine($"{count} reports in the archive; {store.Agencies().Count(a => a.RegionCode is not null)} agencies placed; years {string.Join(",", store.ListReports().Select(r => r.Year).Distinct())}");
            }
            return Measure(db, count, runs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (keep is null) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static void Generate(string folder, string db, int count)
    {
        var files = Path.Combine(folder, "reports");
        Directory.CreateDirectory(files);
        for (var i = 0; i < count; i++)
        {
            var g = ReportGenerator.Generate(new GenerationSpec(i, ReportTemplate.Format2021, i % 3 == 0 ? NumberScale.Mixed : NumberScale.Small, false));
            var generatedYear = g.Truth.Year!.Value;
            g = ReportGenerator.Rebuild(g, d =>
            {
                d.Agency = NameOf(i);
                d.Year = 2024;
                var sections = d.Sections.Select(s => s with { Text = s.Text.Replace($"{generatedYear}年", "2024年", StringComparison.Ordinal) }).ToList();
                d.Sections.Clear();
                d.Sections.AddRange(sections);
            }, keepAlterations: false);
            File.WriteAllBytes(Path.Combine(files, $"{i:D5}.txt"), TextShapes.Render(g, TextShape.Tabs, i).Bytes);
        }
        var import = Stopwatch.StartNew();
        using (var store = ArchiveStore.Open(db))
        {
            new ArchiveImporter(store, ReportPipeline.Default).Run([files]);
            import.Stop();
        }
        Console.Out.WriteLine($"{count} generated reports imported into SQLite in {import.Elapsed.TotalSeconds:0.0} s (setup, not the measure)");
    }

    /// <summary>Places the generated townships in one province (pinned), those not placed yet: a kept archive may have been interrupted here.</summary>
    private static void Place(string db, int count)
    {
        var numbers = Enumerable.Range(0, Math.Max(count, 1)).ToDictionary(NameOf);
        using var store = ArchiveStore.Open(db);
        foreach (var agency in store.Agencies())
        {
            if (agency.Pinned || !numbers.TryGetValue(agency.Name, out var n)) continue;
            // 41 (a province), 100 counties, townships under them.
            var code = $"41{1 + n % 17:D2}{1 + n % 20:D2}{100 + n / 340:D3}000";
            store.SetPlacement(agency.Id, new Placement(PlacementStatuses.Placed, code, "township", "township", null, null), pinned: true);
        }
    }

    private static int Measure(string db, int count, int runs)
    {
        // The summary as the command makes it (one cell vector a report), against the baseline of reading every
        // cell into reports and summing them in memory: taken in turn (A B A B …), same archive, same JSON.
        var scope = "410000000000";
        var filter = new ReportFilter { Region = scope, Year = 2024 };
        var options = new SummaryOptions { ScopeRegionCode = scope, Years = [2024] };
        string Summed(ArchiveStore store)
        {
            var source = new ArchiveReports(store);
            return SummaryJson.Serialize(ArchiveSummary.Build(store, source, options, filter, null, source.Expected(scope)));
        }
        string Baseline(ArchiveStore store)
        {
            var source = new ArchiveReports(store);
            var builder = new SummaryBuilder(options);
            foreach (var r in source.Read(filter)) builder.Add(new AgencyReport(r.Agency, r.Report));
            return SummaryJson.Serialize(builder.Build(source.Expected(scope)));
        }
        var measured = new Dictionary<string, (List<double> Wall, List<double> Cpu)> { ["cell vectors"] = ([], []), ["baseline: every cell read"] = ([], []) };
        string? first = null;
        var identical = true;
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, summarize) in new (string, Func<ArchiveStore, string>)[] { ("cell vectors", Summed), ("baseline: every cell read", Baseline) })
            {
                using var store = ArchiveStore.Open(db);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var json = summarize(store);
                watch.Stop();
                // CPU time too: on a shared, oversubscribed machine the wall clock mostly measures waiting.
                measured[name].Wall.Add(watch.Elapsed.TotalMilliseconds);
                measured[name].Cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                first ??= json;
                identical &= json == first;
            }
        }
        static double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
        foreach (var (name, (wall, cpuTimes)) in measured)
            Console.Out.WriteLine($"{name,-28} wall median {Median(wall),7:0} ms, best {wall.Min(),7:0} ms; CPU median {Median(cpuTimes),7:0} ms, best {cpuTimes.Min(),7:0} ms  ({runs} runs)");
        var (w, c) = measured["cell vectors"];
        var (bw, bc) = measured["baseline: every cell read"];
        Console.Out.WriteLine($"province summary of {count} reports: {Median(w):0} ms wall, {Median(c):0} ms CPU (target < 200 ms); baseline / cell vectors: "
            + $"wall {Median(bw) / Median(w):0.0}x, CPU {Median(bc) / Math.Max(1, Median(c)):0.0}x; JSON of both {(identical ? "identical" : "DIFFERENT")}");
        return identical ? 0 : 1;
    }
}
