namespace Nianbao.Analysis.Metrics;

/// <summary>Why a metric has no value. A metric without a value is "not applicable" — never 0 or 100%.</summary>
public enum NotApplicable
{
    /// <summary>The denominator is 0 (e.g. no application was handled).</summary>
    DenominatorZero,
    /// <summary>An input cell is blank in the report.</summary>
    InputBlank,
    /// <summary>An input cell is ambiguous: the reader left it null.</summary>
    InputAmbiguous,
    /// <summary>An input cell could not be read (R-2, R-3, …).</summary>
    InputUnread,
    /// <summary>The report has no such table or cell (legacy report, table not found).</summary>
    InputAbsent,
    /// <summary>No report to compute it from (for a change: no agency reported in both years).</summary>
    NoReport,
}

public static class NotApplicableNames
{
    /// <summary>The stable lowerCamelCase name used in the JSON.</summary>
    public static string ToContractName(this NotApplicable reason) => reason switch
    {
        NotApplicable.DenominatorZero => "denominatorZero",
        NotApplicable.InputBlank => "inputBlank",
        NotApplicable.InputAmbiguous => "inputAmbiguous",
        NotApplicable.InputUnread => "inputUnread",
        NotApplicable.InputAbsent => "inputAbsent",
        _ => "noReport",
    };

    /// <summary>For people: 不适用 and why.</summary>
    public static string ToChinese(this NotApplicable reason) => reason switch
    {
        NotApplicable.DenominatorZero => "不适用（分母为0）",
        NotApplicable.InputBlank => "不适用（所需单元格空白）",
        NotApplicable.InputAmbiguous => "不适用（所需单元格有多种读法）",
        NotApplicable.InputUnread => "不适用（所需单元格未能读出）",
        NotApplicable.InputAbsent => "不适用（报告无此表格或单元格）",
        _ => "不适用（无报告）",
    };
}
