using Nianbao.Archive.Import;
using Nianbao.Harvesting;
using Nianbao.Pipeline;

namespace Nianbao.Archive.Harvest;

/// <summary>
/// Harvested documents into the archive through the importer, so a harvested report is stored, checked
/// and recorded exactly as an imported file is (same bytes twice → already present; no report in it →
/// not a report). The input is named by its source URL; where and when it was fetched is kept in the
/// harvest's records (<see cref="ArchiveHarvestStore"/>, joined by report id).
/// </summary>
public sealed class ArchiveReportSink(ArchiveStore store, ReportPipeline pipeline) : IReportSink
{
    private readonly ArchiveImporter _importer = new(store, pipeline);

    public Task<ImportOutcome> ImportAsync(HarvestedDocument document, CancellationToken cancellationToken)
    {
        // The reader recognises formats by content; the name ends like the document (…/P020240118.docx, 年报.html).
        var name = document.SourceUrl.AbsoluteUri;
        if (!Path.HasExtension(document.SourceUrl.AbsolutePath)) name += "#" + document.FileName;
        var summary = _importer.Run([new ImportInput(name, () => document.Bytes, null)], $"harvest {document.SourceUrl.AbsoluteUri}");
        var result = summary.Results.Single();
        var outcome = result.Outcome switch
        {
            InputOutcome.Imported or InputOutcome.ImportedWithFindings => new ImportOutcome(ImportStatus.Imported, Describe(result.ReportId), result.ReportId),
            InputOutcome.AlreadyPresent => new ImportOutcome(ImportStatus.AlreadyPresent, result.Reason, result.ReportId),
            InputOutcome.NotAReport => new ImportOutcome(ImportStatus.NotAReport, result.Reason),
            _ => new ImportOutcome(ImportStatus.Failed, result.Reason),
        };
        return Task.FromResult(outcome);
    }

    private string? Describe(string? reportId) =>
        reportId is not null && store.FindReport(reportId) is { } entry
            ? $"{entry.Agency} {entry.Year} ({entry.Template}) → {entry.Id[..12]}"
            : reportId;
}
