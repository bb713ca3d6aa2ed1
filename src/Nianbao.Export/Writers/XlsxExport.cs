using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Nianbao.Export.Tables;

namespace Nianbao.Export.Writers;

/// <summary>
/// An XLSX workbook (MiniExcel, written row by row as the reports are enumerated): one sheet with
/// the column names as header, numbers as numbers, an empty cell empty. A sheet holds at most
/// 1,048,576 rows; a larger export is refused with a message pointing to CSV or Parquet.
/// </summary>
internal static class XlsxExport
{
    public const int MaxRows = 1_048_576;

    public static int Write(IEnumerable<ExportRow> rows, IExportTable table, Stream output, bool labels)
    {
        var count = 0;
        IEnumerable<IDictionary<string, object?>> Records()
        {
            var written = 1;
            if (labels)
            {
                written++;
                yield return ToRecord(table, table.Columns.Select(c => (object?)c.Label).ToArray());
            }
            foreach (var row in rows)
            foreach (var values in table.RowsOf(row))
            {
                if (++written > MaxRows)
                    throw new ExportException($"XLSX 工作表最多 {MaxRows:N0} 行，本次导出超出；请改用 CSV 或 Parquet (too many rows for one sheet).");
                count++;
                yield return ToRecord(table, values);
            }
        }
        output.SaveAs(Records(), printHeader: true, sheetName: table.Name, excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration { EnableAutoWidth = false });
        return count;
    }

    private static IDictionary<string, object?> ToRecord(IExportTable table, object?[] values)
    {
        var record = new Dictionary<string, object?>(values.Length);
        for (var i = 0; i < values.Length; i++) record[table.Columns[i].Name] = values[i];
        return record;
    }
}
