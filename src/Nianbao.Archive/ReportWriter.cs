using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Archive;

/// <summary>A report read from one original, ready to be stored.</summary>
public sealed record ReportToStore(string Sha256, string FileName, byte[] Content, Report Report, string Reader);

/// <summary>
/// Writes reports inside the caller's transaction, so a report is stored whole or not at all, and
/// keeps what depends on the set of current versions — which version is current, the findings
/// across years, cells settled by a neighbouring year — a function of that set alone, whatever the
/// order in which the reports arrived.
/// </summary>
internal sealed class ReportWriter(ArchiveStore store, IDbTransaction tx)
{
    private readonly IDbConnection _db = store.Connection;

    /// <summary>Stores one new report version (its original, record, cells and findings) and makes the newest version of its agency-year current.</summary>
    public string Store(ReportToStore item)
    {
        var report = item.Report;
        _db.Execute("INSERT INTO originals (sha256, size, file_name, content) VALUES (@Sha256, @size, @FileName, @Content) ON CONFLICT (sha256) DO NOTHING",
            new { item.Sha256, size = (long)item.Content.LongLength, item.FileName, item.Content }, tx);
        var agencyId = new AgencyRegistry(store).Resolve(report, tx); // placed on the division tree as it arrives
        var arrival = _db.ExecuteScalar<long>("SELECT COALESCE(MAX(arrival), 0) + 1 FROM reports", transaction: tx);
        _db.Execute("""
            INSERT INTO reports (id, arrival, agency_id, agency_printed, year, template, published_on, file_name, format, is_current, superseded_by,
                                 errors, warnings, record, reader, imported_at)
            VALUES (@id, @arrival, @agencyId, @printed, @Year, @template, @published, @FileName, @format, 0, NULL, @errors, @warnings, @record, @Reader, @now)
            """,
            new
            {
                id = item.Sha256, arrival, agencyId, printed = report.Agency is { } a ? AgencyNames.Normalize(a) : null, report.Year,
                template = report.Template.ToContractName(),
                published = report.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                item.FileName, format = report.Source?.Format ?? "",
                errors = report.Findings.Count(f => f.Severity == Severity.Error),
                warnings = report.Findings.Count(f => f.Severity == Severity.Warning),
                record = ReportJson.Serialize(report), item.Reader,
                now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            }, tx);
        InsertContent(item.Sha256, report);
        if (agencyId is not null && report.Year is { } year) RecomputeCurrent(agencyId, year);
        else _db.Execute("UPDATE reports SET is_current = 1 WHERE id = @id", new { id = item.Sha256 }, tx);
        return item.Sha256;
    }

    private void InsertContent(string reportId, Report report)
    {
        _db.Execute(InsertCell, CellRows(reportId, report), tx);
        _db.Execute("INSERT INTO findings (report_id, seq, rule, severity, kind, message, cells, candidates, args) VALUES (@ReportId, @Seq, @Rule, @Severity, @Kind, @Message, @Cells, @Candidates, @Args)",
            report.Findings.Select((f, i) => new
            {
                ReportId = reportId, Seq = i, f.Rule, Severity = f.Severity.ToString().ToLowerInvariant(),
                Kind = f.Origin == FindingOrigin.Reading ? "reading" : "check", f.Message,
                Args = f.Args is { Count: > 0 } args ? JsonSerializer.Serialize(args.ToDictionary(a => a.Key, a => a.Value)) : null,
                Cells = string.Join(' ', f.Cells), Candidates = f.Candidates is { } c ? JsonSerializer.Serialize(c) : null,
            }), tx);
    }

    /// <summary>
    /// Replaces a stored version's record, cells and findings with a new reading of the same original
    /// (<c>nianbao reparse</c>); its place in the order of arrival stays. The agency-years it left and
    /// joined get their current version and checks across years recomputed.
    /// </summary>
    public void Replace(string reportId, Report report, string reader)
    {
        var before = _db.QuerySingle<(string? AgencyId, int? Year)>("SELECT agency_id, year FROM reports WHERE id = @reportId", new { reportId }, tx);
        var agencyId = new AgencyRegistry(store).Resolve(report, tx); // placed on the division tree as it arrives
        _db.Execute("DELETE FROM cross_findings WHERE report_id = @reportId OR neighbour_id = @reportId", new { reportId }, tx);
        _db.Execute(UnsettleSql + " WHERE neighbour_id = @reportId AND status = 'settled'", new { reportId }, tx);
        _db.Execute("DELETE FROM cells WHERE report_id = @reportId", new { reportId }, tx);
        _db.Execute("DELETE FROM findings WHERE report_id = @reportId", new { reportId }, tx);
        _db.Execute("""
            UPDATE reports SET agency_id = @agencyId, agency_printed = @printed, year = @Year, template = @template, published_on = @published,
                format = @format, errors = @errors, warnings = @warnings, record = @record, reader = @reader, is_current = 0, superseded_by = NULL
            WHERE id = @reportId
            """,
            new
            {
                reportId, agencyId, printed = report.Agency is { } a ? AgencyNames.Normalize(a) : null, report.Year,
                template = report.Template.ToContractName(),
                published = report.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                format = report.Source?.Format ?? "",
                errors = report.Findings.Count(f => f.Severity == Severity.Error),
                warnings = report.Findings.Count(f => f.Severity == Severity.Warning),
                record = ReportJson.Serialize(report), reader,
            }, tx);
        InsertContent(reportId, report);
        if (before.AgencyId is not null && before.Year is { } oldYear && (before.AgencyId != agencyId || before.Year != report.Year))
            RecomputeCurrent(before.AgencyId, oldYear);
        if (agencyId is not null && report.Year is { } year) RecomputeCurrent(agencyId, year);
        else _db.Execute("UPDATE reports SET is_current = 1 WHERE id = @reportId", new { reportId }, tx);
    }

    private const string InsertCell = """
        INSERT INTO cells (report_id, path, seq, table_name, row_key, field, status, value, value_text, unit, confidence,
                           src_start, src_length, src_text, page, box, src_table, src_row, src_column, neighbour_id)
        VALUES (@ReportId, @Path, @Seq, @TableName, @RowKey, @Field, @Status, @Value, @ValueText, @Unit, @Confidence,
                @SrcStart, @SrcLength, @SrcText, @Page, @Box, @SrcTable, @SrcRow, @SrcColumn, NULL)
        """;

    /// <summary>Every cell of the report's tables in schema order, with its status and provenance.</summary>
    internal static IEnumerable<object> CellRows(string reportId, Report report)
    {
        var ambiguous = report.Findings.Where(f => f.Rule == Rules.AmbiguousDigits).SelectMany(f => f.Cells).ToHashSet();
        var unread = report.Findings.Where(f => f.Rule.StartsWith("R-", StringComparison.Ordinal)).SelectMany(f => f.Cells).ToHashSet();
        var tableIndex = 0;
        foreach (var table in report.Tables)
        {
            var slot = 0;
            foreach (var row in table.Schema.Rows)
                foreach (var field in row.Fields)
                {
                    var path = new CellPath(table.Kind, row.Key, field.Key);
                    var value = table[row.Key, field.Key];
                    report.Provenance.TryGetValue(path, out var src);
                    var status = value is not null ? CellStatus.Value
                        : ambiguous.Contains(path) ? CellStatus.Ambiguous
                        : unread.Contains(path) ? CellStatus.Unread
                        : CellStatus.Blank;
                    yield return new
                    {
                        ReportId = reportId, Path = path.ToString(), Seq = tableIndex * 10_000 + slot++, TableName = table.Kind.ToContractName(),
                        RowKey = row.Key, Field = field.Key, Status = status, Value = value,
                        ValueText = value?.ToString(CultureInfo.InvariantCulture),
                        Unit = field.UnitKey is not null ? table.UnitOf(row.Key, field.Key) : null,
                        Confidence = src is null ? null : JsonNamingPolicy.CamelCase.ConvertName(src.Confidence.ToString()),
                        SrcStart = src?.Start, SrcLength = src?.Length, SrcText = src?.Text, Page = src?.Box?.Page,
                        Box = src?.Box is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b.Left:0.#},{b.Bottom:0.#},{b.Right:0.#},{b.Top:0.#}") : null,
                        SrcTable = src?.Table, SrcRow = src?.Row, SrcColumn = src?.Column,
                    };
                }
            tableIndex++;
        }
    }

    /// <summary>
    /// Makes the latest arrival of an agency-year current, then refreshes what hangs on it: the
    /// findings across years with the neighbouring years and the cells they settle.
    /// </summary>
    public void RecomputeCurrent(string agencyId, int year)
    {
        var versions = _db.Query<string>("SELECT id FROM reports WHERE agency_id = @agencyId AND year = @year ORDER BY arrival DESC", new { agencyId, year }, tx).ToList();
        if (versions.Count == 0)
        {
            // The year is gone (its only report moved to another agency or year): its neighbours lost a partner.
            new CrossReportChecks(store, tx).Refresh(agencyId, year);
            return;
        }
        var current = versions[0];
        _db.Execute("UPDATE reports SET is_current = 1, superseded_by = NULL WHERE id = @current", new { current }, tx);
        foreach (var old in versions.Skip(1))
        {
            _db.Execute("UPDATE reports SET is_current = 0, superseded_by = @current WHERE id = @old", new { current, old }, tx);
            // Findings across years belong to pairs of current versions only.
            _db.Execute("DELETE FROM cross_findings WHERE report_id = @old OR neighbour_id = @old", new { old }, tx);
            Unsettle(old);
        }
        new CrossReportChecks(store, tx).Refresh(agencyId, year);
    }

    /// <summary>Puts cells settled by a neighbouring year back to ambiguous (the neighbour changed).</summary>
    internal void Unsettle(string reportId) =>
        _db.Execute(UnsettleSql + " WHERE report_id = @reportId AND status = 'settled'", new { reportId }, tx);

    private const string UnsettleSql =
        "UPDATE cells SET status = 'ambiguous', value = NULL, value_text = NULL, confidence = NULL, src_text = NULL, neighbour_id = NULL";
}
