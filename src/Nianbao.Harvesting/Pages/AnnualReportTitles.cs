using System.Text.RegularExpressions;

namespace Nianbao.Harvesting.Pages;

/// <summary>
/// Which titles in a report column are annual reports. A column also carries 工作要点, 通知 (often
/// about the annual report: 关于做好…年度报告编制工作的通知), 年度计划, meeting news and 解读; a report's
/// title names the report (年度报告 / 年报) and a year, and is none of those.
/// </summary>
public static partial class AnnualReportTitles
{
    /// <summary>Words of the notices published in the same column; a title with any of them is not the report itself.</summary>
    private static readonly string[] NotReports =
    [
        "通知", "要点", "计划", "方案", "编制", "报送", "做好", "培训", "会议", "考核", "评估", "评议", "征集", "解读", "意见",
        "办法", "规定", "制度", "目录", "指南", "通报", "督查", "检查", "总结会", "部署", "公示", "公告", "函",
    ];

    /// <summary>The year the title names, when the title names an annual report; otherwise null.</summary>
    public static int? ReportYear(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var text = Clean(title);
        if (!ReportWords().IsMatch(text)) return null;
        if (NotReports.Any(text.Contains)) return null;
        return Year(text);
    }

    public static bool IsReport(string? title) => ReportYear(title) is not null;

    /// <summary>A link to a column of reports (政府信息公开年报, 年度报告栏目) rather than to one report: no year named.</summary>
    public static bool IsReportColumn(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return false;
        var text = Clean(title);
        return text.Length <= 20 && ReportWords().IsMatch(text) && Year(text) is null && !NotReports.Any(text.Contains);
    }

    /// <summary>The year in a title: 2023, 2023年度, 二〇二三年 / 二○二三年.</summary>
    public static int? Year(string text)
    {
        if (ArabicYear().Match(text) is { Success: true } arabic) return int.Parse(arabic.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (ChineseYear().Match(text) is { Success: true } chinese)
        {
            var year = 0;
            foreach (var c in chinese.Groups[1].Value) year = year * 10 + "〇一二三四五六七八九".IndexOf(c is '○' or '零' or 'Ｏ' or 'O' ? '〇' : c);
            return year;
        }
        return null;
    }

    private static string Clean(string title) => Spaces().Replace(title.Normalize(System.Text.NormalizationForm.FormKC), "");

    [GeneratedRegex(@"年度报告|年报|年度工作报告")]
    private static partial Regex ReportWords();

    [GeneratedRegex(@"(?<!\d)((?:19|20)\d\d)(?!\d)")]
    private static partial Regex ArabicYear();

    [GeneratedRegex(@"([一二][〇○零Ｏ九][〇○零Ｏ一二三四五六七八九]{2})年")]
    private static partial Regex ChineseYear();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
