using System.Data;
using System.Globalization;
using System.Text;
using Dapper;
using Nianbao.Domain;

namespace Nianbao.Archive;

/// <summary>
/// A region's own summary report against its agencies' reports (rule A-2, docs/checks.md; A-1 is the claim itself, recorded as reports.covers_region): where a
/// government's (or its office's) report says it covers its whole region (全县, 全市, 汇总 …) and
/// reports of agencies placed in that region are archived for the same year, each number of the
/// summary is compared with the sum of theirs. A sub-region with a summary of its own counts by that
/// summary (a city's sum takes the county's 全县 report, not the county's agencies again). A cell is
/// compared only where every report summed gives a number for it — a blank is not 0 — and a
/// mismatch is a warning naming the cells and both numbers: the agencies archived may not be all.
/// </summary>
public sealed class RegionChecks(ArchiveStore store)
{
    public const string Rule = "A-2";

    /// <summary>The neighbour a finding of this rule names: the region, not one report.</summary>
    public const string NeighbourPrefix = "region:";

    /// <summary>Words by which a report says it covers its whole region rather than one agency.</summary>
    private static readonly string[] WholeRegionMarkers = ["全县", "全市", "全区", "全省", "全州", "全旗", "全盟", "汇总"];

    /// <summary>Whether the report's own words (its agency as printed, its sections) claim the whole region.</summary>
    public static bool ClaimsWholeRegion(Report report)
    {
        bool Has(string? text) => text is not null && WholeRegionMarkers.Any(m => text.Contains(m, StringComparison.Ordinal));
        return Has(report.Agency) || report.Sections.Any(s => Has(s.Title) || Has(s.Text));
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string RegionCode { get; set; } = "";
        public string? Vector { get; set; }
        public long CoversRegion { get; set; }
        public string? Kind { get; set; }
    }

    /// <summary>Computes the findings of these years again (in one transaction of its own).</summary>
    public void Refresh(IEnumerable<int> years)
    {
        var db = store.Connection;
        using var tx = store.BeginTransaction();
        foreach (var year in years.Distinct().Order())
        {
            db.Execute($"DELETE FROM cross_findings WHERE rule = @rule AND report_id IN (SELECT id FROM reports WHERE year = @year)", new { rule = Rule, year }, tx);
            var claims = db.Query<Row>("""
                SELECT r.id AS Id, a.region_code AS RegionCode, r.cell_vector AS Vector, r.covers_region AS CoversRegion, a.kind AS Kind
                FROM reports r JOIN agencies a ON a.id = r.agency_id
                WHERE r.year = @year AND r.is_current = 1 AND r.covers_region = 1 AND a.placement_status = 'placed'
                  AND a.region_code IS NOT NULL AND a.kind IN ('government', 'office')
                """, new { year }, tx).ToList();
            // Two reports claiming one region: which one is its summary is not guessed.
            var summaries = claims.GroupBy(c => c.RegionCode).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
            foreach (var summary in summaries.OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                var prefix = ArchiveStore.RegionPrefix(summary.RegionCode);
                var below = db.Query<Row>("""
                    SELECT r.id AS Id, a.region_code AS RegionCode, r.cell_vector AS Vector, r.covers_region AS CoversRegion, a.kind AS Kind
                    FROM reports r JOIN agencies a ON a.id = r.agency_id
                    WHERE r.year = @year AND r.is_current = 1 AND a.placement_status = 'placed' AND a.region_code LIKE @like
                    """, new { year, like = prefix + "%" }, tx).ToList();
                Compare(summary, below, summaries.Select(s => s.Id).ToHashSet(StringComparer.Ordinal), tx);
            }
        }
        tx.Commit();
    }

    private void Compare(Row summary, List<Row> below, HashSet<string> summaryIds, IDbTransaction tx)
    {
        var own = Cells(summary.Vector);
        if (own is null) return;
        // The region's parts: a sub-region's own summary stands for everything under it.
        var subSummaries = below.Where(r => r.Id != summary.Id && summaryIds.Contains(r.Id)).ToList();
        var subPrefixes = subSummaries.Select(s => ArchiveStore.RegionPrefix(s.RegionCode)).ToList();
        var parts = below.Where(r => r.Id != summary.Id
                && (summaryIds.Contains(r.Id)
                    ? !subPrefixes.Any(p => p.Length < ArchiveStore.RegionPrefix(r.RegionCode).Length && r.RegionCode.StartsWith(p, StringComparison.Ordinal))
                    : !subPrefixes.Any(p => r.RegionCode.StartsWith(p, StringComparison.Ordinal))))
            .OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (parts.Count == 0) return;
        var partCells = parts.Select(p => Cells(p.Vector)).ToList();
        if (partCells.Any(c => c is null)) return;
        var mismatches = new List<(CellPath Path, decimal Own, decimal Sum)>();
        foreach (var (path, value) in own)
        {
            if (value is not { } v) continue;
            var sum = 0m;
            var known = true;
            foreach (var cells in partCells)
            {
                if (cells!.TryGetValue(path, out var x) && x is { } n) sum += n;
                else { known = false; break; }
            }
            if (known && sum != v) mismatches.Add((path, v, sum));
        }
        var seq = 0;
        foreach (var table in mismatches.GroupBy(m => m.Path.Table).OrderBy(g => g.Key))
        {
            var list = table.ToList();
            var shown = string.Join("；", list.Take(12).Select(m => $"{m.Path} {Text(m.Own)} ≠ {Text(m.Sum)}"));
            var more = list.Count > 12 ? $"（另有 {list.Count - 12} 处 and {list.Count - 12} more）" : "";
            var message = $"{TableLabel(table.Key)}：本报告称覆盖全地区，其数字与本地区 {parts.Count} 份机关报告之和不符（报告数 ≠ 机关合计）："
                + $"{shown}{more} | the report says it covers its whole region; {list.Count} of its numbers differ from the sum of the {parts.Count} agency reports archived for the region (report ≠ sum)";
            store.Connection.Execute("INSERT INTO cross_findings (report_id, neighbour_id, seq, rule, severity, message, cells) VALUES (@id, @neighbour, @seq, @rule, 'warning', @message, @cells)",
                new { id = summary.Id, neighbour = NeighbourPrefix + summary.RegionCode, seq = seq++, rule = Rule, message, cells = string.Join(' ', list.Select(m => m.Path.ToString())) }, tx);
        }
    }

    private static string TableLabel(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => "表二",
        TableKind.Applications => "表三",
        _ => "表四",
    };

    private static string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>A report's cells by path (null: no number), from its vector; null when it has none.</summary>
    private static Dictionary<CellPath, decimal?>? Cells(string? vector)
    {
        if (vector is null) return null;
        var cells = new Dictionary<CellPath, decimal?>();
        var ok = CellVector.Read(vector, (schema, slot, state, value, _) =>
            cells[schema.PathAt(slot)] = state == VectorState.Value ? decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture) : null);
        return ok ? cells : null;
    }
}
