using System.Globalization;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Cells;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Queries;

/// <summary>
/// A summary over the archive from each report's cell vector (<see cref="CellVector"/>: every cell's
/// number or state in one short string, kept equal to the report's rows in <c>cells</c>, settled
/// numbers included) instead of its two hundred cell rows. The result is the very summary that
/// <see cref="ArchiveReports.Read"/> + <see cref="SummaryBuilder.Add(AgencyReport)"/> give; the tests
/// compare the two on both databases. A report stored before vectors existed is read from its rows.
/// </summary>
public static class ArchiveSummary
{
    /// <summary>
    /// The summary of the reports of <paramref name="filter"/>, with those of <paramref name="previous"/>
    /// serving the year-over-year changes only.
    /// </summary>
    public static Summary Build(ArchiveStore store, ArchiveReports source, SummaryOptions options, ReportFilter filter, ReportFilter? previous, IEnumerable<AgencyRef> expected) =>
        Build(store, source, options, store.ReportsWithVectors(filter), previous, expected);

    /// <summary>
    /// The summary of <paramref name="listed"/> (the reports of a filter with their vectors, as
    /// <see cref="ArchiveStore.ReportsWithVectors"/> reads them: a caller that needs the entries too reads them once).
    /// </summary>
    public static Summary Build(ArchiveStore store, ArchiveReports source, SummaryOptions options, IReadOnlyList<(ReportEntry Entry, string? Vector)> listed, ReportFilter? previous, IEnumerable<AgencyRef> expected)
    {
        var builder = new SummaryBuilder(options);
        var cells = new LaidOutCells();
        foreach (var (entry, agency, fallback) in Reports(store, source, listed, cells))
        {
            var year = entry.Year ?? throw new ArgumentException($"{agency.Name}：报告没有年度，无法汇总 (report has no year).");
            if (fallback is not null) builder.Add(new AgencyReport(agency, fallback));
            else builder.Add(agency, year, cells);
        }
        if (previous is not null)
            foreach (var (entry, agency, fallback) in Reports(store, source, store.ReportsWithVectors(previous), cells))
            {
                if (fallback is not null) builder.AddPrevious(new AgencyReport(agency, fallback));
                else if (entry.Year is { } year) builder.AddPrevious(agency, year, cells);
            }
        return builder.Build(expected);
    }

    /// <summary>
    /// The reports of a filter with their agencies, in the order <see cref="ArchiveReports.Read"/> gives
    /// them (by id, reports without cells last). Each is laid out into <paramref name="cells"/> as it is
    /// handed over (one buffer for all: consume before moving on); a report without a vector comes as
    /// the report read from its cell rows instead.
    /// </summary>
    private static IEnumerable<(ReportEntry Entry, AgencyRef Agency, Report? Fallback)> Reports(ArchiveStore store, ArchiveReports source, IReadOnlyList<(ReportEntry Entry, string? Vector)> listed, LaidOutCells cells)
    {
        var entries = listed.Select(r => r.Entry).ToList();
        var vectors = listed.ToDictionary(r => r.Entry.Id, r => r.Vector, StringComparer.Ordinal);
        source.Preload(entries.Select(e => e.RegionCode).Distinct());
        var fallbacks = new Dictionary<string, Report>(StringComparer.Ordinal);
        var hasCells = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var vector = vectors.GetValueOrDefault(e.Id);
            if (vector is null || !Fits(e, vector))
            {
                var rows = store.Cells(e.Id);
                if (rows.Count > 0) hasCells.Add(e.Id);
                fallbacks[e.Id] = ArchiveReports.Build(e, source.AgencyOf(e), rows.ToList(), []).Report;
            }
            else if (vector.Length > 0) hasCells.Add(e.Id);
        }
        foreach (var e in entries.OrderBy(e => hasCells.Contains(e.Id) ? 0 : 1).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            var agency = source.AgencyOf(e);
            if (fallbacks.TryGetValue(e.Id, out var report))
            {
                yield return (e, agency, report);
                continue;
            }
            LayOut(e, vectors[e.Id]!, cells);
            yield return (e, agency, null);
        }
    }

    /// <summary>
    /// Whether each table of the vector has the layout <see cref="ArchiveReports"/> gives it: its template's
    /// (a 2021 report may print the 2019 table 三). Otherwise the report is read from its rows.
    /// </summary>
    internal static bool Fits(ReportEntry entry, string vector)
    {
        if (vector.Length == 0) return true;
        var template = ReportTemplateNames.FromContractName(entry.Template).ToContractName();
        foreach (var part in vector.Split('|'))
        {
            var name = part[..Math.Max(0, part.IndexOf(':'))];
            if (!name.StartsWith(template + ".", StringComparison.Ordinal) && !(template == "2021" && name == "2019.applications")) return false;
        }
        return true;
    }

    /// <summary>
    /// A vector's number: most are short whole numbers, read digit by digit (a summary reads two million of
    /// them); anything else (a sign, decimals, long) as <see cref="decimal.Parse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?)"/> reads it.
    /// </summary>
    internal static decimal Number(ReadOnlySpan<char> text)
    {
        if (text.Length is > 0 and <= 18)
        {
            long n = 0;
            foreach (var c in text)
            {
                if (!char.IsAsciiDigit(c)) return decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
                n = n * 10 + (c - '0');
            }
            return n;
        }
        return decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    }

    /// <summary>A report's vector laid out on <see cref="CellLayout.All"/>, as <see cref="ArchiveReports"/> reads its rows.</summary>
    internal static void LayOut(ReportEntry entry, string vector, LaidOutCells cells)
    {
        var template = ReportTemplateNames.FromContractName(entry.Template);
        cells.Reset(template.ToContractName());
        // Cells of a report in no national template are not read (ArchiveReports builds no table for them).
        if (TemplateSchema.For(template) is null) return;
        // The slot map of the table being read, looked up once per table rather than once per cell.
        TableSchema? mapped = null;
        int[] map = [];
        var ok = CellVector.Read(vector, (schema, slot, state, value, unit) =>
        {
            if (!ReferenceEquals(schema, mapped)) (mapped, map) = (schema, CellLayout.All.SlotsOf(schema));
            var to = map[slot];
            switch (state)
            {
                case VectorState.Value:
                    cells.Set(to, CellState.Value, Number(value), unit);
                    break;
                case VectorState.Ambiguous: cells.Set(to, CellState.Ambiguous, null, unit); break;
                case VectorState.Unread: cells.Set(to, CellState.Unread, null, unit); break;
                default: cells.Set(to, CellState.Blank, null, unit); break;
            }
        });
        if (!ok) throw new ArchiveException($"report {entry.Id}: its cell vector cannot be read; run `nianbao reparse --all`.");
    }
}
