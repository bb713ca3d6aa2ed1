using Nianbao.Domain;

namespace Nianbao.Recognition.Metadata;

/// <summary>
/// Which national format the document follows, from the vocabulary only that format prints
/// (template-reference.md §3 "classifier hints"). The year is used only to recognise a free-form
/// pre-2019 report; a report in the wrong format for its year keeps that format and gets a finding.
/// </summary>
public static class TemplateClassifier
{
    private static readonly string[] Markers2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "逾期未按收费通知"];
    private static readonly string[] Markers2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "其他对外管理服务事项", "采购项目数量", "上一年项目数量", "第二十条第(九)项"];
    private static readonly string[] MarkersLegacy = ["收费及减免", "同意部分公开答复", "否决公开", "免予公开范围", "回应解读情况", "历年累计", "咨询处理情况", "统计指标", "依申请公开政府信息情况", "依申请公开工作情况"];
    private static readonly string[] NationalTable3 = ["勾稽关系", "本年新收政府信息公开申请数量", "本年度办理结果"];

    public static ReportTemplate Classify(DocumentView view, int? year)
    {
        var text = view.Compact.Value;
        var score2021 = Markers2021.Count(m => text.Contains(m, StringComparison.Ordinal));
        var score2019 = Markers2019.Count(m => text.Contains(m, StringComparison.Ordinal));
        if (score2021 > 0 && score2021 >= score2019) return ReportTemplate.Format2021;
        if (score2019 > 0) return ReportTemplate.Format2019;
        var national = NationalTable3.Count(m => text.Contains(m, StringComparison.Ordinal));
        var legacy = MarkersLegacy.Count(m => text.Contains(m, StringComparison.Ordinal));
        if (national > 0 && year is >= 2019)
            // Table 三 is the same in both formats; without a table 二 to tell them apart, the year decides.
            return ReportTemplateNames.ExpectedFor(year.Value);
        if (year is <= 2018 || legacy > 0 && national == 0) return ReportTemplate.Legacy;
        return ReportTemplate.Unknown;
    }
}
