using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Nianbao.Checks;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Documents.Inputs;
using Nianbao.Documents.Office;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using Nianbao.Recognition;

namespace Nianbao.Pipeline;

/// <summary>
/// The whole one-way flow as one object: bytes → format reader → document → recognizers → report →
/// checks, for one input or a batch; re-checking a record; pairing reports across years; a blank
/// report to fill in. Built once from its readers, checks and options; immutable and thread-safe, so
/// one instance serves a whole batch, a command line or a server. Each input is isolated: whatever
/// one input does (throws, takes too long), the others are read as if it were not there.
/// </summary>
public sealed class ReportPipeline
{
    public ReportPipeline(PipelineOptions? options = null, DocumentReaders? readers = null, IReadOnlyList<IReportCheck>? checks = null)
    {
        Options = options ?? PipelineOptions.Default;
        Readers = readers ?? (Options.LibreOfficePath is null && Options.ToolTimeout == PipelineOptions.Default.ToolTimeout
            ? DocumentReaders.Default
            : DocumentReaders.With(new LibreOfficeConverter(Options.LibreOfficePath, Options.ToolTimeout)));
        Checks = checks ?? ReportChecks.All;
    }

    /// <summary>The default readers and checks with default options.</summary>
    public static ReportPipeline Default { get; } = new();

    public PipelineOptions Options { get; }
    public DocumentReaders Readers { get; }
    public IReadOnlyList<IReportCheck> Checks { get; }

    /// <summary>"nianbao" and the version of this build, as recorded in a report's <see cref="Report.ReadBy"/>.</summary>
    public static string Version { get; } = "nianbao " + (typeof(ReportPipeline).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    // ------------------------------------------------------------------ one input

    /// <summary>
    /// Reads, recognizes and checks one input. A report record (contract JSON) is read as it is and
    /// checked again. Throws <see cref="DocumentReadException"/> naming the input for anything unreadable.
    /// </summary>
    public Report Read(byte[] bytes, string name, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (RecordInput.TryRead(bytes, name) is { } record) return Check(record);
        // The document is read first even for a fill-in workbook: the spreadsheet reader's limits (zip
        // bombs, merges) hold before OpenXml opens the package, and the workbook's numbers get their
        // provenance in the document's cells.
        var document = Readers.Read(bytes, name, Options.Limits, cancellation);
        cancellation.ThrowIfCancellationRequested();
        if (document.Format == SourceFormat.Xlsx && WorkbookInput.TryRead(bytes, name, document) is { } filledIn) return Check(filledIn);
        var draft = ReportRecognizer.Draft(document);
        draft.ReadBy = Version;
        var report = draft.Publish();
        cancellation.ThrowIfCancellationRequested();
        return Check(report);
    }

    public Report ReadFile(string path, CancellationToken cancellation = default)
    {
        var name = Path.GetFileName(path);
        try { return Read(DocumentReaders.ReadBytes(path, Options.Limits, cancellation), name, cancellation); }
        catch (DocumentReadException ex) when (ex.FileName == name) { throw ex.WithFileName(path); }
    }

    /// <summary>
    /// FILE, DIR and GLOB arguments as inputs, in a stable order, with a problem for each argument that
    /// names no readable file. Only regular files are taken (a FIFO or device is refused unopened) and
    /// a symbolic-link cycle ends the walk instead of hanging it.
    /// </summary>
    public static (IReadOnlyList<PipelineInput> Inputs, IReadOnlyList<DocumentReadException> Problems) Expand(
        IEnumerable<string> arguments, Func<string, bool>? skipInWalks = null, CancellationToken cancellation = default)
    {
        var expansion = InputWalker.Expand(arguments, skipInWalks, cancellation);
        return (expansion.Files.Select(PipelineInput.FromFile).ToList(), expansion.Problems);
    }

    /// <summary>
    /// One input to its outcome; never throws for a bad input (only when <paramref name="cancellation"/>
    /// is cancelled). Runs within <see cref="PipelineOptions.FileTimeout"/>.
    /// </summary>
    public ReadOutcome ReadOne(PipelineInput input, int index = 0, CancellationToken cancellation = default) =>
        ReadOneAsync(input, index, cancellation).GetAwaiter().GetResult();

    public async Task<ReadOutcome> ReadOneAsync(PipelineInput input, int index = 0, CancellationToken cancellation = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(Options.FileTimeout);
        var token = limit.Token;
        // Pages read by OCR extend the time allowed (Nianbao.Documents.Limits.ReadBudget).
        var gate = new Lock();
        var deadline = DateTime.UtcNow + Options.FileTimeout;
        using var budget = Nianbao.Documents.Limits.ReadBudget.Open(more =>
        {
            lock (gate)
            {
                deadline += more;
                try { limit.CancelAfter(deadline - DateTime.UtcNow); } catch (ObjectDisposedException) { }
            }
        });
        var work = Task.Run(() => Outcome(input, index, token), token);
        try
        {
            while (true)
            {
                TimeSpan left;
                lock (gate) left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) throw new TimeoutException();
                try { return await work.WaitAsync(left, cancellation).ConfigureAwait(false); }
                catch (TimeoutException) { lock (gate) if (deadline <= DateTime.UtcNow) throw; }
            }
        }
        catch (Exception ex) when ((ex is TimeoutException || ex is OperationCanceledException) && !cancellation.IsCancellationRequested)
        {
            // The work may go on in the background until it next looks at its token; its outcome is not waited for.
            return new ReadOutcome(index, input.Name, OutcomeKind.TookTooLong, null,
                $"{input.Name}: took longer than {Options.FileTimeout.TotalSeconds:0} s to read and was abandoned.");
        }
    }

    private ReadOutcome Outcome(PipelineInput input, int index, CancellationToken token)
    {
        try
        {
            var bytes = input.Bytes ?? DocumentReaders.ReadBytes(input.Path ?? input.Name, Options.Limits, token);
            var report = Read(bytes, input.Path is null ? input.Name : Path.GetFileName(input.Path), token);
            return IsAnnualReport(report)
                ? new ReadOutcome(index, input.Name, OutcomeKind.Report, report, null)
                : new ReadOutcome(index, input.Name, OutcomeKind.NotAReport, report,
                    $"{input.Name}: 不是政府信息公开工作年度报告（没有法定部分、法定表格或全国格式） is not an annual report (no statutory section, no table, no national format).");
        }
        catch (DocumentReadException ex)
        {
            // The reader names the file by its own name; the batch names it as it was given.
            var named = ex.WithFileName(input.Name);
            return new ReadOutcome(index, input.Name, ex.Kind == ReadFailure.TookTooLong ? OutcomeKind.TookTooLong : OutcomeKind.Unreadable, null, named.Message, ex);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ReadOutcome(index, input.Name, OutcomeKind.Unreadable, null,
                $"{input.Name}: internal error while reading ({ex.GetType().Name}: {ex.Message}).", ex);
        }
    }

    /// <summary>
    /// Whether what was read is an annual report at all: some statutory section, some table or a
    /// recognised format. Plain prose, <c>{}</c> or <c>[]</c> have none of them.
    /// </summary>
    public static bool IsAnnualReport(Report report) =>
        report.Sections.Count > 0 || report.Tables.Any() || report.Template != ReportTemplate.Unknown;

    // ------------------------------------------------------------------ batches

    /// <summary>
    /// Reads many inputs in parallel (<see cref="PipelineOptions.MaxParallelism"/>) and streams each
    /// outcome as soon as its input is done — or, with <paramref name="inOrder"/>, as soon as it and
    /// every input before it are done. One outcome per input, whatever happens to the others.
    /// </summary>
    public async IAsyncEnumerable<ReadOutcome> ReadManyAsync(IReadOnlyList<PipelineInput> inputs, bool inOrder = false,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var channel = Channel.CreateBounded<ReadOutcome>(new BoundedChannelOptions(Math.Max(64, Options.MaxParallelism * 8))
        {
            SingleReader = true,
        });
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxParallelism), CancellationToken = cancellation },
                    async (i, token) =>
                    {
                        var outcome = await ReadOneAsync(inputs[i], i, token).ConfigureAwait(false);
                        await channel.Writer.WriteAsync(outcome, token).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, cancellation);

        var pending = inOrder ? new Dictionary<int, ReadOutcome>() : null;
        var next = 0;
        await foreach (var outcome in channel.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            // Outcomes already waiting in the channel are not handed out after a cancellation either.
            cancellation.ThrowIfCancellationRequested();
            if (pending is null) { yield return outcome; continue; }
            pending[outcome.Index] = outcome;
            while (pending.Remove(next, out var ready)) { next++; yield return ready; }
        }
        await producer.ConfigureAwait(false);
    }

    /// <summary>The streaming batch for synchronous callers.</summary>
    public IEnumerable<ReadOutcome> ReadMany(IReadOnlyList<PipelineInput> inputs, bool inOrder = false, CancellationToken cancellation = default) =>
        ReadManyAsync(inputs, inOrder, cancellation).ToBlockingEnumerable(cancellation);

    /// <summary>Every outcome, in the order of the inputs.</summary>
    public IReadOnlyList<ReadOutcome> ReadAll(IReadOnlyList<PipelineInput> inputs, CancellationToken cancellation = default) =>
        ReadAllAsync(inputs, cancellation).GetAwaiter().GetResult();

    /// <summary>
    /// Every outcome, in the order of the inputs, read in parallel (<see cref="PipelineOptions.MaxParallelism"/>).
    /// The caller waits once for the whole batch: taking the outcomes one by one from a stream, the waiting thread
    /// spun for each of them, a core's worth of work on two cores (docs/performance.md, session 9).
    /// </summary>
    public async Task<ReadOutcome[]> ReadAllAsync(IReadOnlyList<PipelineInput> inputs, CancellationToken cancellation = default)
    {
        var outcomes = new ReadOutcome[inputs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxParallelism), CancellationToken = cancellation },
            async (i, token) => outcomes[i] = await ReadOneAsync(inputs[i], i, token).ConfigureAwait(false)).ConfigureAwait(false);
        return outcomes;
    }

    // ------------------------------------------------------------------ checks

    /// <summary>The report with this pipeline's checks' findings in place of the ones it carried; reading notes kept. Checking twice gives the same findings.</summary>
    public Report Check(Report report) => report.WithCheckFindings(ReportChecks.Run(report, Checks));

    /// <summary>
    /// Pairs reports of the same agency for consecutive years (same printed name, one report per
    /// agency-year) — or, with one report on each side, those two whatever the agency is called.
    /// </summary>
    public static IReadOnlyList<(Report Previous, Report Current)> PairAcrossYears(IReadOnlyList<Report> earlier, IReadOnlyList<Report> current)
    {
        if (earlier.Count == 1 && current.Count == 1) return [(earlier[0], current[0])];
        var mine = current.ToHashSet(ReferenceEqualityComparer.Instance);
        return CrossYearChecks.ConsecutivePairs(earlier.Concat(current)).Where(p => mine.Contains(p.Current)).ToList();
    }

    /// <summary>
    /// The current reports, each with the cross-year findings against its previous year's report (if
    /// paired) added to its check findings. Pairs that are not consecutive years are skipped and
    /// listed in <paramref name="notCompared"/>.
    /// </summary>
    public static IReadOnlyList<Report> CheckAcrossYears(IReadOnlyList<Report> earlier, IReadOnlyList<Report> current, ICollection<string>? notCompared = null)
    {
        var added = new Dictionary<Report, IReadOnlyList<Finding>>(ReferenceEqualityComparer.Instance);
        foreach (var (before, now) in PairAcrossYears(earlier, current))
        {
            try { added[now] = CrossYearChecks.Compare(before, now); }
            catch (ArgumentException ex) { notCompared?.Add($"{now.Source?.FileName}: not compared with {before.Source?.FileName}: {ex.Message}"); }
        }
        return current.Select(r => added.TryGetValue(r, out var findings) && findings.Count > 0
            ? r.WithCheckFindings(r.CheckFindings.Concat(findings.Select(f => f with { Origin = FindingOrigin.Check })))
            : r).ToList();
    }

    // ------------------------------------------------------------------ authoring

    /// <summary>The author's starting point: every cell blank, the six statutory sections present with empty text.</summary>
    public static Report Blank(ReportTemplate template, string? agency, int? year)
    {
        var draft = ReportDraft.Blank(template, agency, year);
        foreach (var s in StatutorySections.All) draft.Sections.Add(new Section(s.Number, s.Title, ""));
        return draft.Publish();
    }
}
