using System.Globalization;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using ArchiveReport = Nianbao.Archive.ReportEntry;

namespace Nianbao.Queries;

/// <summary>Region names looked up so far (not thread-safe: one reader at a time).</summary>
internal sealed class RegionNameTable
{
    // Full names by the code as given; names by 12-digit code (null: looked up, not in the tree).
    public Dictionary<string, string?> FullNames { get; } = [];
    public Dictionary<string, string?> Names { get; } = [];
}

/// <summary>A report as the archive holds it now: its cells (settled numbers included), its agency and placement.</summary>
public sealed record StoredReport(ArchiveReport Entry, Report Report, AgencyRef Agency, IReadOnlyDictionary<CellPath, string> SettledBy);

/// <summary>
/// Reads reports out of the archive for summaries and exports, from the cells table: it holds every
/// cell with its state (value, blank, ambiguous, unread, settled by a neighbouring year) and
/// provenance, which is what the analysis needs, in one streamed query. `nianbao summary`, `export`,
/// `missing` and the server's summaries all read reports through it, so they agree cell for cell. Everything else (the list
/// of reports, agencies' region names) is read before the stream starts, because PostgreSQL allows
/// one open query per connection.
/// </summary>
public sealed class ArchiveReports
{
    private readonly ArchiveStore _store;

    public ArchiveReports(ArchiveStore store) : this(store, new RegionNameTable()) { }

    /// <summary>
    /// Reads through <paramref name="store"/> with region names already looked up by another reader of the
    /// same archive (<see cref="ReportContributions"/> keeps them for the process while the regions are unchanged).
    /// </summary>
    internal ArchiveReports(ArchiveStore store, RegionNameTable names)
    {
        _store = store;
        _fullNames = names.FullNames;
        _names = names.Names;
    }

    /// <summary>
    /// The full name of a region (河南省信阳市新县): the names of the code and of its ancestors, from the
    /// archive's region tree; null when the tree has none of them. Looked up in batches by
    /// <see cref="Preload"/>; a code not preloaded is looked up on its own.
    /// </summary>
    public string? RegionName(string? code)
    {
        if (code is null) return null;
        // A province's reports share a few hundred codes: each full name is made once.
        if (_fullNames.TryGetValue(code, out var known)) return known;
        if (RegionCodes.Normalize(code) is not { } full) return null;
        if (!_names.ContainsKey(full)) Preload([code]);
        var parts = new List<string>();
        foreach (var ancestor in Ancestors(full))
            if (_names.GetValueOrDefault(ancestor) is { } name && (parts.Count == 0 || parts[^1] != name)) parts.Add(name);
        return _fullNames[code] = parts.Count == 0 ? null : string.Concat(parts);
    }

    // Full names by the code as given (cleared when more names are looked up).
    private readonly Dictionary<string, string?> _fullNames;

    // Region names by 12-digit code (null: looked up, not in the tree).
    private readonly Dictionary<string, string?> _names;

    /// <summary>The code and every level above it, province first, as 12 digits.</summary>
    private static IEnumerable<string> Ancestors(string full)
    {
        foreach (var length in new[] { 2, 4, 6, 9, 12 })
        {
            var ancestor = full[..length].PadRight(12, '0');
            yield return ancestor;
            if (ancestor == full) yield break;
        }
    }

    /// <summary>Looks the names of these regions and their ancestors up in one query per 500 codes (the tree may store codes with or without trailing zeros).</summary>
    public void Preload(IEnumerable<string?> codes)
    {
        var wanted = codes.Select(RegionCodes.Normalize).OfType<string>().SelectMany(Ancestors).Where(c => !_names.ContainsKey(c)).Distinct().ToList();
        foreach (var chunk in wanted.Chunk(500))
        {
            var forms = chunk.SelectMany(c => new[] { c, RegionCodes.Prefix(c) }).Distinct().ToList();
            foreach (var c in chunk) _names[c] = null;
            _fullNames.Clear();
            // The codes are digits only (Normalize checked them), so they are written into the SQL as literals:
            // SQLite binds a thousand named parameters by a linear search each (≈ 0.1 s for a province).
            var sql = $"SELECT code, name FROM regions WHERE code IN ({string.Join(", ", forms.Select(f => $"'{f}'"))})";
            foreach (var (code, name) in Dapper.SqlMapper.Query<(string, string)>(_store.Connection, sql))
                if (RegionCodes.Normalize(code) is { } full) _names[full] = name;
        }
    }

    public AgencyRef AgencyOf(ArchiveReport e) =>
        new(e.AgencyId ?? "printed:" + (e.AgencyPrinted ?? e.Id), e.Agency ?? e.AgencyPrinted ?? "（未署名）",
            e.RegionCode is null && e.Level is null && e.Kind is null ? null : new AgencyPlacement(e.RegionCode, RegionName(e.RegionCode), e.Level, e.Kind));

    /// <summary>The expected agencies of a region, with the id of the archive agency each one is (matched by name).</summary>
    public IReadOnlyList<AgencyRef> Expected(string? regionCode)
    {
        var expected = _store.Expected(regionCode);
        Preload(expected.Select(x => x.RegionCode));
        return expected.Select(x =>
        {
            var id = x.AgencyId ?? _store.FindAgencyId(x.Name) ?? "expected:" + x.Id;
            return new AgencyRef(id, x.Name, new AgencyPlacement(x.RegionCode, RegionName(x.RegionCode), x.Level, x.Kind));
        }).ToList();
    }

    /// <summary>
    /// The reports of <paramref name="filter"/> built from their stored cells, streamed one by one.
    /// Reports with no cell at all (legacy, no table found) come last, with no tables.
    /// </summary>
    public IEnumerable<StoredReport> Read(ReportFilter filter)
    {
        var entries = _store.ListReports(filter).ToDictionary(e => e.Id);
        Preload(entries.Values.Select(e => e.RegionCode));
        var agencies = entries.Values.ToDictionary(e => e.Id, AgencyOf);
        var candidates = Candidates(entries.Keys);
        var seen = new HashSet<string>();
        var cells = new List<CellEntry>();
        string? current = null;
        foreach (var cell in _store.Cells(filter))
        {
            if (cell.ReportId != current && current is not null && entries.TryGetValue(current, out var done))
            {
                seen.Add(current);
                yield return Build(done, agencies[current], cells, candidates);
                cells.Clear();
            }
            current = cell.ReportId;
            cells.Add(cell);
        }
        if (current is not null && entries.TryGetValue(current, out var last))
        {
            seen.Add(current);
            yield return Build(last, agencies[current], cells, candidates);
        }
        foreach (var e in entries.Values.Where(e => !seen.Contains(e.Id)).OrderBy(e => e.Id, StringComparer.Ordinal))
            yield return Build(e, agencies[e.Id], [], candidates);
    }

    /// <summary>The readings of ambiguous cells (reading notes R-1), for the reports listed.</summary>
    private Dictionary<(string Report, string Path), List<string>> Candidates(ICollection<string> reportIds)
    {
        var result = new Dictionary<(string, string), List<string>>();
        if (reportIds.Count == 0) return result;
        var ids = reportIds.ToHashSet(StringComparer.Ordinal);
        foreach (var (report, cells, json) in Dapper.SqlMapper.Query<(string, string, string)>(_store.Connection,
                     "SELECT report_id, cells, candidates FROM findings WHERE rule = @rule AND candidates IS NOT NULL", new { rule = Rules.AmbiguousDigits }))
        {
            if (!ids.Contains(report)) continue;
            var readings = System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];
            foreach (var path in cells.Split(' ', StringSplitOptions.RemoveEmptyEntries)) result[(report, path)] = readings;
        }
        return result;
    }

    internal static StoredReport Build(ArchiveReport e, AgencyRef agency, List<CellEntry> cells, Dictionary<(string, string), List<string>> candidates)
    {
        var template = ReportTemplateNames.FromContractName(e.Template);
        var draft = new ReportDraft
        {
            Agency = e.AgencyPrinted,
            Year = e.Year,
            Template = template,
            PublishedOn = DateOnly.TryParseExact(e.PublishedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            Source = new SourceInfo(e.FileName, e.Id, e.Format),
        };
        var settled = new Dictionary<CellPath, string>();
        // The optional fee-collection table: its three cells, blank ones null.
        var fee = cells.Where(c => c.TableName == CellStatus.FeeCollectionTable).ToDictionary(c => c.Field, c => c.Value);
        if (fee.Count > 0)
            draft.FeeCollection = new FeeCollection(fee.GetValueOrDefault("notifiedCount"), fee.GetValueOrDefault("notifiedAmountYuan"), fee.GetValueOrDefault("collectedAmountYuan"));
        if (TemplateSchema.For(template) is { } schema)
        {
            foreach (var table in cells.GroupBy(c => c.TableName))
            {
                if (!TableKindNames.TryParse(table.Key, out var kind)) continue;
                var layout = schema.Table(kind);
                // A 2021 report that printed （六）其他处理 as one row keeps the 2019 layout of table 三.
                if (kind == TableKind.Applications && layout.Row(ApplicationRows.OtherHandling) is null && table.Any(c => c.RowKey == ApplicationRows.OtherHandling))
                    layout = TemplateSchema.Format2019.Applications;
                var values = new Domain.Tables.TableDraft(layout);
                foreach (var cell in table)
                {
                    var path = new CellPath(kind, cell.RowKey, cell.Field);
                    if (layout.SlotOf(cell.RowKey, cell.Field) < 0) continue;
                    switch (cell.Status)
                    {
                        case CellStatus.Value or CellStatus.Settled when cell.Value is { } v:
                            values[path] = v;
                            if (cell.Status == CellStatus.Settled) settled[path] = cell.NeighbourId ?? "";
                            break;
                        case CellStatus.Ambiguous:
                            draft.Note(new Finding(Rules.AmbiguousDigits, Severity.Warning, "数字有多种读法", path)
                                { Candidates = candidates.GetValueOrDefault((e.Id, path.ToString())) });
                            break;
                        case CellStatus.Unread:
                            draft.Note(new Finding(Rules.LostCells, Severity.Warning, "单元格未能读出", path));
                            break;
                    }
                    if (cell.Unit is { } unit && layout.Field(path) is { } field && (field.UnitKey is not null || field.Kind == Domain.Tables.ValueKind.Money))
                        values.SetUnit(cell.RowKey, cell.Field, unit);
                    if (cell is { SrcStart: { } start, SrcLength: { } length, SrcText: { } text })
                        draft.Provenance[path] = new CellSource(start, length, text,
                            Enum.TryParse<ReadingConfidence>(cell.Confidence, ignoreCase: true, out var c) ? c : ReadingConfidence.Exact)
                        {
                            Box = Box(cell.Page, cell.Box),
                            Table = cell.SrcTable,
                            Row = cell.SrcRow,
                            Column = cell.SrcColumn,
                        };
                }
                draft.SetTable(values, kind);
            }
        }
        return new StoredReport(e, draft.Publish(), agency, settled);
    }

    private static PageBox? Box(int? page, string? box)
    {
        if (page is not { } p || box is null) return null;
        var parts = box.Split(',');
        if (parts.Length != 4) return null;
        var n = parts.Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        return n.Any(double.IsNaN) ? null : new PageBox(p, n[0], n[1], n[2], n[3]);
    }
}
