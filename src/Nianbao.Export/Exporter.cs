using Nianbao.Export.Tables;
using Nianbao.Export.Writers;

namespace Nianbao.Export;

/// <summary>
/// Writes reports in one of the export formats, streaming: each report is turned into its rows
/// when the enumeration reaches it and is not kept afterwards. Returns the number of records
/// written (reports, or cells with <see cref="ExportOptions.Long"/>).
/// </summary>
public static class Exporter
{
    public static async Task<int> WriteAsync(IEnumerable<ExportRow> rows, Stream output, ExportOptions options, CancellationToken cancel = default)
    {
        IExportTable table = options.Long ? new LongTable() : new WideTable();
        return options.Format switch
        {
            ExportFormat.Csv => CsvExport.Write(rows, table, output, options.Labels),
            ExportFormat.Xlsx => XlsxExport.Write(rows, table, output, options.Labels),
            ExportFormat.JsonLines => JsonLinesExport.Write(rows, output),
            _ => await ParquetExport.WriteAsync(rows, table, output, cancel),
        };
    }

    /// <summary>The columns a flat export has, for documentation and for readers of the files.</summary>
    public static IReadOnlyList<ExportColumn> ColumnsOf(bool longFormat) => (longFormat ? new LongTable() : (IExportTable)new WideTable()).Columns;

    /// <summary>The name a column has in a Parquet file (cell paths with "_" for ".").</summary>
    public static string ParquetColumnName(string name) => ParquetExport.ColumnName(name);
}
