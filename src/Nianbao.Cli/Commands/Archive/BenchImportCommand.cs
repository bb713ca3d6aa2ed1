using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;
using Nianbao.Synthetic;
using Npgsql;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Archive;

/// <summary>
/// <c>nianbao bench import</c>: imports N generated report files into a fresh SQLite archive and a
/// fresh PostgreSQL database, against two references measured in the same run on the same files: parsing
/// them without storing anything (same pipeline, same parallelism, same windows), and parsing them to
/// their lossless records as <c>nianbao parse DIR --json</c> does (the records written to nowhere). Every
/// store phase is given as a ratio to both, so a target is stated against the reference it is met for.
/// </summary>
internal static class BenchImportCommand
{
    public static Command Create()
    {
        var reports = new Option<int>("--reports") { Description = "How many generated report files to import.", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated reports.", DefaultValueFactory = _ => 2024 };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL server (connection string) where a scratch database may be created and dropped; default NIANBAO_TEST_PG; none: SQLite only." };
        var command = new Command("import", "Import speed (reports/s) and peak memory into SQLite and PostgreSQL, as a ratio to parsing the same files (nothing stored, and to records as parse --json).") { reports, seed, postgres };
        command.SetAction(r => Run(r.GetValue(reports), r.GetValue(seed), r.GetValue(postgres) ?? Environment.GetEnvironmentVariable("NIANBAO_TEST_PG")));
        return command;
    }

    private sealed record Phase(string Name, int Items, double Wall, double Cpu, long PeakWorkingSet, long PeakHeap, IReadOnlyList<(string Phase, double Seconds)> Writer,
        IReadOnlyList<(string Phase, double Seconds)> WriterCpu)
    {
        /// <summary>Garbage collections of each generation during the phase, and the bytes it allocated.</summary>
        public (int Gen0, int Gen1, int Gen2, long Allocated, double PauseSeconds) Gc { get; init; }
    }

    private static int Run(int count, int seed, string? postgres)
    {
        var folder = Directory.CreateTempSubdirectory("nianbao-bench-import-");
        try
        {
            AnsiConsole.MarkupLine($"Writing {count} generated report files (seed {seed}) to {folder.FullName} …");
            var n = 0;
            foreach (var (name, bytes) in CorpusFactory.Generate(count, seed))
            {
                // Up to 1,000 files per folder, like an archive of real downloads.
                var dir = Path.Combine(folder.FullName, "in", (n++ / 1000).ToString("D3", CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, name), bytes);
            }
            var input = Path.Combine(folder.FullName, "in");
            var pipeline = ReportPipeline.Default;
            // Not counted: the first phase would otherwise pay for compiling the reader (tiered JIT) and for the
            // collector sizing its heaps, and the second would not, and the two references would differ by that
            // alone. 500 files were not enough: the reference measured first still took ≈ 0.5 s more CPU for
            // 5,000 files whichever it was (docs/performance.md, session 8), so each reference runs once on up to
            // 2,000 files first.
            var warmUp = Math.Min(count, 2000);
            AnsiConsole.MarkupLine($"warm-up (not counted): parsing the first {warmUp} files, to records and not …");
            ParseToRecords(input, pipeline, limit: warmUp);
            ParseOnly(input, pipeline, limit: warmUp);
            var phases = new List<Phase>
            {
                Measure("parse only (read files + pipeline, nothing stored)", () => ParseOnly(input, pipeline)),
                Measure("parse to records (as parse DIR --json, written to nowhere)", () => ParseToRecords(input, pipeline)),
            };
            var sqlite = ArchiveLocation.Parse(Path.Combine(folder.FullName, "bench.db"));
            phases.Add(Measure("import into SQLite", () => Import(sqlite, input, pipeline)));
            if (postgres is { Length: > 0 })
            {
                var database = "nianbao_bench_" + Guid.NewGuid().ToString("N")[..12];
                using (var admin = new NpgsqlConnection(postgres)) { admin.Open(); admin.Execute($"CREATE DATABASE {database}"); }
                try
                {
                    var location = ArchiveLocation.Parse(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString);
                    ServerCpu = null;
                    phases.Add(Measure("import into PostgreSQL", () => Import(location, input, pipeline)));
                    AnsiConsole.MarkupLine(ServerCpu is { } server
                        ? $"PostgreSQL server process: {server:F1} CPU s besides the importer's (the phase's CPU with it: {phases[^1].Cpu + server:F1} s)"
                        : "PostgreSQL server process CPU: not measured (server not on this machine)");
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    using var admin = new NpgsqlConnection(postgres);
                    admin.Open();
                    admin.Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                }
            }
            else AnsiConsole.MarkupLine("[yellow]no PostgreSQL server given (--postgres or NIANBAO_TEST_PG): SQLite only[/]");

            var (parse, records) = (phases[0], phases[1]);
            var table = new Table().Border(TableBorder.Rounded).Title($"nianbao bench import: {count} reports, {Environment.ProcessorCount} cores");
            table.AddColumns("phase", "inputs", "wall s", "reports/s (wall)", "CPU s", "× parse (wall)", "× parse (CPU)", "× records (wall)", "× records (CPU)",
                "peak working set", "peak managed heap");
            foreach (var p in phases)
                table.AddRow(p.Name, $"{p.Items}", $"{p.Wall:F1}", $"{p.Items / p.Wall:N0}", $"{p.Cpu:F1}", $"{p.Wall / parse.Wall:F2}", $"{p.Cpu / parse.Cpu:F2}",
                    $"{p.Wall / records.Wall:F2}", $"{p.Cpu / records.Cpu:F2}", Mb(p.PeakWorkingSet), Mb(p.PeakHeap));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("× parse: against parsing only (nothing stored, no record written); × records: against parsing to the lossless records as `nianbao parse DIR --json` does.");
            // The collector's share: what each phase allocated per report and how often it collected.
            foreach (var p in phases)
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Name}, garbage collector: gen0 {p.Gc.Gen0}, gen1 {p.Gc.Gen1}, gen2 {p.Gc.Gen2} collections, paused {p.Gc.PauseSeconds:F2} s, allocated {p.Gc.Allocated / 1048576.0:N0} MB ({p.Gc.Allocated / 1024.0 / Math.Max(1, p.Items):N0} KB a report)")));
            static bool OnWorkers((string Phase, double Seconds) w) => w.Phase.StartsWith(WriterTimes.Workers, StringComparison.Ordinal);
            static string List(IEnumerable<(string Phase, double Seconds)> times) =>
                string.Join(", ", times.Select(w => $"{(OnWorkers(w) ? w.Phase[WriterTimes.Workers.Length..] : w.Phase)} {w.Seconds:F2}"));
            foreach (var p in phases.Where(p => p.Writer.Count > 0))
            {
                AnsiConsole.MarkupLine(Markup.Escape($"{p.Name}, writer thread (elapsed s): {List(p.Writer.Where(w => !OnWorkers(w)))}"));
                if (p.WriterCpu.Count > 0)
                {
                    AnsiConsole.MarkupLine(Markup.Escape($"{p.Name}, writer thread (CPU s): {List(p.WriterCpu.Where(w => !OnWorkers(w)))}"));
                    // The import's own work on the parse workers (beyond the pipeline), summed over the threads.
                    AnsiConsole.MarkupLine(Markup.Escape($"{p.Name}, parse workers beyond parsing (thread CPU s, all workers): {List(p.WriterCpu.Where(OnWorkers))}"));
                }
            }
            AnsiConsole.MarkupLine($"load average: {Markup.Escape(LoadAverage())}");
            return 0;
        }
        finally
        {
            // The SQLite archive's pooled connection closes first: closed after its folder was deleted, it left an empty database file behind.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static int ParseOnly(string input, ReportPipeline pipeline, int limit = int.MaxValue)
    {
        var items = 0;
        foreach (var window in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(limit).Chunk(new ImportOptions().Window))
        {
            // Each file is read on the worker that parses it, as the import reads its files on the parse workers:
            // read here, one after another, the workers would wait for them and the reference would be slower than it is.
            var inputs = window.Select(PipelineInput.FromFile).ToList();
            items += pipeline.ReadAll(inputs).Count;
        }
        return items;
    }

    /// <summary>
    /// What <c>nianbao parse DIR --json</c> does with the files, its output thrown away: the pipeline reads
    /// them in parallel, in order, and each report's lossless record is written (compact, one a line, in an
    /// array) as soon as it and every file before it are read.
    /// </summary>
    private static int ParseToRecords(string input, ReportPipeline pipeline, int limit = int.MaxValue)
    {
        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(limit).ToList();
        var items = 0;
        var wroteOne = false;
        using var output = new BufferedStream(Stream.Null, 1 << 16);
        using var writer = ReportJson.CreateWriter(output, indented: false);
        output.WriteByte((byte)'[');
        foreach (var o in pipeline.ReadMany(files.Select(PipelineInput.FromFile).ToList(), inOrder: true))
        {
            items++;
            if (o.Report is null) continue;
            output.Write(wroteOne ? ",\n"u8 : "\n"u8);
            wroteOne = true;
            writer.Reset(output);
            ReportJson.Write(writer, o.Report);
            writer.Flush();
        }
        output.Write("\n]\n"u8);
        return items;
    }

    private static int Import(ArchiveLocation location, string input, ReportPipeline pipeline)
    {
        using var store = ArchiveStore.Open(location);
        // PostgreSQL works in a server process of its own: its CPU is not the importer's, so it is read
        // from the server's process (when the server runs on this machine) and printed beside it.
        var backend = location.Provider == ArchiveProvider.Postgres ? store.Connection.ExecuteScalar<int>("SELECT pg_backend_pid()") : 0;
        var before = ProcessCpu(backend);
        // As `nianbao import` runs (blocking collections), then back to the process's mode for the next phase.
        var mode = System.Runtime.GCSettings.LatencyMode;
        BatchImport.UseBatchCollector();
        var summary = new ArchiveImporter(store, pipeline).Run([input]);
        System.Runtime.GCSettings.LatencyMode = mode;
        if (backend != 0 && before is { } b && ProcessCpu(backend) is { } after)
            ServerCpu = after - b;
        return summary.Results.Count;
    }

    /// <summary>CPU seconds of the PostgreSQL server process that served the last import (null: not measured).</summary>
    private static double? ServerCpu;

    private static double? ProcessCpu(int pid)
    {
        if (pid == 0) return null;
        try
        {
            // /proc/PID/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static Phase Measure(string name, Func<int> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        long peakSet = 0, peakHeap = 0;
        using var sampler = new Timer(_ =>
        {
            process.Refresh();
            peakSet = Math.Max(peakSet, process.WorkingSet64);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        }, null, 0, 100);
        WriterTimes.Enabled = true;
        WriterTimes.Reset();
        var (gen0, gen1, gen2, allocated, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        AnsiConsole.MarkupLine($"{Markup.Escape(name)} …");
        var items = work();
        wall.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        peakSet = Math.Max(peakSet, process.WorkingSet64);
        return new Phase(name, items, wall.Elapsed.TotalSeconds, cpuSeconds, peakSet, peakHeap, WriterTimes.Snapshot(), WriterTimes.CpuSnapshot())
        {
            Gc = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalAllocatedBytes() - allocated,
                (GC.GetTotalPauseDuration() - paused).TotalSeconds),
        };
    }

    // The machine may be shared: the load says how much the wall clock measured the queue for a core.
    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Trim(); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F0} MB";
}
