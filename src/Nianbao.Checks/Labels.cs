using System.Globalization;
using Nianbao.Domain;
using Nianbao.Domain.Tables;

namespace Nianbao.Checks;

/// <summary>
/// How findings name rows, columns and numbers: short printed labels a report's author recognises
/// (（三）1.属于国家秘密, 自然人) rather than contract keys, which the finding lists as cell paths anyway.
/// </summary>
internal static class Labels
{
    public static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string Number(decimal? value) => value is { } v ? Number(v) : "blank";

    /// <summary>"（二）部分公开（区分处理的…）" → "（二）部分公开"; sub-items get their group's number: "（三）1.属于国家秘密".</summary>
    public static string Row(RowSchema row)
    {
        var label = row.PrintedLabel;
        var cut = label.IndexOf('（', 1);
        if (cut > 0) label = label[..cut];
        cut = label.IndexOf("、行政机关", StringComparison.Ordinal);
        if (cut > 0) label = label[..cut];
        label = label.Replace("政府信息公开申请数量", "", StringComparison.Ordinal);
        if (row.ItemNumber is not null && row.Group is { Length: >= 3 } group && group[0] == '（')
            label = group[..3] + label;
        return label;
    }

    public static string Row(TableValues table, string rowKey) =>
        table.Schema.Row(rowKey) is { } row ? Row(row) : rowKey;

    public static string Field(TableValues table, string rowKey, string fieldKey) =>
        table.Schema.Row(rowKey)?.Fields.FirstOrDefault(f => f.Key == fieldKey)?.PrintedLabel ?? fieldKey;

    /// <summary>Row and column together, e.g. "（七）总计 自然人" or "行政复议 总计".</summary>
    public static string Cell(TableValues table, CellPath path) =>
        $"{Row(table, path.Row)} {Field(table, path.Row, path.Field)}";

    public static string Table(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => "table 二",
        TableKind.Applications => "table 三",
        _ => "table 四",
    };

    public static string SectionNumeral(int number) =>
        number is >= 1 and <= 10 ? Domain.Templates.StatutorySections.ChineseNumerals[number - 1] : number.ToString(CultureInfo.InvariantCulture);
}
