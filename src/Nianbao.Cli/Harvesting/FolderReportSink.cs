using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Documents;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Harvesting;
using Nianbao.Recognition;

namespace Nianbao.Cli.Harvesting;

/// <summary>
/// Harvested documents into a folder, until the archive takes them: each document is read with the
/// report pipeline; a report is saved as fetched (<c>reports/</c>) beside its contract JSON, and one
/// line in <c>imported.jsonl</c> records where it came from and when. The same bytes twice are
/// "already present"; a document the pipeline finds no report in is "not a report".
/// </summary>
internal sealed class FolderReportSink : IReportSink, IDisposable
{
    public const string LogName = "imported.jsonl";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ReportPipeline _pipeline;
    private readonly string _reports;
    private readonly Dictionary<string, string> _saved = new(StringComparer.Ordinal);
    private readonly StreamWriter _log;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>One line of <c>imported.jsonl</c>.</summary>
    internal sealed record ImportedReport(string Sha256, string File, string Json, string SourceUrl, string? Page, DateTimeOffset FetchedAt,
        string? Title, string? Agency, int? Year, string Template, int Findings);

    public FolderReportSink(string folder, ReportPipeline pipeline)
    {
        _pipeline = pipeline;
        _reports = Path.Combine(folder, "reports");
        Directory.CreateDirectory(_reports);
        var log = Path.Combine(folder, LogName);
        foreach (var line in Imported(folder)) _saved[line.Sha256] = line.File;
        _log = new StreamWriter(new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
    }

    /// <summary>The reports imported into <paramref name="folder"/> so far (lines cut short by a kill are skipped).</summary>
    public static IReadOnlyList<ImportedReport> Imported(string folder)
    {
        var log = Path.Combine(folder, LogName);
        if (!File.Exists(log)) return [];
        var lines = new List<ImportedReport>();
        foreach (var text in File.ReadLines(log))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            try { if (JsonSerializer.Deserialize<ImportedReport>(text, Json) is { } line) lines.Add(line); }
            catch (JsonException) { }
        }
        return lines;
    }

    public async Task<ImportOutcome> ImportAsync(HarvestedDocument document, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_saved.TryGetValue(document.Sha256, out var existing))
                return new ImportOutcome(ImportStatus.AlreadyPresent, $"same content as {existing}", existing);
            Report report;
            // Reading may wait for LibreOffice (.doc, .wps, .xls): off the caller's thread.
            try { report = await Task.Run(() => _pipeline.Read(document.Bytes, document.FileName), cancellationToken); }
            catch (DocumentReadException ex) { return new ImportOutcome(ImportStatus.Failed, ex.Message); }
            if (!IsReport(report))
                return new ImportOutcome(ImportStatus.NotAReport, $"{document.FileName}: no annual report found in it (no national tables, {report.Sections.Count} of 6 sections)");

            var template = report.Template.ToContractName();
            var name = Safe($"{report.Agency ?? "未知机关"}{(report.Year is { } y ? $"{y}年" : "")}-{document.Sha256[..8]}");
            var file = name + Path.GetExtension(document.FileName).ToLowerInvariant();
            await File.WriteAllBytesAsync(Path.Combine(_reports, file), document.Bytes, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(_reports, name + ".json"), ReportJson.Serialize(report), cancellationToken);
            var line = new ImportedReport(document.Sha256, "reports/" + file, "reports/" + name + ".json", document.SourceUrl.AbsoluteUri,
                document.Page?.AbsoluteUri, document.FetchedAt, document.Title, report.Agency, report.Year, template, report.Findings.Count);
            await _log.WriteLineAsync(JsonSerializer.Serialize(line, Json));
            await _log.FlushAsync(cancellationToken);
            _saved[document.Sha256] = line.File;
            return new ImportOutcome(ImportStatus.Imported, $"{report.Agency} {report.Year} ({template}, {report.Findings.Count} findings) → {line.File}", line.File);
        }
        finally { _lock.Release(); }
    }

    /// <summary>A report: the national tables were recognised, or a pre-2019 report with most of its sections.</summary>
    internal static bool IsReport(Report report) =>
        report.Template is ReportTemplate.Format2021 or ReportTemplate.Format2019
        || report.Template == ReportTemplate.Legacy && report.Sections.Count >= 3;

    private static string Safe(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c));

    public void Dispose()
    {
        _log.Dispose();
        _lock.Dispose();
    }
}
