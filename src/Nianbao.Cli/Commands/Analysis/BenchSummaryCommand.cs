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
        var command = new Command("summary", "计时 Time a province-size summary over a generated archive (docs/performance.md).") { reports, runs };
        command.SetAction(r => Run(r.GetValue(reports), r.GetValue(runs)));
        return command;
    }

    private const string Syllables = "东西南北青白黄红金石林山河湖桥水田阳安平清长高永新和兴龙凤宝丰德顺福康泰华明光";

    /// <summary>A township name of Chinese characters only (agency names with digits are not read as names).</summary>
    private static string NameOf(int i)
    {
        var n = Syllables.Length;
        return $"{Syllables[i % n]}{Syllables[i / n % n]}{Syllables[i / n / n % n]}乡人民政府";
    }

    private static int Run(int count, int runs)
    {
        var folder = Directory.CreateTempSubdirectory("nianbao-bench-summary-").FullName;
        try
        {
            var numbers = Enumerable.Range(0, count).ToDictionary(NameOf);
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
            var db = Path.Combine(folder, "bench.db");
            var import = Stopwatch.StartNew();
            using (var store = ArchiveStore.Open(db))
            {
                new ArchiveImporter(store, ReportPipeline.Default).Run([files]);
                import.Stop();
                foreach (var agency in store.Agencies())
                {
                    if (!numbers.TryGetValue(agency.Name, out var n)) continue;
                    // 41 (a province), 100 counties, townships under them.
                    var code = $"41{1 + n % 17:D2}{1 + n % 20:D2}{100 + n / 340:D3}000";
                    store.SetPlacement(agency.Id, new Placement(PlacementStatuses.Placed, code, "township", "township", null, null), pinned: true);
                }
            }
            using (var store = ArchiveStore.Open(db))
                Console.Out.WriteLine($"{store.CountReports()} reports imported into SQLite in {import.Elapsed.TotalSeconds:0.0} s (setup, not the measure); "
                    + $"{store.Agencies().Count(a => a.RegionCode is not null)} agencies placed; years {string.Join(",", store.ListReports().Select(r => r.Year).Distinct())}");
            var times = new List<double>();
            var opens = new List<double>();
            var cpu = new List<double>();
            var reportsSummed = 0;
            for (var run = 0; run < runs; run++)
            {
                var opening = Stopwatch.StartNew();
                using var store = ArchiveStore.Open(db);
                opens.Add(opening.Elapsed.TotalMilliseconds);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var source = new ArchiveReports(store);
                var builder = new SummaryBuilder(new SummaryOptions { ScopeRegionCode = "410000000000", Years = [2024] });
                foreach (var r in source.Read(new ReportFilter { Region = "410000000000", Year = 2024 })) builder.Add(new AgencyReport(r.Agency, r.Report));
                var summary = builder.Build(source.Expected("410000000000"));
                var json = SummaryJson.Serialize(summary);
                watch.Stop();
                times.Add(watch.Elapsed.TotalMilliseconds);
                // CPU time too: on a shared, oversubscribed machine the wall clock mostly measures waiting.
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                reportsSummed = summary.Total.Reports;
                if (json.Length == 0) throw new InvalidOperationException("empty summary");
            }
            // Where the time goes: the database's cells alone, then the reports built from them.
            double Cpu(Action action)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                action();
                return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
            }
            using (var store = ArchiveStore.Open(db))
            {
                var filter = new ReportFilter { Region = "410000000000", Year = 2024 };
                var cellsOnly = Enumerable.Range(0, 3).Select(_ => Cpu(() => store.Cells(filter).Count())).Min();
                var reportsOnly = Enumerable.Range(0, 3).Select(_ => Cpu(() => new ArchiveReports(store).Read(filter).Count())).Min();
                Console.Out.WriteLine($"CPU: reading the cells {cellsOnly:0} ms, building the reports from them {reportsOnly - cellsOnly:0} ms, summing and the JSON {cpu.Min() - reportsOnly:0} ms (best runs)");
            }
            times.Sort();
            opens.Sort();
            cpu.Sort();
            Console.Out.WriteLine($"province summary of {reportsSummed} reports: median {times[times.Count / 2]:0} ms, best {times[0]:0} ms over {runs} runs (target < 200 ms); "
                + $"CPU time median {cpu[cpu.Count / 2]:0} ms, best {cpu[0]:0} ms; opening the archive (schema check) besides: median {opens[opens.Count / 2]:0} ms");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
