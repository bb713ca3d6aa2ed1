namespace Nianbao.Export.Tables;

/// <summary>What a column holds; Parquet types its columns by it, CSV and XLSX write numbers as numbers.</summary>
public enum ColumnType
{
    Text,
    /// <summary>A whole number (counts, signed counts, years, offsets).</summary>
    Integer,
    /// <summary>An amount that may have decimals (收费金额, 采购总金额), kept exactly as printed.</summary>
    Decimal,
}

/// <summary>A column of a flat export: its name (a cell path or a field name) and its national Chinese label.</summary>
public sealed record ExportColumn(string Name, string Label, ColumnType Type);

/// <summary>
/// A flat table made from reports: fixed columns (known before the first report, so it streams)
/// and, per report, one or more rows of values in column order (null: empty).
/// </summary>
public interface IExportTable
{
    IReadOnlyList<ExportColumn> Columns { get; }

    /// <summary>A sheet or file name for the table's kind.</summary>
    string Name { get; }

    IEnumerable<object?[]> RowsOf(ExportRow row);
}
