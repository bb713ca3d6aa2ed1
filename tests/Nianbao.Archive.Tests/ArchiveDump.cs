using Dapper;

namespace Nianbao.Archive.Tests;

/// <summary>
/// The whole content of an archive as sorted text lines, table by table, without what only says
/// when (timestamps) or which run (import ids): two archives with the same dump hold the same data.
/// </summary>
internal static class ArchiveDump
{
    private static readonly (string Table, string Columns)[] Tables =
    [
        ("originals", "sha256, size, file_name"),
        ("agencies", "id, name, region_code, level, kind, placement_status, placement_candidates, pinned, merged_into"),
        ("agency_names", "name, agency_id"),
        // The record beside its row (migration 0094), read as one of the report's columns (its text: on SQLite it is stored compressed, 0098).
        ("reports", "id, r.arrival AS arrival, agency_id, agency_printed, year, template, published_on, file_name, format, is_current, superseded_by, errors, warnings, rr.record AS record, reader, cell_vector, covers_region"),
        ("cells", "report_id, path, seq, status, value_text, unit, confidence, src_start, src_length, src_text, page, box, src_table, src_row, src_column, neighbour_id"),
        ("findings", "report_id, seq, rule, severity, kind, message, cells, candidates"),
        ("cross_findings", "report_id, neighbour_id, seq, rule, severity, message, cells"),
        ("inputs", "input, sha256, outcome, reason, report_id"),
    ];

    public static Dictionary<string, List<string>> Of(ArchiveStore store) =>
        Tables.ToDictionary(t => t.Table, t => store.Connection.Query($"SELECT {t.Columns} FROM {From(t.Table)}")
            .Select(row => string.Join(" | ", ((IDictionary<string, object?>)row).Select(kv => $"{kv.Key}={(kv.Key == "record" && kv.Value is not null ? StoredRecord.Text(kv.Value) : Text(kv.Value))}")))
            .Order(StringComparer.Ordinal).ToList());

    private static string From(string table) => table == "reports" ? "reports r LEFT JOIN report_records rr ON rr.arrival = r.arrival" : table;

    private static string Text(object? value) => value switch
    {
        null => "∅",
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Asserts two dumps are equal, naming the first table and line that differ.</summary>
    public static void Equal(Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual)
    {
        foreach (var (table, rows) in expected)
        {
            var other = actual[table];
            Assert.True(rows.Count == other.Count, $"{table}: {rows.Count} rows expected, {other.Count} found");
            for (var i = 0; i < rows.Count; i++)
                Assert.True(rows[i] == other[i], $"{table} row {i} differs:\n expected {Cut(rows[i])}\n actual   {Cut(other[i])}");
        }
    }

    private static string Cut(string s) => s.Length > 600 ? s[..600] + "…" : s;
}
