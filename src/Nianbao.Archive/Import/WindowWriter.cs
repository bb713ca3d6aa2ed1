using System.Data;
using System.Globalization;
using Dapper;
using Nianbao.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Nianbao.Archive.Import;

/// <summary>What an import keeps from one window to the next: agencies resolved, digests of the versions recently stored or compared.</summary>
internal sealed class ImportRunState
{
    public ImportRunState(ArchiveStore store)
    {
        Registry = new(store);
        Placements = new(Registry.Placer);
    }

    public AgencyRegistry Registry { get; }
    public SettledNames Names { get; } = new();
    public ReportDigests Digests { get; } = new();
    /// <summary>Placements the parse workers made, reused for the same name and mentions (the same result, less work).</summary>
    public Nianbao.Regions.Placement.PlacementMemo Placements { get; }
    /// <summary>Windows written since the checks across years were last computed (<see cref="CrossReportChecks.CatchUp"/>).</summary>
    public int WindowsSinceCrossChecks { get; set; }
    /// <summary>Every how many windows the checks across years are computed (<see cref="ImportOptions.CrossCheckWindows"/>).</summary>
    public int CrossCheckWindows { get; init; } = 64;
    /// <summary>PostgreSQL: the arrival number at which the tables the windows grow are analyzed next (<see cref="WindowWriter"/>); 0 before the first window.</summary>
    public long AnalyzeAt { get; set; }
}

/// <summary>
/// Writes one window of an import inside its transaction. Each report's agency is resolved as it
/// comes (in input order: a name's first report decides its agency), its rows are collected and written
/// together — on SQLite through statements kept prepared, on PostgreSQL in one batch and one COPY per
/// table — and at the end the window's agency-years get their current versions and checks across years,
/// each pair and each report once. The result is the archive the report-by-report writer made: which
/// version is current, the findings across years and the settled cells depend on the set of current
/// versions only (docs/archive.md), not on when within the window they were computed.
/// </summary>
internal sealed class WindowWriter
{
    private readonly ArchiveStore _store;
    private readonly IDbConnection _db;
    private readonly IDbTransaction _tx;
    private readonly ImportRunState _run;
    private readonly StatementBatch _rows;
    private readonly List<(long ReportNo, CellSet? Cells)> _cells = [];
    private readonly List<object?[]> _findings = [];
    // The report rows of versions with an agency and a year, not yet written, in order of arrival.
    private readonly List<((string AgencyId, int Year) Key, object?[] Row)> _versions = [];
    private readonly long _firstArrival;
    private long _nextArrival;
    private readonly string _now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public WindowWriter(ArchiveStore store, IDbTransaction tx, ImportRunState run)
    {
        _store = store;
        _db = store.Connection;
        _tx = tx;
        _run = run;
        // Originals, reports, inputs and the run's inputs: four tables no trigger or constraint ties together, so on
        // PostgreSQL each table's rows of the window go as one insert of arrays (StatementBatch).
        _rows = new StatementBatch(_db, tx, commuting: true);
        // Arrival numbers: read once per window, counted here (one writer, inside the window's transaction).
        _firstArrival = _nextArrival = _db.ExecuteScalar<long>("SELECT COALESCE(MAX(arrival), 0) + 1 FROM reports", transaction: tx);
    }

    /// <summary>Stores a new report version: its original, record, cells and findings (current versions and checks: <see cref="Finish"/>).</summary>
    public string Store(PreparedReport prepared, string fileName, byte[] content, string reader)
    {
        var report = prepared.Report;
        var id = prepared.ReportId;
        var arrival = _nextArrival++;
        var started = WriterTimes.Start();
        var agencyId = _run.Registry.Resolve(report, _tx, prepared.Placement, _run.Names, beforeMerge: WriteRows);
        WriterTimes.Add("agency", started);
        _rows.Add("INSERT INTO originals (sha256, size, file_name, content) VALUES (@p0, @p1, @p2, @p3) ON CONFLICT (sha256) DO NOTHING",
            id, content.LongLength, fileName, content);
        // A version without an agency or a year is its own current version; one with both gets its place among
        // the versions the window writes with it when the rows are written (WriteRows), and the rest in Finish.
        object?[] row =
        [
            id, arrival, agencyId, prepared.Printed, report.Year, prepared.Template, prepared.PublishedOn, fileName, prepared.Format,
            1, null, prepared.Errors, prepared.Warnings, reader, _now, prepared.Vector, prepared.CoversRegion ? 1 : 0,
        ];
        _rows.Add(InsertReportSql, row);
        if (agencyId is not null && report.Year is { } year) _versions.Add(((agencyId, year), row));
        _rows.Add(ReportWriter.InsertRecordSql, arrival, prepared.Record);
        if (prepared.DigestText is { } digest)
            _rows.Add("INSERT INTO report_digests (report_no, digest) VALUES (@p0, @p1)", arrival, digest);
        _cells.Add((arrival, prepared.CellSet));
        _findings.AddRange(prepared.Findings);
        _run.Digests.Put(id, prepared.Digest);
        return id;
    }

    /// <summary>Records what the import did with one input (in this run, and as its standing outcome).</summary>
    public void Record(InputResult r, string importId)
    {
        var outcome = r.Outcome.Name();
        _rows.Add("INSERT INTO import_inputs (import_id, input, sha256, outcome, reason, report_id) VALUES (@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT (import_id, input) DO NOTHING",
            importId, r.Input, r.Sha256, outcome, r.Reason, r.ReportId);
        // The standing outcome of this input is decided once, by the first run that saw these bytes there;
        // a refusal is about who sent it, not about the bytes, so it decides nothing.
        if (r.Outcome == InputOutcome.Refused) return;
        _rows.Add("INSERT INTO inputs (input, sha256, outcome, reason, report_id) VALUES (@p0, @p1, @p2, @p3, @p4) ON CONFLICT (input, sha256) DO NOTHING",
            r.Input, r.Sha256, outcome, r.Reason, r.ReportId);
    }

    private const string InsertReportSql = """
        INSERT INTO reports (id, arrival, agency_id, agency_printed, year, template, published_on, file_name, format, is_current, superseded_by,
                             errors, warnings, reader, imported_at, cell_vector, covers_region)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)
        """;

    private const int IsCurrentArg = 9, SupersededByArg = 10;

    /// <summary>
    /// Gives the report rows about to be written the state <see cref="Finish"/> would give them among
    /// themselves: the newest of each agency-year current, each other superseded by the next to arrive.
    /// Finish then writes only what the versions stored before change (the one they supersede), instead of
    /// updating every new row once more — an update of a report's row fires its row-version triggers and
    /// rewrites its entries in the indexes on is_current. Finish still compares every row with what it should
    /// be, so a merge of agencies between two writes of the window changes nothing in the outcome.
    /// </summary>
    private void PlaceVersions()
    {
        var newer = new Dictionary<(string, int), object?[]>();
        for (var i = _versions.Count - 1; i >= 0; i--)
        {
            var (key, row) = _versions[i];
            var next = newer.GetValueOrDefault(key);
            row[IsCurrentArg] = next is null ? 1 : 0;
            row[SupersededByArg] = next?[0];
            newer[key] = row;
        }
        _versions.Clear();
    }

    /// <summary>Writes the rows collected so far (before anything reads or moves stored reports).</summary>
    public void WriteRows()
    {
        var started = WriterTimes.Start();
        PlaceVersions();
        _rows.Execute();
        WriterTimes.Add("reports, originals, inputs", started);
        started = WriterTimes.Start();
        if (_cells.Count > 0) CellRows.Insert(_db, _tx, _cells);
        WriterTimes.Add("cells", started);
        started = WriterTimes.Start();
        if (_findings.Count > 0) MultiRowInsert.Run(_db, _tx, "findings", ReportWriter.FindingColumns, _findings);
        WriterTimes.Add("findings", started);
        _cells.Clear();
        _findings.Clear();
    }

    /// <summary>
    /// Sets each version's place (current, or superseded by which) and drops the findings across years of
    /// the versions no longer current. Each version is in <paramref name="updates"/> once, so the updates
    /// commute with each other and with the deletes (another table): on PostgreSQL they go as one update
    /// from arrays and one delete, in one round trip, instead of a statement (and statement triggers) per version.
    /// </summary>
    private void WriteCurrentVersions(List<(int Current, string? SupersededBy, string Id)> updates, List<string> demoted)
    {
        if (updates.Count == 0) return;
        if (_db is NpgsqlConnection npgsql)
        {
            using var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)_tx);
            var update = new NpgsqlBatchCommand("""
                UPDATE reports SET is_current = u.cur, superseded_by = u.sup
                FROM unnest($1, $2, $3) AS u(cur, sup, id) WHERE reports.id = u.id
                """);
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = updates.Select(u => u.Current).ToArray() });
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = updates.Select(u => u.SupersededBy).ToArray() });
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = updates.Select(u => u.Id).ToArray() });
            batch.BatchCommands.Add(update);
            if (demoted.Count > 0)
            {
                // By the two indexes (report; neighbour), never by a scan of the whole table: the checks across years
                // grow it and the demotions fill it with dead rows (≈ 570 pages read a window at 20,000 reports), and
                // the planner took its arrays of ≈ 60 ids for most of the table — generic plan or custom, statistics
                // fresh or not (the rows it holds come and go with each group of windows). SET LOCAL lasts to the end
                // of the transaction: set back at once, the window's other statements are planned as before.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_seqscan = off"));
                var delete = new NpgsqlBatchCommand("DELETE FROM cross_findings WHERE report_id = ANY($1) OR neighbour_id = ANY($1)");
                delete.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = demoted.ToArray() });
                batch.BatchCommands.Add(delete);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_seqscan TO DEFAULT"));
            }
            batch.ExecuteNonQuery();
            return;
        }
        var statements = new StatementBatch(_db, _tx);
        var demotedSet = demoted.ToHashSet(StringComparer.Ordinal);
        foreach (var (current, supersededBy, id) in updates)
        {
            statements.Add("UPDATE reports SET is_current = @p0, superseded_by = @p1 WHERE id = @p2", current, supersededBy, id);
            if (demotedSet.Contains(id)) statements.Add("DELETE FROM cross_findings WHERE report_id = @p0 OR neighbour_id = @p0", id);
        }
        statements.Execute();
    }

    /// <summary>
    /// PostgreSQL: the statistics of the tables whose plans the windows depend on (reports, cross_findings) brought up to
    /// date each time the archive has doubled since the run's first window (from 1,024 reports on). Autovacuum
    /// analyzes a table at most once a minute (autovacuum_naptime): an import into a new archive ran for minutes with
    /// the statistics of its first seconds, and the planner took tables of 100,000 rows for a few pages — a scan of
    /// every current report in each window, and of cross_findings for each pair the checks across years compare again
    /// (CrossReportChecks.Refresh: ≈ 670 buffers a pair at 100,000 reports, 9 with fresh statistics). Analyzing reads a sample (≈ 30,000 rows), a few times in a run (7 times
    /// for 100,000 reports); an import into an archive much larger than itself (an upload) never does it. Without the
    /// table's ownership PostgreSQL skips it with a warning.
    /// </summary>
    private void AnalyzeGrown()
    {
        var last = _nextArrival - 1;
        if (_run.AnalyzeAt == 0) _run.AnalyzeAt = Math.Max(1024, 2 * _firstArrival);
        if (last < _run.AnalyzeAt) return;
        var started = WriterTimes.Start();
        // Only the columns these plans filter and join on: all of them took ≈ 90 ms at 16,000 reports (each report's
        // vector read and measured in the sample).
        _db.Execute("ANALYZE reports (id, arrival, agency_id, year, is_current), cross_findings (report_id, neighbour_id)", transaction: _tx);
        _run.AnalyzeAt = 2 * last;
        WriterTimes.Add("statistics", started);
    }

    // The window's own versions: the first half of both databases' versions query.
    private const string WindowVersionsSql = """
        SELECT id AS Id, agency_id AS AgencyId, year AS Year, arrival AS Arrival, is_current AS IsCurrent, superseded_by AS SupersededBy
        FROM reports WHERE arrival >= @first AND agency_id IS NOT NULL AND year IS NOT NULL
        """;

    private const string VersionsSql = WindowVersionsSql + """

        UNION
        SELECT r.id, r.agency_id, r.year, r.arrival, r.is_current, r.superseded_by
        FROM (SELECT agency_id FROM reports WHERE arrival >= @first AND agency_id IS NOT NULL) w CROSS JOIN reports r
        WHERE r.agency_id = w.agency_id AND r.is_current = 1 AND +r.year IS NOT NULL
        """;

    // PostgreSQL: the current versions of the window's agency-years only (Finish reads no other), through
    // ix_reports_current_agency by agency AND year. By agency alone the scan went through the index entries of
    // every year's versions ever current — an entry of a superseded version stays until the table is vacuumed,
    // and each costs a visit to its heap page: ≈ 100 buffers an agency at 20,000 generated reports, 8 ms a
    // window and growing with the archive (the import's costliest statement on the server).
    //
    // Planned for its values each time (SET LOCAL lasts to the end of the transaction: set back at once, the window's
    // other statements keep their prepared plans): the generic plan PostgreSQL made of it in the first windows (after
    // five executions: ArchiveDatabase.Open prepares what an import repeats) takes `arrival >= $1` for a third of the
    // table and joined a scan of every current report, ≈ 700 pages a window at 5,000 reports and growing with them.
    private const string VersionsPostgresSql = """
        SET LOCAL plan_cache_mode = force_custom_plan;

        """ + WindowVersionsSql + """

        UNION
        SELECT r.id, r.agency_id, r.year, r.arrival, r.is_current, r.superseded_by
        FROM (SELECT DISTINCT agency_id, year FROM reports WHERE arrival >= @first AND agency_id IS NOT NULL AND year IS NOT NULL) w
        JOIN reports r ON r.agency_id = w.agency_id AND r.year = w.year AND r.is_current = 1;
        SET LOCAL plan_cache_mode TO DEFAULT
        """;

    private sealed class VersionRow
    {
        public string Id { get; set; } = "";
        public string AgencyId { get; set; } = "";
        public int Year { get; set; }
        public long Arrival { get; set; }
        public long IsCurrent { get; set; }
        public string? SupersededBy { get; set; }
    }

    /// <summary>
    /// Writes what is left, then makes the newest version of each agency-year the window stored current;
    /// the checks across years of those agency-years are computed once per group of windows
    /// (<see cref="ImportRunState.CrossCheckWindows"/>) and at the end of the run (<see cref="CrossReportChecks.CatchUp"/>).
    /// </summary>
    public void Finish()
    {
        WriteRows();
        if (_nextArrival == _firstArrival) return;
        var started = WriterTimes.Start();
        // The window's versions (their agency as stored: a merge may have moved them) and the current
        // versions of every year of their agencies, in one query. Versions older than the current one are
        // not read: each is already superseded by the one after it, which a new version does not change.
        var rows = _db.Query<VersionRow>(_db is NpgsqlConnection ? VersionsPostgresSql : VersionsSql, new { first = _firstArrival }, _tx).ToList();
        // The current versions of each agency of the window through the index of current versions by agency
        // (ix_reports_current_agency, a few rows an agency), the window's rows first (CROSS JOIN: SQLite keeps
        // that order; the UNION drops the repeats of an agency). Asked `agency_id IN (…) AND is_current = 1`,
        // SQLite searched the index of every current report and filtered it by agency (the whole archive read
        // for each window); asked with `+is_current`, the index by agency and year: every version of those
        // agencies, ≈ 45 a report at 5,000 generated reports and growing with the archive. `+r.year` keeps
        // year out of the choice of index (SQLite; PostgreSQL reads the window's agency-years only: VersionsPostgresSql).
        var touched = rows.Where(r => r.Arrival >= _firstArrival).OrderBy(r => r.Arrival).Select(r => (r.AgencyId, r.Year)).Distinct().ToList();
        if (touched.Count == 0) return;
        var byAgencyYear = rows.GroupBy(r => (r.AgencyId, r.Year)).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Arrival).ToList());

        // Each version is superseded by the next one to arrive (ReportWriter.RecomputeCurrent, for these rows).
        var updates = new List<(int Current, string? SupersededBy, string Id)>();
        var demoted = new List<string>();
        foreach (var key in touched)
        {
            var versions = byAgencyYear[key];
            for (var i = 0; i < versions.Count; i++)
            {
                var v = versions[i];
                var current = i == 0;
                var supersededBy = current ? null : versions[i - 1].Id;
                if ((v.IsCurrent == 1) == current && v.SupersededBy == supersededBy) continue;
                updates.Add((current ? 1 : 0, supersededBy, v.Id));
                // Findings across years belong to pairs of current versions only.
                if (v.IsCurrent == 1 && !current) demoted.Add(v.Id);
                v.IsCurrent = current ? 1 : 0;
                v.SupersededBy = supersededBy;
            }
        }
        WriteCurrentVersions(updates, demoted);
        // Cells a neighbour had settled go back to ambiguous: only reports with an ambiguous table 二 row can have any.
        // A demoted version whose digest is kept is known to have such rows or not; only the others are looked up.
        // It is nobody's neighbour any more: its digest is dropped.
        var writer = new ReportWriter(_store, _tx);
        var unknown = new List<string>();
        foreach (var id in demoted.Order(StringComparer.Ordinal))
        {
            var known = _run.Digests.Peek(id);
            if (known is null) unknown.Add(id);
            else if (known.HasAmbiguousRows) writer.Unsettle(id);
            _run.Digests.Remove(id);
        }
        if (unknown.Count > 0)
            foreach (var id in CrossReportChecks.AmbiguousRows(_db, _tx, unknown).Keys.Order(StringComparer.Ordinal)) writer.Unsettle(id);
        WriterTimes.Add("current versions", started);

        // The checks across years of the agency-years stored since they were last computed, once per group of
        // windows: an agency-year that got several versions meanwhile is compared once, with the last.
        if (++_run.WindowsSinceCrossChecks >= _run.CrossCheckWindows)
        {
            started = WriterTimes.Start();
            CrossReportChecks.CatchUp(_store, _tx, _run.Digests);
            _run.WindowsSinceCrossChecks = 0;
            WriterTimes.Add("checks across years", started);
        }
        if (_db is NpgsqlConnection) AnalyzeGrown();
    }
}
