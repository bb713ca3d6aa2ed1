using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Nianbao.Checks;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Archive;

/// <summary>
/// The checks between an agency's reports of consecutive years (<see cref="CrossYearChecks"/>: carry-over,
/// stock-flow, copied tables and section 五), run whenever a year's current version changes, in
/// either order of arrival; and ambiguous cells settled by a neighbouring year's numbers when exactly
/// one of the document's readings is consistent with them.
/// </summary>
internal sealed class CrossReportChecks(ArchiveStore store, IDbTransaction tx, ReportDigests? cache = null)
{
    /// <summary>Rule of the finding that records a cell settled across years.</summary>
    public const string SettledRule = "R-1X";

    /// <summary>Settlement notes are numbered from here, apart from the pair's check findings.</summary>
    private const int SettledSeq = 1000;

    private readonly IDbConnection _db = store.Connection;
    private readonly Dictionary<string, ReportDigest> _loaded = new(StringComparer.Ordinal);

    public void Refresh(string agencyId, int year) => Refresh([(agencyId, year)], (a, y) => Current(a, y));

    /// <summary>
    /// Refreshes what hangs on the current versions of these agency-years (<paramref name="current"/>
    /// says which version is current, after the change): the pairs with the previous and next year
    /// are compared again, and the year and its neighbours settled again. Each pair and each report is
    /// done once however many of the agency-years name it, with the ambiguous rows of all of them read
    /// in one query: an import refreshes a whole group of windows at once (<see cref="CatchUp"/>).
    /// </summary>
    public void Refresh(IEnumerable<(string Agency, int Year)> agencyYears, Func<string, int, string?> current)
    {
        var pairs = new List<(string Previous, string Current)>();
        var seenPairs = new HashSet<(string, string)>();
        var settle = new Dictionary<string, (string? Previous, string? Next)>(StringComparer.Ordinal);
        var settleOrder = new List<string>();
        void Pair(string previousId, string currentId)
        {
            if (seenPairs.Add((previousId, currentId))) pairs.Add((previousId, currentId));
        }
        void Settling(string id, string? previousId, string? nextId)
        {
            if (!settle.ContainsKey(id)) settleOrder.Add(id);
            settle[id] = (previousId, nextId);
        }
        foreach (var (agencyId, year) in agencyYears)
        {
            var previous = current(agencyId, year - 1);
            var now = current(agencyId, year);
            var next = current(agencyId, year + 1);
            if (now is not null)
            {
                if (previous is not null) Pair(previous, now);
                if (next is not null) Pair(now, next);
                Settling(now, previous, next);
            }
            if (previous is not null) Settling(previous, current(agencyId, year - 2), now);
            if (next is not null) Settling(next, now, current(agencyId, year + 2));
        }
        Prefetch(pairs.SelectMany(p => new[] { p.Previous, p.Current }));
        // The pairs' old findings deleted first, then all new ones inserted together (pairs are distinct).
        var batch = new StatementBatch(_db, tx);
        var inserts = new List<object?[]>();
        foreach (var (previousId, currentId) in pairs)
        {
            batch.Add("DELETE FROM cross_findings WHERE report_id = @p0 AND neighbour_id = @p1 AND rule <> @p2", currentId, previousId, SettledRule);
            ComparePair(previousId, currentId, inserts);
        }
        batch.Execute();
        CrossFindingRows.Insert(_db, tx, inserts);
        // A report whose digest says it has no ambiguous row of table 二 has nothing to settle: not asked for.
        var ambiguous = AmbiguousRows(_db, tx, settleOrder.Where(id => Known(id) is not { HasAmbiguousRows: false }).ToList());
        foreach (var id in settleOrder)
            if (ambiguous.TryGetValue(id, out var rows)) Settle(id, settle[id].Previous, settle[id].Next, rows);
    }

    /// <summary>
    /// Computes the checks across years that are pending: those of every agency-year with a version that arrived
    /// after <c>cross_checks_done.through</c> (an import stores versions without them and calls this once per group
    /// of windows and at the end of its run), then moves the mark to the last arrival — in the caller's
    /// transaction, so the mark and the findings it stands for commit together. The result depends on the set of
    /// current versions only: an agency-year that got several versions since the last time is compared once, with
    /// its current one (the versions it superseded lost their findings when they were superseded). Returns how
    /// many agency-years were refreshed.
    /// </summary>
    internal static int CatchUp(ArchiveStore store, IDbTransaction tx, ReportDigests? cache = null)
    {
        var db = store.Connection;
        // PostgreSQL: the row locked first, so two writers catching up at once take turns (SQLite has one writer).
        var through = db.ExecuteScalar<long?>(db is Npgsql.NpgsqlConnection
            ? "SELECT through FROM cross_checks_done WHERE id = 1 FOR UPDATE"
            : "SELECT through FROM cross_checks_done WHERE id = 1", transaction: tx) ?? 0;
        var last = db.ExecuteScalar<long>("SELECT COALESCE(MAX(arrival), 0) FROM reports", transaction: tx);
        if (last <= through) return 0;
        // The versions that arrived since, by the index of arrivals alone. Asked for DISTINCT agency-years that are
        // not null, SQLite read the index by agency and year instead — the whole archive, ≈ 20 ms at 10,000 reports,
        // for every upload to the server — so the repeats and the versions without an agency or a year are dropped here.
        var touched = db.Query<(string? AgencyId, int? Year)>("SELECT agency_id, year FROM reports WHERE arrival > @through", new { through }, tx)
            .Where(k => k.AgencyId is not null && k.Year is not null)
            .Select(k => (AgencyId: k.AgencyId!, Year: k.Year!.Value))
            .Distinct()
            .OrderBy(k => k.AgencyId, StringComparer.Ordinal).ThenBy(k => k.Year).ToList();
        if (touched.Count > 0)
        {
            // The current versions of every year of those agencies, an agency at a time through the index of current
            // versions by agency (ix_reports_current_agency; a join with the arrivals let SQLite read every current report).
            var currents = new Dictionary<(string, int), string>();
            foreach (var agencyId in touched.Select(k => k.AgencyId).Distinct())
                foreach (var (year, id) in db.Query<(int Year, string Id)>(
                    "SELECT year, id FROM reports WHERE agency_id = @agencyId AND is_current = 1 AND year IS NOT NULL", new { agencyId }, tx))
                    currents[(agencyId, year)] = id;
            new CrossReportChecks(store, tx, cache).Refresh(touched, (agency, year) => currents.GetValueOrDefault((agency, year)));
        }
        db.Execute("UPDATE cross_checks_done SET through = @last WHERE id = 1", new { last }, tx);
        return touched.Count;
    }

    /// <summary>
    /// The ambiguous table 二 rows (R-1 findings with their readings) of these reports: only they can
    /// have cells settled by a neighbouring year. Reports with none are not in the answer.
    /// </summary>
    internal static Dictionary<string, List<(string Cells, string Candidates, string Message)>> AmbiguousRows(IDbConnection db, IDbTransaction tx, IReadOnlyCollection<string> reportIds)
    {
        var found = new Dictionary<string, List<(string, string, string)>>(StringComparer.Ordinal);
        foreach (var chunk in reportIds.Distinct().Chunk(500))
        {
            // Named one by one: Dapper would send a list as one array parameter to PostgreSQL, which IN does not take.
            var args = new DynamicParameters();
            args.Add("rule", Rules.AmbiguousDigits);
            for (var i = 0; i < chunk.Length; i++) args.Add($"id{i}", chunk[i]);
            foreach (var row in db.Query<(string ReportId, string Cells, string Candidates, string Message)>(
                $"SELECT report_id, cells, candidates, message FROM findings WHERE report_id IN ({string.Join(", ", chunk.Select((_, i) => $"@id{i}"))}) AND rule = @rule AND candidates IS NOT NULL AND cells LIKE 'activeDisclosure.%' ORDER BY report_id, seq",
                args, tx))
            {
                if (!found.TryGetValue(row.ReportId, out var list)) found[row.ReportId] = list = [];
                list.Add((row.Cells, row.Candidates, row.Message));
            }
        }
        return found;
    }

    private string? Current(string agencyId, int year) =>
        _db.ExecuteScalar<string?>("SELECT id FROM reports WHERE agency_id = @agencyId AND year = @year AND is_current = 1", new { agencyId, year }, tx);

    /// <summary>What the checks read of a stored version: kept in memory for recent current versions, else read back.</summary>
    private CrossYearFacts Load(string id)
    {
        if (Known(id) is not { } digest)
        {
            Prefetch([id]);
            digest = _loaded[id];
        }
        return digest.Facts;
    }

    private ReportDigest? Known(string id)
    {
        if (_loaded.TryGetValue(id, out var digest)) return digest;
        if (cache?.Get(id) is { } cached) return _loaded[id] = cached;
        return null;
    }

    /// <summary>
    /// Reads the digests of these versions that are not in memory from <c>report_digests</c>, in one query;
    /// a version stored before that table existed (migration 0096) gets its digest made from its record,
    /// once, and written there.
    /// </summary>
    private void Prefetch(IEnumerable<string> ids)
    {
        var missing = ids.Where(id => Known(id) is null).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            // Named one by one: Dapper would send a list as one array parameter to PostgreSQL, which IN does not take.
            var args = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++) args.Add($"id{i}", chunk[i]);
            foreach (var (id, text) in _db.Query<(string Id, string Digest)>(
                $"SELECT r.id, d.digest FROM reports r JOIN report_digests d ON d.report_no = r.arrival WHERE r.id IN ({string.Join(", ", chunk.Select((_, i) => $"@id{i}"))})",
                args, tx))
                Remember(id, ReportDigest.Decode(text));
        }
        foreach (var id in missing)
        {
            if (_loaded.ContainsKey(id)) continue;
            var digest = ReportDigest.Of(store.LoadReport(id, tx));
            if (digest.Encode() is { } text)
                _db.Execute("INSERT INTO report_digests (report_no, digest) SELECT arrival, @text FROM reports WHERE id = @id ON CONFLICT (report_no) DO NOTHING", new { id, text }, tx);
            Remember(id, digest);
        }
    }

    private void Remember(string id, ReportDigest digest)
    {
        _loaded[id] = digest;
        cache?.Put(id, digest);
    }

    private void ComparePair(string previousId, string currentId, List<object?[]> rows)
    {
        IReadOnlyList<Finding> findings;
        try { findings = CrossYearChecks.Compare(Load(previousId), Load(currentId)); }
        catch (ArgumentException) { return; }
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            rows.Add([currentId, previousId, i, f.Rule, f.Severity.ToString().ToLowerInvariant(), f.Message, string.Join(' ', f.Cells)]);
        }
    }

    /// <summary>
    /// Table 二's stock rows (法规/规章/规范性文件): 现行有效(N) = 现行有效(N−1) + 本年制发(N) − 本年废止(N).
    /// A row the document left ambiguous (run-together digits, every reading listed) is settled when
    /// exactly one listed reading satisfies the identity with last year's, next year's or both
    /// neighbours' numbers. A truncated list of readings settles nothing: the true one may be unlisted.
    /// </summary>
    private void Settle(string reportId, string? previousId, string? nextId, List<(string Cells, string Candidates, string Message)> ambiguous)
    {
        // Only a report with an ambiguous row of table 二 can have (had) settled cells: most have none.
        if (ambiguous.Count == 0) return;
        new ReportWriter(store, tx).Unsettle(reportId);
        _db.Execute("DELETE FROM cross_findings WHERE report_id = @reportId AND rule = @settled", new { reportId, settled = SettledRule }, tx);
        if (previousId is null && nextId is null) return;
        var report = Load(reportId);
        var schema = report.ActiveDisclosure?.Schema;
        if (schema is null) return;
        var seq = 0;
        var settledAny = false;
        foreach (var (cellText, candidatesJson, message) in ambiguous)
        {
            var cells = cellText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(CellPath.Parse).ToList();
            if (cells.Select(c => c.Row).Distinct().ToList() is not [var rowKey] || schema.Row(rowKey) is not { } row) continue;
            if (!row.Fields.Any(f => f.Key == "inForce") || !row.Fields.Any(f => f.Key == "issued") || !row.Fields.Any(f => f.Key == "repealed")) continue;
            var readings = Readings(candidatesJson, message, row);
            if (readings is null) continue;
            var before = previousId is null ? null : Load(previousId).ActiveDisclosure is { } p && p.HasRow(rowKey) ? p[rowKey, "inForce"] : null;
            var after = nextId is null ? null : Load(nextId).ActiveDisclosure is { } n && n.HasRow(rowKey) ? n : null;
            decimal? inForceFromNext = after is not null && after[rowKey, "inForce"] is { } ni && after[rowKey, "issued"] is { } nis && after[rowKey, "repealed"] is { } nr
                ? ni - nis + nr : null;
            if (before is null && inForceFromNext is null) continue;
            var fitting = readings.Where(r =>
                r["inForce"] is { } inForce
                && (before is null || (r["issued"] is { } issued && r["repealed"] is { } repealed && inForce == before + issued - repealed))
                && (inForceFromNext is null || inForce == inForceFromNext)).ToList();
            if (fitting.Count != 1) continue;
            var chosen = fitting[0];
            var neighbour = before is not null ? previousId! : nextId!;
            var reading = string.Join(" ", row.Fields.Select(f => Describe(chosen[f.Key])));
            foreach (var cell in cells)
            {
                var value = chosen[cell.Field];
                if (value is null) continue;
                CellRows.Settle(_db, tx, reportId, cell.ToString(), value.Value, reading, neighbour);
            }
            var basis = before is not null && inForceFromNext is not null ? "last year's and next year's reports"
                : before is not null ? "last year's report" : "next year's report";
            var basisZh = before is not null && inForceFromNext is not null ? "上年和下年的报告" : before is not null ? "上年的报告" : "下年的报告";
            settledAny = true;
            _db.Execute("INSERT INTO cross_findings (report_id, neighbour_id, seq, rule, severity, message, cells) VALUES (@reportId, @neighbour, @seq, @rule, 'info', @message, @cells)",
                new
                {
                    reportId, neighbour, seq = SettledSeq + seq++, rule = SettledRule, cells = cellText,
                    // Bilingual as A-2 is: the page shows the Chinese half (before " | ").
                    message = $"{row.PrintedLabel}：文件允许的 {readings.Count} 种读法中只有“{reading}”符合 现行有效 = 上年现行有效 + 本年制发 − 本年废止（依据 {basisZh}），据此确定 | "
                        + $"{row.PrintedLabel}: of the {readings.Count} readings the document allows, only \"{reading}\" fits 现行有效 = 上年现行有效 + 本年制发 − 本年废止 with {basis}; the cells are settled to it (confidence settledByNeighbour)",
                }, tx);
        }
        // The summary reads the cells' states from the report's vector: keep it equal to the rows.
        if (settledAny) CellVector.Refresh(_db, tx, reportId);
    }

    private static string Describe(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "∅";

    /// <summary>
    /// Every reading of the row the document allows, keyed by field; null when they cannot all be known.
    /// The finding lists at most a dozen; when it says there are more, the readings are counted out
    /// from the digits it quotes (each run cut into cells, no leading zeros), and used only if every
    /// listed reading is among them.
    /// </summary>
    internal static List<Dictionary<string, decimal?>>? Readings(string json, string message, RowSchema row)
    {
        var listed = JsonSerializer.Deserialize<List<string>>(json);
        if (listed is null || listed.Count < 2) return null;
        var truncated = listed[^1].StartsWith('…');
        var texts = truncated ? listed.Take(listed.Count - 1).ToList() : listed;
        if (truncated)
        {
            var quoted = System.Text.RegularExpressions.Regex.Match(message, "digits \"(?<d>[0-9 ]+)\"");
            if (!quoted.Success) return null;
            var all = DigitSplits.All(quoted.Groups["d"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), row.Fields.Count, limit: 10_000);
            if (all is null || !texts.All(all.Contains)) return null;
            texts = all;
        }
        var readings = new List<Dictionary<string, decimal?>>();
        foreach (var text in texts)
        {
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != row.Fields.Count) return null;
            var reading = new Dictionary<string, decimal?>(StringComparer.Ordinal);
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] == "∅") { reading[row.Fields[i].Key] = null; continue; }
                if (!decimal.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return null;
                reading[row.Fields[i].Key] = v;
            }
            readings.Add(reading);
        }
        return readings;
    }
}

/// <summary>
/// Inserts rows of <c>cross_findings</c> (report, neighbour, seq, rule, severity, message, cells) together
/// (<see cref="MultiRowInsert"/>: one statement bound by position on SQLite, binary COPY on PostgreSQL).
/// </summary>
internal static class CrossFindingRows
{
    private static readonly string[] Columns = ["report_id", "neighbour_id", "seq", "rule", "severity", "message", "cells"];

    public static void Insert(IDbConnection db, IDbTransaction tx, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count > 0) MultiRowInsert.Run(db, tx, "cross_findings", Columns, rows);
    }
}

/// <summary>
/// What the archive keeps of a version for the checks across years: what <see cref="CrossYearChecks"/> reads
/// (<see cref="CrossYearFacts"/>) and whether it has an ambiguous row of table 二 that a neighbouring year
/// may settle (most reports have none: they need not be looked up in <c>findings</c>).
/// </summary>
internal sealed record ReportDigest(CrossYearFacts Facts, bool HasAmbiguousRows)
{
    public static ReportDigest Of(Report report) => new(CrossYearFacts.Of(report), report.Findings.Any(IsAmbiguousRow));

    private const string Version = "1";

    /// <summary>
    /// The digest as <c>report_digests</c> stores it, five lines: format version, year, 1 when it has an
    /// ambiguous row of table 二, section 五's fingerprint (<c>length:hash</c>), then the tables' numbers as
    /// read in the layout of a <see cref="CellVector"/> (no units: no check reads them). Null when a table
    /// is of no national template (the vector cannot name it): such a version is read from its record.
    /// </summary>
    public string? Encode()
    {
        var tables = CellVector.Encode(Facts.Tables.Select(t => (t.Schema, (IReadOnlyList<(string, string?, string?)>)Cells(t))));
        if (tables is null) return null;
        return string.Join('\n', Version, Facts.Year?.ToString(CultureInfo.InvariantCulture) ?? "", HasAmbiguousRows ? "1" : "0", Facts.Problems?.ToString() ?? "", tables);
    }

    private static List<(string, string?, string?)> Cells(TableValues table)
    {
        var cells = new List<(string, string?, string?)>(table.Schema.CellCount);
        for (var slot = 0; slot < table.Schema.CellCount; slot++)
            cells.Add(table.ValueAt(slot) is { } v ? (CellStatus.Value, v.ToString(CultureInfo.InvariantCulture), null) : (CellStatus.Blank, null, null));
        return cells;
    }

    public static ReportDigest Decode(string text)
    {
        var lines = text.Split('\n', 5);
        if (lines.Length != 5 || lines[0] != Version) throw new FormatException("Not a report digest of this version.");
        var drafts = new Dictionary<TableKind, TableDraft>();
        var read = CellVector.Read(lines[4], (TableSchema schema, int slot, VectorState state, ReadOnlySpan<char> value, string? _) =>
        {
            if (!drafts.TryGetValue(schema.Kind, out var draft)) drafts[schema.Kind] = draft = new TableDraft(schema);
            if (state == VectorState.Value)
                draft.SetAt(slot, decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        });
        if (!read) throw new FormatException("A report digest's tables are not a cell vector.");
        var facts = new CrossYearFacts(
            lines[1].Length == 0 ? null : int.Parse(lines[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            drafts.GetValueOrDefault(TableKind.ActiveDisclosure)?.ToValues(), drafts.GetValueOrDefault(TableKind.Applications)?.ToValues(),
            drafts.GetValueOrDefault(TableKind.ReviewsAndLawsuits)?.ToValues(), ProblemsFingerprint.Parse(lines[3].Length == 0 ? null : lines[3]));
        return new(facts, lines[2] == "1");
    }

    /// <summary>A finding <see cref="CrossReportChecks.AmbiguousRows"/> reads back (R-1 with readings, on table 二).</summary>
    private static bool IsAmbiguousRow(Finding f) =>
        f.Rule == Rules.AmbiguousDigits && f.Candidates is not null && f.Cells.Count > 0 && f.Cells[0].Table == TableKind.ActiveDisclosure;
}

/// <summary>
/// Digests of versions recently stored or read, by report id, for the checks across years: an import
/// compares each new report with its neighbouring years' current versions — kept here, they need not be
/// read back. A digest is the report's tables and a fingerprint (≈ 5 KB, a thirtieth of the report), so
/// many are kept; bounded by count, the least recently used dropped first, so memory does not grow with
/// the batch or the archive. A version no longer current is dropped at once (it is nobody's neighbour).
/// </summary>
internal sealed class ReportDigests(int capacity = 16_384)
{
    private readonly Dictionary<string, LinkedListNode<(string Id, ReportDigest Digest)>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, ReportDigest Digest)> _recent = new();

    public int Count => _byId.Count;

    /// <summary>The digest, marked as just used.</summary>
    public ReportDigest? Get(string id)
    {
        if (!_byId.TryGetValue(id, out var node)) return null;
        _recent.Remove(node);
        _recent.AddFirst(node);
        return node.Value.Digest;
    }

    /// <summary>The digest, if kept, without marking it used.</summary>
    public ReportDigest? Peek(string id) => _byId.TryGetValue(id, out var node) ? node.Value.Digest : null;

    public void Put(string id, ReportDigest digest)
    {
        if (_byId.TryGetValue(id, out var node)) _recent.Remove(node);
        node = _recent.AddFirst((id, digest));
        _byId[id] = node;
        while (_byId.Count > capacity)
        {
            var last = _recent.Last!;
            _recent.RemoveLast();
            _byId.Remove(last.Value.Id);
        }
    }

    public void Remove(string id)
    {
        if (_byId.Remove(id, out var node)) _recent.Remove(node);
    }
}

/// <summary>The ways to cut runs of digits into a number of cells (whole counts, no leading zeros), as "a b c".</summary>
internal static class DigitSplits
{
    /// <summary>Null when there are more than <paramref name="limit"/>.</summary>
    public static List<string>? All(IReadOnlyList<string> runs, int cells, int limit)
    {
        if (runs.Any(r => r.Length == 0 || !r.All(char.IsAsciiDigit))) return null;
        var results = new List<string>();
        var parts = new List<string>();
        bool Walk(int run, int offset)
        {
            if (results.Count > limit) return false;
            if (run == runs.Count) { if (parts.Count == cells) results.Add(string.Join(" ", parts)); return true; }
            var digits = runs[run];
            if (offset == digits.Length) return Walk(run + 1, 0);
            if (parts.Count == cells) return true;
            var maxEnd = digits[offset] == '0' ? offset + 1 : digits.Length;
            for (var end = offset + 1; end <= maxEnd; end++)
            {
                parts.Add(digits[offset..end]);
                var ok = Walk(run, end);
                parts.RemoveAt(parts.Count - 1);
                if (!ok) return false;
            }
            return true;
        }
        return Walk(0, 0) && results.Count <= limit ? results : null;
    }
}
