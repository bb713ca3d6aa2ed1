using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Nianbao.Domain;
using Nianbao.Pipeline;

namespace Nianbao.Archive.Import;

/// <summary>The outcome of one import: what happened to each input, in input order.</summary>
public sealed record ImportSummary(string ImportId, IReadOnlyList<InputResult> Results)
{
    public int Count(InputOutcome outcome) => Results.Count(r => r.Outcome == outcome);
}

public sealed record ImportOptions
{
    /// <summary>Inputs read ahead of the writer; bounds memory whatever the size of the batch.</summary>
    public int Window { get; init; } = 64;
    public ZipLimits Zip { get; init; } = ZipLimits.Default;
    /// <summary>Called once per input as it is recorded (for a progress bar).</summary>
    public Action<InputResult>? OnResult { get; init; }
    /// <summary>
    /// Asked once per report read, before anything of it is stored (inside its transaction): null admits
    /// it, else the reason it is refused (outcome <see cref="InputOutcome.Refused"/>, nothing stored).
    /// The server uses it so an author stores only its own agency's reports.
    /// </summary>
    public Func<Report, System.Data.IDbTransaction, string?>? Admit { get; init; }
    /// <summary>
    /// Look each input's hash up in the archive instead of loading every stored hash first: for a few
    /// files into a big archive (a web upload), one indexed query each beats reading 10,000 hashes.
    /// </summary>
    public bool LookUpEachHash { get; init; }
    /// <summary>
    /// Every how many windows the checks across years of the agency-years stored meanwhile are computed (and at
    /// the end of the run): a reader between windows may see them lag behind by up to this many windows.
    /// </summary>
    public int CrossCheckWindows { get; init; } = 64;
    /// <summary>
    /// Windows read ahead of the one being written. With one, the parse workers stopped whenever they had read the
    /// next window before the writer was done, and the writer waited whenever they had not: two keep both cores
    /// busier (5,000 reports: 1,151–1,172 → 1,236–1,251 reports/s; three no better; docs/performance.md, session 8).
    /// </summary>
    public int ReadAhead { get; init; } = 2;
}

/// <summary>
/// <c>nianbao import</c>: reads inputs in parallel through the pipeline and stores them one window
/// of inputs per transaction, in input order. Kill-safe: every report, its cells, findings and its input's
/// outcome commit together with the rest of its window, and inputs whose bytes are already stored are not stored again — so
/// a run killed at any moment and run again ends with the same archive as an uninterrupted run.
/// </summary>
public sealed class ArchiveImporter(ArchiveStore store, ReportPipeline pipeline)
{
    /// <summary>The reader recorded with each version (the pipeline's own name and version).</summary>
    public static string ReaderVersion => ReportPipeline.Version;

    private sealed record Read(ImportInput Input, string Sha256, byte[]? Bytes, Report? Report, string? Problem, bool Known, bool NotAReport = false)
    {
        /// <summary>The report's rows, made on the parse workers.</summary>
        public PreparedReport? Prepared { get; init; }
    }

    public ImportSummary Run(IEnumerable<string> paths, ImportOptions? options = null) =>
        Run(InputExpander.Expand(paths, (options ?? new ImportOptions()).Zip), string.Join(' ', paths), options);


    public ImportSummary Run(IEnumerable<ImportInput> inputs, string arguments, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        var importId = Guid.NewGuid().ToString("N");
        var db = store.Connection;
        db.Execute("INSERT INTO imports (id, started_at, finished_at, arguments, reader) VALUES (@importId, @now, NULL, @arguments, @reader)",
            new { importId, now = Now(), arguments, reader = ReaderVersion });
        var known = new ConcurrentDictionary<string, bool>(options.LookUpEachHash ? [] : store.OriginalHashes().Select(h => KeyValuePair.Create(h, true)), StringComparer.Ordinal);
        var results = new List<InputResult>();
        var run = new ImportRunState(store) { CrossCheckWindows = Math.Max(1, options.CrossCheckWindows) };

        // Read the next windows in parallel while window k is written: the writer is one thread, in input order.
        var pending = new Queue<Task<Read[]>>();
        var readAhead = Math.Max(1, options.ReadAhead);
        foreach (var window in inputs.Chunk(Math.Max(1, options.Window)))
        {
            // Zip entries were read as the window was taken (InputExpander: one thread, while their archive is
            // open); a file's bytes and every input's SHA-256 are read on the parse workers, in parallel, so the
            // writer thread — the import's bottleneck — only writes. Looking each hash up in the archive needs
            // the connection, which the writer does not share: then they are loaded here, on this thread.
            Read[]? loaded = null;
            if (options.LookUpEachHash)
            {
                loaded = window.Select(Load).ToArray();
                foreach (var read in loaded)
                    if (read.Bytes is not null && store.HasOriginal(read.Sha256)) known[read.Sha256] = true;
            }
            var next = Task.Run(() => ParseAsync(window, loaded, known, run));
            pending.Enqueue(next);
            if (pending.Count > readAhead)
            {
                var waited = WriterTimes.Start();
                var parsed = pending.Dequeue().Result;
                WriterTimes.Add("(waiting for the parse workers)", waited);
                Write(parsed, importId, known, results, options, run);
            }
        }
        while (pending.Count > 0) Write(pending.Dequeue().Result, importId, known, results, options, run);

        // The checks across years still pending (this run's last windows, or what a killed run left), before the
        // region checks: those read the cell vectors, which cells settled by a neighbouring year change.
        var crossStarted = WriterTimes.Start();
        using (var tx = store.BeginTransaction())
        {
            CrossReportChecks.CatchUp(store, tx, run.Digests);
            tx.Commit();
        }
        WriterTimes.Add("checks across years", crossStarted);

        // A region's summary against its agencies needs them all: compared once the run has stored its inputs,
        // for every year an input of this run is (also the ones an interrupted run stored before).
        var regionStarted = WriterTimes.Start();
        RefreshRegionChecks(results);
        WriterTimes.Add("region checks (end of run)", regionStarted);
        db.Execute("UPDATE imports SET finished_at = @now WHERE id = @importId", new { importId, now = Now() });
        return new ImportSummary(importId, results);
    }

    private void RefreshRegionChecks(List<InputResult> results)
    {
        var ids = results.Where(r => r.ReportId is not null).Select(r => r.ReportId!).Distinct().ToList();
        var years = new SortedSet<int>();
        foreach (var chunk in ids.Chunk(500))
        {
            var args = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++) args.Add($"id{i}", chunk[i]);
            foreach (var y in store.Connection.Query<int?>($"SELECT DISTINCT year FROM reports WHERE id IN ({string.Join(", ", chunk.Select((_, i) => $"@id{i}"))})", args))
                if (y is { } year) years.Add(year);
        }
        if (years.Count > 0) new RegionChecks(store).Refresh(years);
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static Read Load(ImportInput input)
    {
        if (input.IsSkipped) return new Read(input, "", null, null, input.Problem, false, NotAReport: true);
        if (input.Problem is not null || input.Load is null) return new Read(input, "", null, null, input.Problem ?? $"{input.Name}: cannot be read.", false);
        try
        {
            var bytes = input.Load();
            return new Read(input, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes, null, null, false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var message = ex.Message.StartsWith(input.Name, StringComparison.Ordinal) ? ex.Message : $"{input.Name}: 无法读取 cannot be read ({ex.Message}).";
            return new Read(input, "", null, null, message, false);
        }
    }

    /// <summary>
    /// Reads a window on the parse workers: each input's file and SHA-256, its report through the pipeline (isolated and
    /// within its time limit), its placement and its rows, one input after the other on whichever worker takes it. No
    /// thread waits inside a window: with a step at a time over the whole window (files, then reports, then rows) and a
    /// thread blocked on each step's outcomes, a fifth of the import's CPU went to threads spinning while they waited
    /// (docs/performance.md, session 9). The writer waits once, for the whole window.
    /// </summary>
    private async Task<Read[]> ParseAsync(ImportInput[] window, Read[]? loaded, ConcurrentDictionary<string, bool> known, ImportRunState run)
    {
        var parsed = new Read[window.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, window.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, pipeline.Options.MaxParallelism) },
            async (i, _) =>
            {
                var read = loaded?[i];
                if (read is null)
                {
                    var started = WriterTimes.Start();
                    read = Load(window[i]);
                    WriterTimes.Add(WriterTimes.Workers + "file + SHA-256", started);
                }
                parsed[i] = await ParseOneAsync(read, known, run).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return parsed;
    }

    private async Task<Read> ParseOneAsync(Read loaded, ConcurrentDictionary<string, bool> known, ImportRunState run)
    {
        if (loaded.Bytes is null) return loaded;
        if (known.ContainsKey(loaded.Sha256)) return loaded with { Known = true };
        var name = loaded.Input.Name;
        var outcome = await pipeline.ReadOneAsync(PipelineInput.FromBytes(Path.GetFileName(name), loaded.Bytes)).ConfigureAwait(false);
        if (outcome.Kind == OutcomeKind.NotAReport) return loaded with { NotAReport = true, Problem = WithName(name, outcome.Reason ?? "") };
        if (outcome.Kind != OutcomeKind.Report || outcome.Report is not { } report) return loaded with { Problem = WithName(name, outcome.Reason ?? "cannot be read") };
        // The placement of a name not yet known to be placed, and the report's rows, are made here so the writer
        // thread only writes (the writer places again what is missing). Placements are reused for the same name and
        // mentions in the text (PlacementMemo: the same result).
        var started = WriterTimes.Start();
        var placement = report.Agency is { Length: > 0 } printed && AgencyNames.Normalize(printed) is { Length: > 0 } agency && !run.Names.Contains(agency)
            ? run.Placements.Place(printed, AgencyRegistry.ReportText(report))
            : null;
        WriterTimes.Add(WriterTimes.Workers + "placement", started);
        started = WriterTimes.Start();
        var prepared = PreparedReport.Of(loaded.Sha256, report, store.Provider, placement);
        WriterTimes.Add(WriterTimes.Workers + "rows, record JSON, vector (PreparedReport)", started);
        return loaded with { Report = report, Prepared = prepared };
    }

    // The pipeline names the input by its file name; inside a folder or an archive the user needs the whole path.
    private static string WithName(string name, string message)
    {
        var file = Path.GetFileName(name);
        if (message.StartsWith(name, StringComparison.Ordinal)) return message;
        if (message.StartsWith(file + ":", StringComparison.Ordinal)) return name + message[file.Length..];
        return $"{name}: {message}";
    }

    /// <summary>
    /// Stores a window of inputs in one transaction, in input order: a commit per report cost half the
    /// writer's time (docs/performance.md). Killed mid-window, the whole window is rolled back, so the
    /// archive still holds a prefix of the inputs, each whole.
    /// </summary>
    private void Write(Read[] batch, string importId, ConcurrentDictionary<string, bool> known, List<InputResult> results, ImportOptions options, ImportRunState run)
    {
        var written = new List<InputResult>(batch.Length);
        // Bytes stored earlier in this window (not yet committed): a second copy is already present.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var tx = store.BeginTransaction())
        {
            var writer = new WindowWriter(store, tx, run);
            foreach (var item in batch)
            {
                var result = WriteOne(item, known, stored, tx, options.Admit, writer);
                writer.Record(result, importId);
                if (result.Outcome is InputOutcome.Imported or InputOutcome.ImportedWithFindings) stored.Add(item.Sha256);
                written.Add(result);
            }
            writer.Finish();
            var started = WriterTimes.Start();
            tx.Commit();
            WriterTimes.Add("commit", started);
        }
        // Stored: the records' and cells' arrays go back to their pool for the next windows (Utf8Text). After a
        // failure they are not given back (the collector takes them): nothing may still be reading them then.
        foreach (var item in batch) item.Prepared?.Return();
        foreach (var sha in stored) known[sha] = true;
        foreach (var result in written)
        {
            results.Add(result);
            options.OnResult?.Invoke(result);
        }
    }

    private static InputResult WriteOne(Read item, ConcurrentDictionary<string, bool> known, HashSet<string> stored, System.Data.Common.DbTransaction tx,
        Func<Report, System.Data.IDbTransaction, string?>? admit, WindowWriter writer)
    {
        var name = item.Input.Name;
        if (item.NotAReport)
            return new InputResult(name, item.Sha256, InputOutcome.NotAReport, item.Problem, null);
        if (item.Bytes is null || item.Problem is not null || (item.Report is null && !item.Known))
            return new InputResult(name, item.Sha256, InputOutcome.Failed, item.Problem ?? $"{name}: cannot be read.", null);
        if (item.Known || known.ContainsKey(item.Sha256) || stored.Contains(item.Sha256))
            return new InputResult(name, item.Sha256, InputOutcome.AlreadyPresent, "相同文件已在档案中 the same bytes are already in the archive", item.Sha256);
        if (item.Report is not { } report || item.Prepared is not { } prepared)
            throw new InvalidOperationException("unreachable: a read input has a report");
        if (admit is not null)
        {
            // The admission reads the archive: what this window stored before must be there.
            writer.WriteRows();
            if (admit(report, tx) is { } refusal)
                return new InputResult(name, item.Sha256, InputOutcome.Refused, WithName(name, refusal), null);
        }
        var id = writer.Store(prepared, Path.GetFileName(name), item.Bytes, report.ReadBy ?? ReaderVersion);
        var outcome = report.Findings.Count > 0 ? InputOutcome.ImportedWithFindings : InputOutcome.Imported;
        return new InputResult(name, item.Sha256, outcome, null, id);
    }
}
