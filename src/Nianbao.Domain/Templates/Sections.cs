namespace Nianbao.Domain.Templates;

/// <summary>The six statutory sections, with the wording variants real reports use.</summary>
public static class StatutorySections
{
    public sealed record SectionSchema(int Number, string Title, IReadOnlyList<string> MatchKeys);

    public static readonly IReadOnlyList<SectionSchema> All =
    [
        new(1, "总体情况", ["总体情况", "概述"]),
        new(2, "主动公开政府信息情况", ["主动公开政府信息情况", "主动公开政府信息", "主动公开情况"]),
        new(3, "收到和处理政府信息公开申请情况", ["收到和处理政府信息公开申请", "处理政府信息公开申请", "依申请公开"]),
        new(4, "政府信息公开行政复议、行政诉讼情况", ["行政复议", "行政诉讼"]),
        new(5, "存在的主要问题及改进情况", ["主要问题", "存在问题", "改进情况"]),
        new(6, "其他需要报告的事项", ["其他需要报告", "其他事项"]),
    ];

    /// <summary>From the 2021 reports on, section 六 states the 信息处理费 charged, even if none (S-2) — whatever the format.</summary>
    public const int FeeStatementFromYear = 2021;

    public static readonly IReadOnlyList<string> ChineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
}
