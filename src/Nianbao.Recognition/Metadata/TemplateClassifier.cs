using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Recognition.Metadata;

/// <summary>
/// Which national format the document follows, from the vocabulary only that format prints
/// (template-reference.md §3 "classifier hints"). The year is used only to recognise a free-form
/// pre-2019 report; a report in the wrong format for its year keeps that format and gets a finding.
/// </summary>
public static class TemplateClassifier
{
    private static readonly string[] MarkersLegacy = ["收费及减免", "同意部分公开答复", "否决公开", "免予公开范围", "回应解读情况", "历年累计", "咨询处理情况", "统计指标", "依申请公开政府信息情况", "依申请公开工作情况"];
    private static readonly string[] NationalTable3 = ["勾稽关系", "本年新收政府信息公开申请数量", "本年度办理结果"];

    public static ReportTemplate Classify(DocumentView view, int? year)
    {
        var text = view.Compact.Value;
        // Each national format by its own vocabulary (TemplateSchema.Markers); newest first wins a tie.
        TemplateSchema? best = null;
        var bestScore = 0;
        foreach (var schema in TemplateSchema.All)
        {
            var score = schema.Markers.Count(m => text.Contains(m, StringComparison.Ordinal));
            if (score > bestScore) (best, bestScore) = (schema, score);
        }
        if (best is not null) return best.Template;
        var national = NationalTable3.Count(m => text.Contains(m, StringComparison.Ordinal));
        var legacy = MarkersLegacy.Count(m => text.Contains(m, StringComparison.Ordinal));
        if (national > 0 && year is >= 2019)
            // Table 三 is the same in both formats; without a table 二 to tell them apart, the year decides.
            return ReportTemplateNames.ExpectedFor(year.Value);
        if (year is <= 2018 || legacy > 0 && national == 0) return ReportTemplate.Legacy;
        return ReportTemplate.Unknown;
    }
}
