using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Archive;

/// <summary>
/// Writes reports inside the caller's transaction, so a report is stored whole or not at all, and
/// keeps what depends on the set of current versions — which version is current, the findings
/// across years, cells settled by a neighbouring year — a function of that set alone, whatever the
/// order in which the reports arrived.
/// </summary>
internal sealed class ReportWriter(ArchiveStore store, IDbTransaction tx)
{
    private readonly IDbConnection _db = store.Connection;

    /// <summary>A report's findings as rows of <c>findings</c>, its cells' of <c>cells</c>.</summary>
    internal void InsertContent(PreparedReport prepared, long reportNo)
    {
        Archive.CellRows.Insert(_db, tx, [(reportNo, prepared.CellSet)]);
        MultiRowInsert.Run(_db, tx, "findings", FindingColumns, prepared.Findings);
    }

    /// <summary>
    /// Replaces a stored version's record, cells and findings with a new reading of the same original
    /// (<c>nianbao reparse</c>); its place in the order of arrival stays. The agency-years it left and
    /// joined get their current version and checks across years recomputed.
    /// </summary>
    public void Replace(string reportId, Report report, string reader)
    {
        var before = _db.QuerySingle<(string? AgencyId, int? Year, long Arrival)>("SELECT agency_id, year, arrival FROM reports WHERE id = @reportId", new { reportId }, tx);
        var agencyId = new AgencyRegistry(store).Resolve(report, tx); // placed on the division tree as it arrives
        _db.Execute("DELETE FROM cross_findings WHERE report_id = @reportId OR neighbour_id = @reportId", new { reportId }, tx);
        var settledBy = Archive.CellRows.SettledBy(_db, tx, reportId);
        Archive.CellRows.UnsettleBy(_db, tx, reportId);
        foreach (var other in settledBy) CellVector.Refresh(_db, tx, other);
        var prepared = PreparedReport.Of(reportId, report, store.Provider);
        Archive.CellRows.Delete(_db, tx, before.Arrival);
        _db.Execute("DELETE FROM findings WHERE report_id = @reportId", new { reportId }, tx);
        _db.Execute("""
            UPDATE reports SET agency_id = @agencyId, agency_printed = @Printed, year = @Year, template = @Template, published_on = @PublishedOn,
                format = @Format, errors = @Errors, warnings = @Warnings, reader = @reader, is_current = 0, superseded_by = NULL,
                cell_vector = @Vector, covers_region = @CoversRegion
            WHERE id = @reportId
            """,
            new
            {
                reportId, agencyId, prepared.Printed, report.Year, prepared.Template, prepared.PublishedOn, prepared.Format, prepared.Errors, prepared.Warnings,
                reader, prepared.Vector, CoversRegion = prepared.CoversRegion ? 1 : 0,
            }, tx);
        _db.Execute("UPDATE report_records SET record = @Record WHERE arrival = @Arrival", new { Record = Utf8Text.Decoded(prepared.Record), before.Arrival }, tx);
        InsertContent(prepared, before.Arrival);
        // What the checks across years read of it changed with the record.
        _db.Execute("DELETE FROM report_digests WHERE report_no = @reportNo", new { reportNo = before.Arrival }, tx);
        if (prepared.DigestText is { } digest)
            _db.Execute("INSERT INTO report_digests (report_no, digest) VALUES (@reportNo, @digest)", new { reportNo = before.Arrival, digest }, tx);
        if (before.AgencyId is not null && before.Year is { } oldYear && (before.AgencyId != agencyId || before.Year != report.Year))
            RecomputeCurrent(before.AgencyId, oldYear);
        if (agencyId is not null && report.Year is { } year) RecomputeCurrent(agencyId, year);
        else _db.Execute("UPDATE reports SET is_current = 1 WHERE id = @reportId", new { reportId }, tx);
    }

    /// <summary>A new report's record, beside its row (migration 0094): keyed by its arrival number (<c>@p0</c>), the record <c>@p1</c>.</summary>
    internal const string InsertRecordSql = "INSERT INTO report_records (arrival, record) VALUES (@p0, @p1)";

    /// <summary>The record of the report <c>@reportId</c>.</summary>
    internal const string RecordOf = "SELECT record FROM report_records WHERE arrival = (SELECT arrival FROM reports WHERE id = @reportId)";

    internal static readonly string[] FindingColumns = ["report_id", "seq", "rule", "severity", "kind", "message", "cells", "candidates", "args"];

    /// <summary>Cells are numbered <c>table × SeqPerTable + slot</c> (the table's place in the report, the cell's in its schema).</summary>
    internal const int SeqPerTable = 10_000;

    /// <summary>The fee-collection table's name in <c>cells</c> (<c>feeCollection.notifiedCount</c> …), as the record names it.</summary>
    public const string FeeCollectionTable = CellStatus.FeeCollectionTable;

    /// <summary>The fee-collection cells' <c>seq</c>: after any statutory table's.</summary>
    internal const int FeeCollectionSeq = 90 * SeqPerTable;

    /// <summary>
    /// Makes the latest arrival of an agency-year current, then refreshes what hangs on it: the
    /// findings across years with the neighbouring years and the cells they settle.
    /// </summary>
    public void RecomputeCurrent(string agencyId, int year, ReportDigests? cache = null)
    {
        var versions = _db.Query<VersionRow>("SELECT id AS Id, is_current AS IsCurrent, superseded_by AS SupersededBy FROM reports WHERE agency_id = @agencyId AND year = @year ORDER BY arrival DESC",
            new { agencyId, year }, tx).ToList();
        // Each version is superseded by the next one to arrive; only rows whose state changes are written,
        // so an agency-year with many versions costs no more than one with two.
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            var current = i == 0;
            var supersededBy = current ? null : versions[i - 1].Id;
            if ((v.IsCurrent == 1) == current && v.SupersededBy == supersededBy) continue;
            _db.Execute("UPDATE reports SET is_current = @current, superseded_by = @supersededBy WHERE id = @Id",
                new { current = current ? 1 : 0, supersededBy, v.Id }, tx);
            if (v.IsCurrent == 1 && !current)
            {
                // Findings across years belong to pairs of current versions only.
                _db.Execute("DELETE FROM cross_findings WHERE report_id = @Id OR neighbour_id = @Id", new { v.Id }, tx);
                Unsettle(v.Id);
            }
        }
        // With no version left (its only report moved to another agency or year), the neighbours lost a partner.
        new CrossReportChecks(store, tx, cache).Refresh(agencyId, year);
    }

    private sealed class VersionRow
    {
        public string Id { get; set; } = "";
        public long IsCurrent { get; set; }
        public string? SupersededBy { get; set; }
    }

    /// <summary>Puts cells settled by a neighbouring year back to ambiguous (the neighbour changed).</summary>
    internal void Unsettle(string reportId)
    {
        if (Archive.CellRows.Unsettle(_db, tx, reportId) > 0)
            CellVector.Refresh(_db, tx, reportId);
    }
}

/// <summary>
/// Everything of a report's rows that does not need the database — the record's JSON, its cells and
/// findings as rows, its cell vector, its counts — computed once, on a parse worker during an import,
/// so that the one writer thread only writes.
/// </summary>
internal sealed class PreparedReport
{
    public required string ReportId { get; init; }
    public required Report Report { get; init; }
    /// <summary>The agency as printed, normalized (<see cref="AgencyNames.Normalize"/>).</summary>
    public required string? Printed { get; init; }
    public required string Template { get; init; }
    public required string? PublishedOn { get; init; }
    public required string Format { get; init; }
    public required int Errors { get; init; }
    public required int Warnings { get; init; }
    /// <summary>
    /// The record as stored in <c>report_records</c> (<see cref="StoredRecord"/>): zlib bytes on SQLite, on PostgreSQL
    /// its JSON as <see cref="Utf8Text"/> (bound as text).
    /// </summary>
    public required object Record { get; init; }
    /// <summary>Its cells as stored (<see cref="Archive.CellSet"/>); null when it has none.</summary>
    public required CellSet? CellSet { get; init; }
    public required IReadOnlyList<object?[]> Findings { get; init; }
    public required string? Vector { get; init; }
    public required bool CoversRegion { get; init; }
    /// <summary>What the checks across years read of it (<see cref="ReportDigest"/>) and its text in <c>report_digests</c> (null: none stored).</summary>
    public required ReportDigest Digest { get; init; }
    public required string? DigestText { get; init; }
    /// <summary>The placement of the agency's name and the report's text, when computed beforehand (null: by the writer, if needed).</summary>
    public Nianbao.Regions.Placement.AgencyPlacement? Placement { get; init; }

    /// <summary>Gives the record's and the cells' arrays back to their pool, once they are stored (they are not read again).</summary>
    public void Return()
    {
        (Record as Utf8Text)?.Return();
        CellSet?.Json.Return();
    }

    public static PreparedReport Of(string reportId, Report report, ArchiveProvider provider, Nianbao.Regions.Placement.AgencyPlacement? placement = null)
    {
        var (cells, vector) = CellSetWriter.Of(report);
        var digest = ReportDigest.Of(report);
        return new PreparedReport
        {
            ReportId = reportId,
            Report = report,
            Printed = report.Agency is { } a ? AgencyNames.Normalize(a) : null,
            Template = report.Template.ToContractName(),
            PublishedOn = report.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Format = report.Source?.Format ?? "",
            Errors = report.Findings.Count(f => f.Severity == Severity.Error),
            Warnings = report.Findings.Count(f => f.Severity == Severity.Warning),
            Record = StoredRecord.Of(ReportJson.SerializeToUtf8(report, Utf8Text.Lent), provider),
            CellSet = cells,
            Findings = report.Findings.Select((f, i) => new object?[]
            {
                reportId, i, f.Rule, f.Severity.ToString().ToLowerInvariant(), f.Origin == FindingOrigin.Reading ? "reading" : "check", f.Message,
                string.Join(' ', f.Cells), f.Candidates is { } c ? JsonSerializer.Serialize(c) : null,
                f.Args is { Count: > 0 } args ? JsonSerializer.Serialize(args.ToDictionary(x => x.Key, x => x.Value)) : null,
            }).ToList(),
            Vector = vector,
            CoversRegion = RegionChecks.ClaimsWholeRegion(report),
            Digest = digest,
            DigestText = digest.Encode(),
            Placement = placement,
        };
    }
}
