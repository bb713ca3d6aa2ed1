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
internal sealed class CrossReportChecks(ArchiveStore store, IDbTransaction tx, ReportCache? cache = null)
{
    /// <summary>Rule of the finding that records a cell settled across years.</summary>
    public const string SettledRule = "R-1X";

    /// <summary>Settlement notes are numbered from here, apart from the pair's check findings.</summary>
    private const int SettledSeq = 1000;

    private readonly IDbConnection _db = store.Connection;
    private readonly Dictionary<string, Report> _loaded = new(StringComparer.Ordinal);

    public void Refresh(string agencyId, int year) => Refresh([(agencyId, year)], (a, y) => Current(a, y));

    /// <summary>
    /// Refreshes what hangs on the current versions of these agency-years (<paramref name="current"/>
    /// says which version is current, after the change): the pairs with the previous and next year
    /// are compared again, and the year and its neighbours settled again. Each pair and each report is
    /// done once however many of the agency-years name it, with the ambiguous rows of all of them read
    /// in one query: an import refreshes a whole window at once.
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
        // Commuting: each pair's delete touches only that pair's rows, so the deletes may all go first and the
        // inserts then go as one (StatementBatch, PostgreSQL).
        var batch = new StatementBatch(_db, tx, commuting: true);
        foreach (var (previousId, currentId) in pairs) ComparePair(previousId, currentId, batch);
        batch.Execute();
        var ambiguous = AmbiguousRows(_db, tx, settleOrder);
        foreach (var id in settleOrder)
            if (ambiguous.TryGetValue(id, out var rows)) Settle(id, settle[id].Previous, settle[id].Next, rows);
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

    private Report Load(string id)
    {
        if (_loaded.TryGetValue(id, out var report)) return report;
        if (cache?.Get(id) is { } cached) return _loaded[id] = cached;
        _loaded[id] = report = store.LoadReport(id, tx);
        cache?.Put(id, report);
        return report;
    }

    private void ComparePair(string previousId, string currentId, StatementBatch batch)
    {
        batch.Add("DELETE FROM cross_findings WHERE report_id = @p0 AND neighbour_id = @p1 AND rule <> @p2", currentId, previousId, SettledRule);
        IReadOnlyList<Finding> findings;
        try { findings = CrossYearChecks.Compare(Load(previousId), Load(currentId)); }
        catch (ArgumentException) { return; }
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            batch.Add("INSERT INTO cross_findings (report_id, neighbour_id, seq, rule, severity, message, cells) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)",
                currentId, previousId, i, f.Rule, f.Severity.ToString().ToLowerInvariant(), f.Message, string.Join(' ', f.Cells));
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
                _db.Execute("""
                    UPDATE cell_rows SET status = 'settled', value = @value, value_text = @text, confidence = 'settledByNeighbour', src_text = @reading, neighbour_id = @neighbour
                    WHERE report_no = (SELECT arrival FROM reports WHERE id = @reportId) AND path_id = (SELECT id FROM cell_paths WHERE path = @path) AND status = 'ambiguous'
                    """, new { value, text = value.Value.ToString(CultureInfo.InvariantCulture), reading, neighbour, reportId, path = cell.ToString() }, tx);
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
/// Reports recently stored or read, by id, for the checks across years: an import compares each new
/// report with its neighbouring years, which are usually the reports it stored a little earlier —
/// kept here, they need not be read back from their JSON records (lossless: the record read back is
/// the report, RecordRoundTripProperties). Bounded, the oldest dropped first, so memory does not grow
/// with the size of the batch.
/// </summary>
internal sealed class ReportCache(int capacity = 1024)
{
    private readonly Dictionary<string, Report> _reports = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public Report? Get(string id) => _reports.GetValueOrDefault(id);

    public void Put(string id, Report report)
    {
        if (_reports.TryAdd(id, report)) _order.Enqueue(id);
        else _reports[id] = report;
        while (_order.Count > capacity) _reports.Remove(_order.Dequeue());
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
