using Nianbao.Export.Tables;
using Parquet;
using Parquet.Schema;

namespace Nianbao.Export.Writers;

/// <summary>
/// Parquet (Parquet.Net) for DuckDB, pandas and Spark: typed columns — text as UTF-8 strings, counts
/// as INT64, amounts as DECIMAL(28,8) — in row groups of <see cref="RowGroupSize"/> rows, so memory
/// stays bounded however many reports are exported. Column names are the cell paths with "." written
/// as "_" (applications_granted_total), because Spark reads a dot in a name as a nested field.
/// </summary>
internal static class ParquetExport
{
    public const int RowGroupSize = 4096;
    private const int Precision = 28;
    private const int Scale = 8;

    public static async Task<int> WriteAsync(IEnumerable<ExportRow> rows, IExportTable table, Stream output, CancellationToken cancel)
    {
        var fields = table.Columns.Select(Field).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, cancellationToken: cancel);
        var buffer = new List<object?[]>(RowGroupSize);
        var count = 0;
        foreach (var row in rows)
        foreach (var values in table.RowsOf(row))
        {
            buffer.Add(values);
            count++;
            if (buffer.Count == RowGroupSize)
            {
                await WriteGroupAsync(writer, fields, table, buffer, cancel);
                buffer.Clear();
            }
        }
        // Parquet wants at least one row group to describe the columns, even with no row.
        if (buffer.Count > 0 || count == 0) await WriteGroupAsync(writer, fields, table, buffer, cancel);
        return count;
    }

    public static string ColumnName(string name) => name.Replace('.', '_');

    private static DataField Field(ExportColumn column) => column.Type switch
    {
        ColumnType.Integer => new DataField<long?>(ColumnName(column.Name)),
        ColumnType.Decimal => new DecimalDataField(ColumnName(column.Name), Precision, Scale, forceByteArrayEncoding: false, isNullable: true),
        _ => new DataField<string>(ColumnName(column.Name), true),
    };

    private static async Task WriteGroupAsync(ParquetWriter writer, DataField[] fields, IExportTable table, List<object?[]> rows, CancellationToken cancel)
    {
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < fields.Length; c++)
        {
            switch (table.Columns[c].Type)
            {
                case ColumnType.Integer:
                    var longs = new long?[rows.Count];
                    for (var r = 0; r < rows.Count; r++) longs[r] = (long?)rows[r][c];
                    await group.WriteAsync<long>(fields[c], longs.AsMemory(), null, null, cancel);
                    break;
                case ColumnType.Decimal:
                    var decimals = new decimal?[rows.Count];
                    for (var r = 0; r < rows.Count; r++) decimals[r] = Checked((decimal?)rows[r][c], table.Columns[c]);
                    await group.WriteAsync<decimal>(fields[c], decimals.AsMemory(), null, null, cancel);
                    break;
                default:
                    var strings = new string[rows.Count];
                    for (var r = 0; r < rows.Count; r++) strings[r] = (string?)rows[r][c]!;
                    await group.WriteAsync(fields[c], strings, null);
                    break;
            }
        }
    }

    /// <summary>An amount the column's scale cannot hold exactly is refused, never rounded.</summary>
    private static decimal? Checked(decimal? value, ExportColumn column)
    {
        if (value is { } v && decimal.Round(v, Scale) != v)
            throw new ExportException($"{column.Name} 的值 {v} 超过 Parquet 列的 {Scale} 位小数 (more decimals than the column holds).");
        return value;
    }
}
