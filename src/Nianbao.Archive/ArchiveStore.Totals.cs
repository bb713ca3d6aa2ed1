using System.Globalization;
using Dapper;

namespace Nianbao.Archive;

/// <summary>What the database groups cell totals by: a column of the report or its agency, never a computed key.</summary>
public enum CellGrouping { None, Agency, Level, Region, Year }

/// <summary>
/// How many reports of a group hold a cell in one state (value — settled ones included —, blank, ambiguous, unread), and the sum of the whole numbers among them
/// (numbers with decimals are listed apart in <see cref="CellTotals.Fractions"/> and added exactly by the caller).
/// </summary>
public sealed record CellStateCount(string Group, string Path, string Status, long Count, decimal WholeSum);

/// <summary>A number with decimals of one cell of one report, as its exact text.</summary>
public sealed record CellFraction(string Group, string Path, string ValueText);

/// <summary>A unit printed with the numbers of a cell in a group, and the first report (by id) that printed it so.</summary>
public sealed record CellUnitSeen(string Group, string Path, string? Unit, string FirstReport);

/// <summary>The cells of a set of reports summed and counted in the database (see <see cref="ArchiveStore.CellTotals"/>).</summary>
public sealed record CellTotals(IReadOnlyList<CellStateCount> Counts, IReadOnlyList<CellFraction> Fractions, IReadOnlyList<CellUnitSeen> Units);

/// <summary>One stored cell's state and exact number, for callers that read a few cells of many reports.</summary>
public readonly record struct StoredCell(string ReportId, string Path, string Status, string? ValueText);

public sealed partial class ArchiveStore
{
    /// <summary>Templates whose cells the analysis reads (the national formats); others' cells count as absent.</summary>
    private const string NationalTemplates = "r.template IN ('2021', '2019')";

    /// <summary>A cell holding a number: as read, or settled by a neighbouring year.</summary>
    private const string Stated = "c.status IN ('value', 'settled') AND c.value_text IS NOT NULL";

    /// <summary>
    /// A cell's state for sums (<see cref="CellStateCount.Status"/>): <c>value</c> (a number, settled ones
    /// included), <c>ambiguous</c>, <c>unread</c>, else <c>blank</c> — as the analysis reads a report's cells.
    /// </summary>
    private const string StateSql = "CASE WHEN " + Stated + " THEN 'value' WHEN c.status IN ('ambiguous', 'unread') THEN c.status ELSE 'blank' END";

    /// <summary>The raw group value of a report, as <see cref="CellTotals"/> returns it: the caller maps it to its own key.</summary>
    public static string GroupValue(ReportEntry e, CellGrouping by) => by switch
    {
        CellGrouping.Agency => e.AgencyId ?? "printed:" + (e.AgencyPrinted ?? e.Id),
        CellGrouping.Level => e.Level ?? "",
        CellGrouping.Region => e.RegionCode ?? "",
        CellGrouping.Year => e.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
        _ => "",
    };

    private static string GroupSql(CellGrouping by) => by switch
    {
        CellGrouping.Agency => "COALESCE(r.agency_id, 'printed:' || COALESCE(r.agency_printed, r.id))",
        CellGrouping.Level => "COALESCE(a.level, '')",
        CellGrouping.Region => "COALESCE(a.region_code, '')",
        CellGrouping.Year => "COALESCE(CAST(r.year AS TEXT), '')",
        _ => "''",
    };

    /// <summary>
    /// The cells of the reports of <paramref name="filter"/> in national formats, counted per group,
    /// cell path and state (<c>GROUP BY</c> in the database: a province's half million cell rows never
    /// leave it), with the whole numbers summed there; numbers with decimals (amounts) are returned
    /// one by one so that the caller adds them exactly. For the cells of <paramref name="unitPaths"/>,
    /// the units printed with their numbers and the first report (by id) of each.
    /// </summary>
    public CellTotals CellTotals(ReportFilter filter, CellGrouping by, IReadOnlyCollection<string> unitPaths)
    {
        var (where, args) = Where(filter);
        var scope = (where.Length == 0 ? " WHERE " : where + " AND ") + NationalTemplates;
        var group = GroupSql(by);
        // SUM over whole numbers only: exact on both databases (SQLite's NUMERIC would turn decimals into floats).
        var counts = new List<CellStateCount>();
        var fractional = new HashSet<string>(StringComparer.Ordinal);
        using (var dbReader = _connection.ExecuteReader($"""
            SELECT {group} AS grp, c.path, {StateSql} AS state, COUNT(*) AS n,
                   SUM(CASE WHEN {Stated} AND c.value_text NOT LIKE '%.%' THEN CAST(c.value_text AS BIGINT) ELSE 0 END) AS whole,
                   SUM(CASE WHEN {Stated} AND c.value_text LIKE '%.%' THEN 1 ELSE 0 END) AS fractions
            FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id JOIN cells c ON c.report_id = r.id{scope}
            GROUP BY 1, 2, 3
            """, args))
        {
            while (dbReader.Read())
            {
                var path = dbReader.GetString(1);
                counts.Add(new CellStateCount(dbReader.GetString(0), path, dbReader.GetString(2), Convert.ToInt64(dbReader.GetValue(3), CultureInfo.InvariantCulture),
                    Convert.ToDecimal(dbReader.GetValue(4), CultureInfo.InvariantCulture)));
                if (Convert.ToInt64(dbReader.GetValue(5), CultureInfo.InvariantCulture) > 0) fractional.Add(path);
            }
        }
        var fractions = new List<CellFraction>();
        if (fractional.Count > 0)
        {
            var (inList, pathArgs) = InList("fp", fractional);
            args.AddDynamicParams(pathArgs);
            fractions.AddRange(_connection.Query<(string, string, string)>($"""
                SELECT {group} AS grp, c.path, c.value_text
                FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id JOIN cells c ON c.report_id = r.id{scope}
                  AND {Stated} AND c.value_text LIKE '%.%' AND c.path IN ({inList})
                """, args).Select(f => new CellFraction(f.Item1, f.Item2, f.Item3)));
        }
        var units = new List<CellUnitSeen>();
        if (unitPaths.Count > 0)
        {
            var (inList, pathArgs) = InList("up", unitPaths);
            args.AddDynamicParams(pathArgs);
            units.AddRange(_connection.Query<(string, string, string?, string)>($"""
                SELECT {group} AS grp, c.path, c.unit, MIN(c.report_id)
                FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id JOIN cells c ON c.report_id = r.id{scope}
                  AND {Stated} AND c.path IN ({inList})
                GROUP BY 1, 2, 3
                """, args).Select(u => new CellUnitSeen(u.Item1, u.Item2, u.Item3, u.Item4)));
        }
        return new CellTotals(counts, fractions, units);
    }

    /// <summary>
    /// The cells named by <paramref name="paths"/> of every report of <paramref name="filter"/> in a
    /// national format (a few dozen cells a report, looked up by the cells' key), read into memory.
    /// </summary>
    public IReadOnlyList<StoredCell> CellsAt(ReportFilter filter, IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0) return [];
        var (where, args) = Where(filter);
        var scope = (where.Length == 0 ? " WHERE " : where + " AND ") + NationalTemplates;
        var (inList, pathArgs) = InList("mp", paths);
        args.AddDynamicParams(pathArgs);
        var result = new List<StoredCell>();
        using var reader = _connection.ExecuteReader($"""
            SELECT c.report_id, c.path, c.status, c.value_text
            FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id JOIN cells c ON c.report_id = r.id{scope} AND c.path IN ({inList})
            """, args);
        while (reader.Read())
            result.Add(new StoredCell(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return result;
    }

    /// <summary>The ids of the reports of <paramref name="filter"/> that have at least one cell row.</summary>
    public HashSet<string> ReportsWithCells(ReportFilter filter)
    {
        var (where, args) = Where(filter);
        var scope = (where.Length == 0 ? " WHERE " : where + " AND ") + "EXISTS (SELECT 1 FROM cells c WHERE c.report_id = r.id)";
        return _connection.Query<string>($"SELECT r.id{ReportFrom}{scope}", args).ToHashSet(StringComparer.Ordinal);
    }

    // One named parameter per value: the same SQL on SQLite and PostgreSQL (Dapper would pass a list to Npgsql as one array).
    private static (string List, DynamicParameters Args) InList(string prefix, IEnumerable<string> values)
    {
        var args = new DynamicParameters();
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            args.Add(name, value);
            names.Add("@" + name);
        }
        return (string.Join(", ", names), args);
    }
}
