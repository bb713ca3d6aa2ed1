using Nianbao.Synthetic;
using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Generation;

/// <summary>
/// Smaller versions of a generated report, biggest cuts first, for shrinking a failing case to one a
/// person can read: a table set to zero, half of table 三's result rows zeroed, one row zeroed, large
/// numbers cut to one digit. Every candidate is rebuilt so its identities hold again (and keeps the
/// deliberate wrong total, which may be what fails); the last candidate drops that wrong total.
/// </summary>
public static class ReportShrinker
{
    public static IEnumerable<GeneratedReport> Candidates(GeneratedReport g)
    {
        var truth = g.Truth;
        if (!truth.ActiveDisclosure!.Cells().All(c => c.Value is 0m))
            yield return ReportGenerator.Rebuild(g, r => Zero(r, r.ActiveDisclosure!.Cells().Select(c => c.Path)));
        if (!truth.ReviewsAndLawsuits!.Cells().All(c => c.Value is 0m))
            yield return ReportGenerator.Rebuild(g, r => Zero(r, r.ReviewsAndLawsuits!.Cells().Select(c => c.Path)));

        var rows = ApplicationRows.ResultRows(truth.Applications!.Schema)
            .Select(r => r.Key)
            .Append(ApplicationRows.CarriedOver).Append(ApplicationRows.CarriedForward)
            .Where(key => ApplicationColumns.Applicants.Any(c => truth.Applications![key, c] is not 0m))
            .ToList();
        if (rows.Count > 1)
        {
            var half = rows.Count / 2;
            yield return ReportGenerator.Rebuild(g, r => ZeroRows(r, rows.Take(half)));
            yield return ReportGenerator.Rebuild(g, r => ZeroRows(r, rows.Skip(half)));
        }
        foreach (var key in rows.Take(8)) yield return ReportGenerator.Rebuild(g, r => ZeroRows(r, [key]));

        var table2Rows = truth.ActiveDisclosure!.Schema.Rows
            .Where(row => row.Fields.Any(f => truth.ActiveDisclosure[row.Key, f.Key] is not 0m)).ToList();
        if (table2Rows.Count > 1)
            foreach (var row in table2Rows)
                yield return ReportGenerator.Rebuild(g, r => Zero(r, row.Fields.Select(f => new CellPath(TableKind.ActiveDisclosure, row.Key, f.Key))));

        if (DataCells(truth).Any(c => c.Value is > 9m or < -9m))
            yield return ReportGenerator.Rebuild(g, OneDigit);
        if (g.Alterations.Count > 0)
            yield return ReportGenerator.Rebuild(g, _ => { }, keepAlterations: false);
    }

    private static void Zero(ReportDraft report, IEnumerable<CellPath> paths)
    {
        foreach (var path in paths) report.Table(path.Table)![path] = 0m;
    }

    private static void ZeroRows(ReportDraft report, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        foreach (var column in ApplicationColumns.Applicants)
            report.Applications![key, column] = 0m;
    }

    // Totals are recomputed afterwards, so only their parts need cutting.
    private static void OneDigit(ReportDraft report)
    {
        foreach (var (path, value) in DataCells(report).ToList())
            if (value is { } v && Math.Abs(v) > 9) report.Table(path.Table)![path] = decimal.Truncate(v) % 10;
    }

    /// <summary>The cells that are not derived from others (totals are recomputed by <see cref="ReportGenerator.Balance"/>).</summary>
    private static IEnumerable<(CellPath Path, decimal? Value)> DataCells(Report report) =>
        report.Tables.SelectMany(t => t.Cells()).Where(c => !IsDerived(c.Path));

    private static IEnumerable<(CellPath Path, decimal? Value)> DataCells(ReportDraft report) =>
        report.Tables.SelectMany(t => t.Cells()).Where(c => !IsDerived(c.Path));

    private static bool IsDerived(CellPath path) => path.Table switch
    {
        TableKind.Applications => path.Field == ApplicationColumns.Total || path.Row is ApplicationRows.TotalHandled or ApplicationRows.Received,
        TableKind.ReviewsAndLawsuits => path.Field == ReviewColumns.Total,
        _ => false,
    };
}
