using Nianbao.Domain.Tables;

namespace Nianbao.Domain.Templates;

/// <summary>Row keys of table 三 (data contract) and the rows each template prints.</summary>
public static class ApplicationRows
{
    public const string Received = "received";
    public const string CarriedOver = "carriedOver";
    public const string TotalHandled = "totalHandled";
    public const string CarriedForward = "carriedForward";
    public const string OtherHandling = "otherHandling";

    private static RowSchema Row(string key, string label, string? group, int? item, params string[] match) =>
        new(key, label, ApplicationColumns.All, match) { Group = group, ItemNumber = item };

    private static readonly RowSchema[] Head =
    [
        Row(Received, "一、本年新收政府信息公开申请数量", null, null, "本年新收", "新收政府信息公开申请"),
        Row(CarriedOver, "二、上年结转政府信息公开申请数量", null, null, "上年结转"),
        Row("granted", "（一）予以公开", "三、本年度办理结果", null, "予以公开"),
        Row("partlyGranted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", null, "部分公开"),
        Row("withheldStateSecret", "1.属于国家秘密", "（三）不予公开", 1, "国家秘密"),
        Row("withheldProhibitedByLaw", "2.其他法律行政法规禁止公开", "（三）不予公开", 2, "禁止公开", "法规禁止", "行政止公开", "其他法律"),
        Row("withheldSecurityStability", "3.危及“三安全一稳定”", "（三）不予公开", 3, "三安全", "一稳定"),
        Row("withheldThirdPartyRights", "4.保护第三方合法权益", "（三）不予公开", 4, "第三方"),
        Row("withheldInternalAffairs", "5.属于三类内部事务信息", "（三）不予公开", 5, "内部事务"),
        Row("withheldDeliberative", "6.属于四类过程性信息", "（三）不予公开", 6, "过程性"),
        Row("withheldEnforcementFile", "7.属于行政执法案卷", "（三）不予公开", 7, "执法案卷"),
        Row("withheldInquiry", "8.属于行政查询事项", "（三）不予公开", 8, "查询事项"),
        Row("unavailableNotHeld", "1.本机关不掌握相关政府信息", "（四）无法提供", 1, "不掌握"),
        Row("unavailableNeedsCreation", "2.没有现成信息需要另行制作", "（四）无法提供", 2, "另行制作", "没有现成"),
        Row("unavailableUnclear", "3.补正后申请内容仍不明确", "（四）无法提供", 3, "仍不明确", "补正后"),
        Row("rejectedComplaint", "1.信访举报投诉类申请", "（五）不予处理", 1, "信访", "举报投诉"),
        Row("rejectedRepeated", "2.重复申请", "（五）不予处理", 2, "重复申请"),
        Row("rejectedPublication", "3.要求提供公开出版物", "（五）不予处理", 3, "出版物"),
        Row("rejectedExcessive", "4.无正当理由大量反复申请", "（五）不予处理", 4, "大量反复"),
        Row("rejectedConfirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", 5, "重新出具", "确认或"),
    ];

    private static readonly RowSchema[] Tail =
    [
        Row(TotalHandled, "（七）总计", "三、本年度办理结果", null, "总计"),
        Row(CarriedForward, "四、结转下年度继续办理", null, null, "结转下年度", "下年度继续"),
    ];

    /// <summary>2021: （六）其他处理 has three sub-rows; 22 result rows.</summary>
    public static readonly IReadOnlyList<RowSchema> Format2021 =
    [
        .. Head,
        Row("otherNoCorrection", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理", 1, "不补正"),
        Row("otherUnpaidFee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理", 2, "缴纳费用", "收费通知"),
        Row("otherOther", "3.其他", "（六）其他处理", 3, "其他"),
        .. Tail,
    ];

    /// <summary>2019 (trial): （六）其他处理 is one row; 20 result rows.</summary>
    public static readonly IReadOnlyList<RowSchema> Format2019 =
    [
        .. Head,
        Row(OtherHandling, "（六）其他处理", "三、本年度办理结果", null, "其他处理"),
        .. Tail,
    ];

    /// <summary>The result rows whose sum is （七）总计: every row between 上年结转 and （七）总计.</summary>
    public static IEnumerable<RowSchema> ResultRows(TableSchema schema) =>
        schema.Rows.SkipWhile(r => r.Key != "granted").TakeWhile(r => r.Key != TotalHandled);
}
