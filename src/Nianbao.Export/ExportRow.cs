using Nianbao.Analysis.Agencies;
using Nianbao.Domain;

namespace Nianbao.Export;

/// <summary>
/// One report to export with the agency it belongs to (id, canonical name, placement on the map)
/// and the id its store gives it. Every exported record carries these fields.
/// </summary>
public sealed record ExportRow(Report Report, AgencyRef? Agency = null, string? ReportId = null)
{
    /// <summary>Error and warning counts when the store knows more findings than the report carries (checks across years).</summary>
    public int? Errors { get; init; }

    public int? Warnings { get; init; }

    /// <summary>
    /// Cells ambiguous in their own document that another year's report settled (archive item 4): the
    /// cell holds the settled number, and the long export says so and names that report.
    /// </summary>
    public IReadOnlyDictionary<CellPath, string>? SettledBy { get; init; }
}

/// <summary>A report that cannot be written in the asked format, named with the problem.</summary>
public sealed class ExportException(string message) : Exception(message);

public enum ExportFormat { Csv, Xlsx, JsonLines, Parquet }

/// <summary>
/// What to write. <see cref="Long"/>: one record per cell with its provenance instead of one per
/// report (CSV, XLSX, Parquet). <see cref="Labels"/>: a second header row with the national
/// Chinese labels (CSV, XLSX).
/// </summary>
public sealed record ExportOptions(ExportFormat Format, bool Long = false, bool Labels = false)
{
    public static bool TryParseFormat(string name, out ExportFormat format)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "csv": format = ExportFormat.Csv; return true;
            case "xlsx": format = ExportFormat.Xlsx; return true;
            case "jsonl" or "jsonlines" or "ndjson": format = ExportFormat.JsonLines; return true;
            case "parquet": format = ExportFormat.Parquet; return true;
            default: format = default; return false;
        }
    }
}
