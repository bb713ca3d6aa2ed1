using System.Globalization;
using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Export.Tables;

/// <summary>The columns every exported record starts with: which report, whose, where on the map.</summary>
internal static class AgencyColumns
{
    public static readonly IReadOnlyList<ExportColumn> All =
    [
        new("reportId", "报告编号", ColumnType.Text),
        new("agencyId", "机关编号", ColumnType.Text),
        new("agency", "机关名称", ColumnType.Text),
        new("agencyAsPrinted", "报告所署机关名称", ColumnType.Text),
        new("regionCode", "区划代码", ColumnType.Text),
        new("regionName", "区划名称", ColumnType.Text),
        new("level", "层级", ColumnType.Text),
        new("kind", "机关类别", ColumnType.Text),
        new("year", "年度", ColumnType.Integer),
        new("template", "格式", ColumnType.Text),
        new("publishedOn", "发布日期", ColumnType.Text),
        new("sourceFile", "来源文件", ColumnType.Text),
        new("sha256", "来源文件SHA-256", ColumnType.Text),
        new("errors", "错误数", ColumnType.Integer),
        new("warnings", "警告数", ColumnType.Integer),
    ];

    public static void Fill(object?[] values, ExportRow row)
    {
        var report = row.Report;
        var placement = row.Agency?.Placement;
        values[0] = row.ReportId;
        values[1] = row.Agency?.Id;
        values[2] = row.Agency?.Name;
        values[3] = report.Agency;
        values[4] = placement?.RegionCode;
        values[5] = placement?.RegionName;
        values[6] = placement?.Level;
        values[7] = placement?.Kind;
        values[8] = report.Year is { } y ? (long)y : null;
        values[9] = report.Template.ToContractName();
        values[10] = report.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values[11] = report.Source?.FileName;
        values[12] = report.Source?.Sha256;
        values[13] = (long)(row.Errors ?? report.Findings.Count(f => f.Severity == Severity.Error));
        values[14] = (long)(row.Warnings ?? report.Findings.Count(f => f.Severity == Severity.Warning));
    }

    /// <summary>A cell's number as its column type holds it; a count with decimals is refused, never rounded.</summary>
    public static object? Number(decimal? value, ColumnType type, ExportRow row, CellPath path)
    {
        if (value is not { } v) return null;
        if (type == ColumnType.Decimal) return v;
        if (v != decimal.Truncate(v) || v > long.MaxValue || v < long.MinValue)
            throw new ExportException($"{row.Report.Source?.FileName ?? row.Report.Agency ?? "报告"}：{path} 的值 {v} 不是整数，无法按计数导出 (a count with decimals).");
        return (long)v;
    }
}
