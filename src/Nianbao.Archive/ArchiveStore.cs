using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Nianbao.Domain;
using Nianbao.Domain.Contract;

namespace Nianbao.Archive;

/// <summary>
/// The archive's query and update API over one open connection (not thread-safe: one store per
/// thread). Everything the CLI, the regions library and the analysis library need goes through here;
/// the SQL is the same on SQLite and PostgreSQL.
/// </summary>
public sealed partial class ArchiveStore : IDisposable
{
    private readonly DbConnection _connection;

    private ArchiveStore(ArchiveLocation location, DbConnection connection)
    {
        Location = location;
        _connection = connection;
    }

    public ArchiveLocation Location { get; }
    public ArchiveProvider Provider => Location.Provider;

    /// <summary>The connection, for callers that need their own SQL (reports, analysis). Same SQL on both providers.</summary>
    public IDbConnection Connection => _connection;

    /// <summary>Opens the archive named by <c>--db</c> / <c>NIANBAO_DB</c> / <c>nianbao.db</c>, creating or upgrading its schema.</summary>
    public static ArchiveStore Open(string? dbOption) => Open(ArchiveLocation.Resolve(dbOption));

    public static ArchiveStore Open(ArchiveLocation location)
    {
        try
        {
            ArchiveDatabase.Migrate(location);
            // The command line's connections (imports among them) prepare what they repeat; the server's request
            // connections (OpenMigrated) keep planning each statement as before: its plans were not measured so.
            return new ArchiveStore(location, ArchiveDatabase.Open(location, prepareRepeated: true));
        }
        catch (ArchiveException) { throw; }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or IOException or System.Net.Sockets.SocketException)
        {
            throw new ArchiveException($"{location.Display}: the archive cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Opens an archive whose schema this process already brought up to date (<see cref="Open(ArchiveLocation)"/>
    /// once at start): a server opens one per request, and DbUp's check that nothing is left to apply
    /// costs more than a small request itself.
    /// </summary>
    public static ArchiveStore OpenMigrated(ArchiveLocation location)
    {
        try { return new ArchiveStore(location, ArchiveDatabase.Open(location)); }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or IOException or System.Net.Sockets.SocketException)
        {
            throw new ArchiveException($"{location.Display}: the archive cannot be opened: {ex.Message}", ex);
        }
    }

    public void Dispose() => _connection.Dispose();

    public DbTransaction BeginTransaction() => _connection.BeginTransaction();

    // ───────────────────────── reports ─────────────────────────

    private const string ReportColumns = """
        r.id AS Id, r.arrival AS Arrival, r.agency_id AS AgencyId, COALESCE(a.name, r.agency_printed) AS Agency,
        r.agency_printed AS AgencyPrinted, r.year AS Year, r.template AS Template, r.published_on AS PublishedOn,
        r.file_name AS FileName, r.format AS Format, r.is_current AS IsCurrent, r.superseded_by AS SupersededBy,
        r.errors AS Errors, r.warnings AS Warnings, r.reader AS Reader, r.imported_at AS ImportedAt,
        a.region_code AS RegionCode, a.level AS Level, a.kind AS Kind
        """;

    private const string ReportFrom = " FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id ";

    /// <summary>Reports matching <paramref name="filter"/>, ordered by agency, year, arrival.</summary>
    public IReadOnlyList<ReportEntry> ListReports(ReportFilter? filter = null)
    {
        var (where, args) = Where(filter ?? ReportFilter.Current);
        var limit = filter?.Limit is { } n ? $" LIMIT {n.ToString(CultureInfo.InvariantCulture)}" : "";
        return _connection.Query<ReportEntry>(
            $"SELECT {ReportColumns}{ReportFrom}{where} ORDER BY COALESCE(a.name, r.agency_printed), r.year, r.arrival{limit}", args).ToList();
    }

    public int CountReports(ReportFilter? filter = null)
    {
        var (where, args) = Where(filter ?? ReportFilter.Current);
        return _connection.ExecuteScalar<int>($"SELECT COUNT(*){ReportFrom}{where}", args);
    }

    private (string Where, DynamicParameters Args) Where(ReportFilter f)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        if (!f.IncludeHistory) clauses.Add("r.is_current = 1");
        if (f.Agency is { Length: > 0 } agency)
        {
            clauses.Add("(r.agency_id = @agency OR a.name LIKE @agencyLike OR r.agency_printed LIKE @agencyLike OR r.agency_id IN (SELECT agency_id FROM agency_names WHERE name LIKE @agencyLike))");
            args.Add("agency", agency);
            args.Add("agencyLike", "%" + AgencyNames.Normalize(agency) + "%");
        }
        if (f.Year is { } year) { clauses.Add("r.year = @year"); args.Add("year", year); }
        if (f.FromYear is { } from) { clauses.Add("r.year >= @fromYear"); args.Add("fromYear", from); }
        if (f.ToYear is { } to) { clauses.Add("r.year <= @toYear"); args.Add("toYear", to); }
        if (f.Template is { Length: > 0 } template) { clauses.Add("r.template = @template"); args.Add("template", template); }
        if (f.Region is { Length: > 0 } region)
        {
            clauses.Add("a.region_code LIKE @regionPrefix");
            args.Add("regionPrefix", RegionPrefix(ResolveRegionCode(region)) + "%");
        }
        if (f.Rule is { Length: > 0 } rule)
        {
            clauses.Add("(EXISTS (SELECT 1 FROM findings f WHERE f.report_id = r.id AND f.rule = @rule) OR EXISTS (SELECT 1 FROM cross_findings x WHERE x.report_id = r.id AND x.rule = @rule))");
            args.Add("rule", rule);
        }
        if (f.WithErrors) clauses.Add("r.errors > 0");
        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), args);
    }

    /// <summary>
    /// The code prefix shared by a region and everything below it: 统计用区划代码 give 2 digits to the
    /// province, 2 to the city, 2 to the county, 3 to the township and 3 to the village.
    /// </summary>
    public static string RegionPrefix(string code)
    {
        var trimmed = code.TrimEnd('0');
        foreach (var length in new[] { 2, 4, 6, 9, 12 })
            if (trimmed.Length <= length) return code.PadRight(12, '0')[..length];
        return code;
    }

    /// <summary>A region code, or a region's exact name when exactly one region has it.</summary>
    public string ResolveRegionCode(string codeOrName)
    {
        if (codeOrName.All(char.IsAsciiDigit)) return codeOrName;
        var codes = _connection.Query<string>("SELECT code FROM regions WHERE name = @name", new { name = codeOrName }).ToList();
        return codes.Count switch
        {
            1 => codes[0],
            0 => throw new ArchiveException($"No region is called {codeOrName}; give its code (统计用区划代码)."),
            _ => throw new ArchiveException($"{codes.Count} regions are called {codeOrName} ({string.Join(", ", codes.Take(8))}); give the code."),
        };
    }

    /// <summary>One report version by its id or an unambiguous prefix of it (at least 6 characters).</summary>
    public ReportEntry? FindReport(string idOrPrefix)
    {
        if (idOrPrefix.Length < 6 || !idOrPrefix.All(char.IsAsciiHexDigit)) return null;
        // A whole id (a SHA-256) is looked up by the key: LIKE is case-insensitive on SQLite and collation-bound
        // on PostgreSQL, so neither uses the primary key for it and every upload's answer scanned the reports.
        if (idOrPrefix.Length == 64)
            return _connection.QuerySingleOrDefault<ReportEntry>($"SELECT {ReportColumns}{ReportFrom} WHERE r.id = @id", new { id = idOrPrefix.ToLowerInvariant() });
        var matches = _connection.Query<ReportEntry>($"SELECT {ReportColumns}{ReportFrom} WHERE r.id LIKE @prefix LIMIT 2",
            new { prefix = idOrPrefix.ToLowerInvariant() + "%" }).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>The current report of an agency (id or name) for a year.</summary>
    public ReportEntry? CurrentReport(string agency, int year) =>
        History(agency, year).FirstOrDefault(r => r.IsCurrent);

    /// <summary>Every version of an agency's report for a year, newest first.</summary>
    public IReadOnlyList<ReportEntry> History(string agency, int year)
    {
        var agencyId = FindAgencyId(agency);
        return _connection.Query<ReportEntry>(
            $"SELECT {ReportColumns}{ReportFrom} WHERE r.year = @year AND (r.agency_id = @agencyId OR (@agencyId IS NULL AND r.agency_printed = @printed)) ORDER BY r.arrival DESC",
            new { year, agencyId, printed = AgencyNames.Normalize(agency) }).ToList();
    }

    /// <summary>The lossless record of a report version, as stored.</summary>
    public string RecordJson(string reportId, IDbTransaction? transaction = null) =>
        _connection.ExecuteScalar<object?>(ReportWriter.RecordOf, new { reportId }, transaction) is { } stored && stored is not DBNull
            ? StoredRecord.Text(stored)
            : throw new ArchiveException($"No report {reportId} in the archive.");

    /// <summary>The report version as a domain report (tables, sections, findings as read).</summary>
    public Report LoadReport(string reportId, IDbTransaction? transaction = null) => ReportJson.Deserialize(RecordJson(reportId, transaction));

    /// <summary>The original bytes by SHA-256, or null when not stored.</summary>
    public (string FileName, byte[] Content)? Original(string sha256)
    {
        var row = _connection.QuerySingleOrDefault<(string, byte[])?>("SELECT file_name, content FROM originals WHERE sha256 = @sha256", new { sha256 });
        return row;
    }

    public bool HasOriginal(string sha256) =>
        _connection.ExecuteScalar<int>("SELECT COUNT(*) FROM originals WHERE sha256 = @sha256", new { sha256 }) > 0;

    /// <summary>The SHA-256 of every stored original (to skip known bytes without reading them).</summary>
    public HashSet<string> OriginalHashes() => _connection.Query<string>("SELECT sha256 FROM originals").ToHashSet(StringComparer.Ordinal);

    // ───────────────────────── cells and findings ─────────────────────────

    // Cells are read from their stored sets (one JSON array a report, migration 0093) and decoded here
    // rather than through the view `cells`: the view's columns are expressions over JSON, whose types
    // SQLite reports row by row (a mapper that guessed from the first row then fails), and decoding in
    // .NET costs a whole-archive export less than SQLite extracting each column (docs/performance.md).

    /// <summary>Every cell of one report, in the schema's order.</summary>
    public IReadOnlyList<CellEntry> Cells(string reportId) => CellRows.Read(_connection, null, reportId);

    /// <summary>
    /// The cells of every report matching <paramref name="filter"/>, streamed (not buffered: a
    /// province's cells do not fit in memory), ordered by report then schema order.
    /// Optionally only the paths starting with <paramref name="pathPrefix"/> (e.g. <c>applications.</c>).
    /// </summary>
    public IEnumerable<CellEntry> Cells(ReportFilter filter, string? pathPrefix = null)
    {
        var (where, args) = Where(filter);
        var layouts = CellRows.ReadLayouts(_connection, null, null);
        // Settled cells are few (ambiguous rows of table 二): those of the matching reports, read first.
        var settled = CellRows.ReadSettlements(_connection, null, $"WHERE report_no IN (SELECT r.arrival{ReportFrom}{where})", args);
        var sql = $"SELECT c.id AS Id, cs.report_no AS ReportNo, cs.layout_id AS LayoutId, cs.cells AS Cells FROM reports c JOIN cell_sets cs ON cs.report_no = c.arrival WHERE c.id IN (SELECT r.id{ReportFrom}{where}) ORDER BY c.id";
        foreach (var set in _connection.Query<CellSetRow>(sql, args, buffered: false))
            foreach (var (_, _, cell) in CellRows.Decode(set.Id, set.ReportNo, set.Cells, layouts[set.LayoutId], settled))
                if (pathPrefix is not { Length: > 0 } || cell.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
                    yield return cell;
    }

    private sealed class CellSetRow
    {
        public string Id { get; set; } = "";
        public long ReportNo { get; set; }
        public int LayoutId { get; set; }
        public string Cells { get; set; } = "";
    }

    /// <summary>The findings of a report: its own (as read and checked), then those across reports.</summary>
    public IReadOnlyList<FindingEntry> Findings(string reportId)
    {
        var own = _connection.Query<FindingEntry>(
            "SELECT report_id AS ReportId, NULL AS NeighbourId, seq AS Seq, rule AS Rule, severity AS Severity, message AS Message, cells AS Cells, candidates AS Candidates, args AS Args FROM findings WHERE report_id = @reportId ORDER BY seq",
            new { reportId });
        return own.Concat(CrossFindings(reportId)).ToList();
    }

    /// <summary>Findings between this report and another year's (this report is the later one, or the neighbour).</summary>
    public IReadOnlyList<FindingEntry> CrossFindings(string reportId) =>
        _connection.Query<FindingEntry>(
            "SELECT report_id AS ReportId, neighbour_id AS NeighbourId, seq AS Seq, rule AS Rule, severity AS Severity, message AS Message, cells AS Cells, NULL AS Candidates FROM cross_findings WHERE report_id = @reportId OR neighbour_id = @reportId ORDER BY report_id, neighbour_id, seq",
            new { reportId }).ToList();

    /// <summary>Every finding across reports (for summaries and tests), in a stable order.</summary>
    public IReadOnlyList<FindingEntry> AllCrossFindings() =>
        _connection.Query<FindingEntry>(
            "SELECT report_id AS ReportId, neighbour_id AS NeighbourId, seq AS Seq, rule AS Rule, severity AS Severity, message AS Message, cells AS Cells, NULL AS Candidates FROM cross_findings ORDER BY report_id, neighbour_id, seq").ToList();

    internal static string Json(IEnumerable<string> values) => JsonSerializer.Serialize(values);
}
