namespace Nianbao.Harvesting;

/// <summary>
/// A fetched document that may hold an annual report: the bytes as served, where they came from
/// and when. <see cref="FileName"/> is what a reader should call it (from the URL or the link text).
/// </summary>
public sealed record HarvestedDocument(
    byte[] Bytes,
    string FileName,
    Uri SourceUrl,
    DateTimeOffset FetchedAt,
    string? ContentType,
    string? Title,
    Uri? Page,
    string Sha256);

public enum ImportStatus { Imported, AlreadyPresent, NotAReport, Failed }

/// <param name="Detail">For users: what was imported (agency, year) or why not.</param>
/// <param name="ReportId">The sink's own key for the imported report, if it has one.</param>
public sealed record ImportOutcome(ImportStatus Status, string? Detail = null, string? ReportId = null);

/// <summary>
/// Where harvested documents go: the archive, or until then a folder. The sink reads the bytes
/// (format readers, recognizers) and decides whether they hold a report; the harvest only fetches.
/// </summary>
public interface IReportSink
{
    Task<ImportOutcome> ImportAsync(HarvestedDocument document, CancellationToken cancellationToken);
}
