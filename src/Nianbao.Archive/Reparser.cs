using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Documents;
using Nianbao.Pipeline;

namespace Nianbao.Archive;

/// <summary>One cell whose reading changed: before and after (value or status).</summary>
public sealed record CellChange(string Path, string Before, string After);

/// <summary>What re-reading one stored original changed.</summary>
public sealed record ReparseResult(ReportEntry Report, IReadOnlyList<CellChange> Changes, int FindingsBefore, int FindingsAfter, string? Problem)
{
    public bool Changed => Changes.Count > 0 || FindingsBefore != FindingsAfter;
}

/// <summary>
/// <c>nianbao reparse</c>: reads stored originals again with the current reader and replaces each
/// version's record, cells and findings, one report per transaction, saying which cells changed.
/// </summary>
public sealed class Reparser(ArchiveStore store, ReportPipeline pipeline)
{
    public IEnumerable<ReparseResult> Run(ReportFilter filter)
    {
        var years = new SortedSet<int>();
        foreach (var entry in store.ListReports(filter))
        {
            var original = store.Original(entry.Id);
            if (original is not { } o)
            {
                yield return new ReparseResult(entry, [], 0, 0, $"{entry.FileName}: 原件不在档案中 the original is not stored.");
                continue;
            }
            ReparseResult result;
            try { result = ReparseOne(entry, o.FileName, o.Content); }
            catch (DocumentReadException ex) { result = new ReparseResult(entry, [], 0, 0, ex.Message); }
            if (entry.Year is { } year) years.Add(year);
            if (store.FindReport(entry.Id)?.Year is { } newYear) years.Add(newYear);
            yield return result;
        }
        // Checks across years an interrupted import left pending (the reparsed versions' own are computed as they change).
        using (var tx = store.BeginTransaction())
        {
            CrossReportChecks.CatchUp(store, tx);
            tx.Commit();
        }
        if (years.Count > 0) new RegionChecks(store).Refresh(years);
    }

    private ReparseResult ReparseOne(ReportEntry entry, string fileName, byte[] content)
    {
        var report = pipeline.Read(content, fileName);
        var before = store.Cells(entry.Id).ToDictionary(c => c.Path, StringComparer.Ordinal);
        var findingsBefore = store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM findings WHERE report_id = @id", new { id = entry.Id });
        using (var tx = store.BeginTransaction())
        {
            new ReportWriter(store, tx).Replace(entry.Id, report, ArchiveImporter.ReaderVersion);
            tx.Commit();
        }
        var after = store.Cells(entry.Id).ToDictionary(c => c.Path, StringComparer.Ordinal);
        var changes = new List<CellChange>();
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var b = Describe(before.GetValueOrDefault(path));
            var a = Describe(after.GetValueOrDefault(path));
            if (b != a) changes.Add(new CellChange(path, b, a));
        }
        return new ReparseResult(entry, changes, findingsBefore, report.Findings.Count, null);
    }

    private static string Describe(CellEntry? cell) =>
        cell is null ? "(no cell)"
            : cell.Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"({cell.Status})";
}
