using System.Text;

namespace Nianbao.Regions.Agencies;

/// <summary>
/// The organ part of an agency name (what follows the region: 人民政府, 科委, 发展和改革委员会) and its
/// canonical form. The abbreviation table holds the short names reports print for common departments;
/// each expands to the name the 2018 institutional reform gave the department (docs/regions.md lists it).
/// </summary>
public static class OrganNames
{
    public const string Government = "人民政府";
    public const string GovernmentOffice = "人民政府办公室";
    public const string GovernmentGeneralOffice = "人民政府办公厅";

    /// <summary>Short name → full name. Only whole organ names are expanded, never parts of one.</summary>
    public static IReadOnlyDictionary<string, string> Abbreviations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["科委"] = "科学技术委员会",
        ["科技委"] = "科学技术委员会",
        ["科技局"] = "科学技术局",
        ["科协"] = "科学技术协会",
        ["发改委"] = "发展和改革委员会",
        ["发展改革委"] = "发展和改革委员会",
        ["发改局"] = "发展和改革局",
        ["经信委"] = "经济和信息化委员会",
        ["经信局"] = "经济和信息化局",
        ["工信委"] = "工业和信息化委员会",
        ["工信局"] = "工业和信息化局",
        ["工信厅"] = "工业和信息化厅",
        ["教委"] = "教育委员会",
        ["教体局"] = "教育和体育局",
        ["人社局"] = "人力资源和社会保障局",
        ["人社厅"] = "人力资源和社会保障厅",
        ["住建局"] = "住房和城乡建设局",
        ["住建委"] = "住房和城乡建设委员会",
        ["住建厅"] = "住房和城乡建设厅",
        ["卫健委"] = "卫生健康委员会",
        ["卫健局"] = "卫生健康局",
        ["卫计委"] = "卫生和计划生育委员会",
        ["卫计局"] = "卫生和计划生育局",
        ["市监局"] = "市场监督管理局",
        ["市场监管局"] = "市场监督管理局",
        ["自规局"] = "自然资源和规划局",
        ["规自局"] = "规划和自然资源局",
        ["国土局"] = "国土资源局",
        ["环保局"] = "环境保护局",
        ["交通局"] = "交通运输局",
        ["交委"] = "交通委员会",
        ["农委"] = "农业委员会",
        ["文旅局"] = "文化和旅游局",
        ["文旅厅"] = "文化和旅游厅",
        ["文广旅局"] = "文化广电和旅游局",
        ["文广新局"] = "文化广电新闻出版局",
        ["应急局"] = "应急管理局",
        ["应急厅"] = "应急管理厅",
        ["医保局"] = "医疗保障局",
        ["退役军人局"] = "退役军人事务局",
        ["城管局"] = "城市管理局",
        ["综合执法局"] = "综合行政执法局",
        ["行政审批局"] = "行政审批服务局",
        ["审批局"] = "行政审批服务局",
        ["政数局"] = "政务服务和数据管理局",
        ["政务服务局"] = "政务服务管理局",
        ["政务服务办"] = "政务服务管理办公室",
        ["国资委"] = "国有资产监督管理委员会",
        ["民宗局"] = "民族宗教事务局",
        ["民宗委"] = "民族宗教事务委员会",
        ["侨办"] = "侨务办公室",
        ["台办"] = "台湾事务办公室",
        ["外办"] = "外事办公室",
        ["编办"] = "机构编制委员会办公室",
        ["人防办"] = "人民防空办公室",
        ["机关事务局"] = "机关事务管理局",
        ["药监局"] = "药品监督管理局",
        ["食药监局"] = "食品药品监督管理局",
        ["安监局"] = "安全生产监督管理局",
        ["工商局"] = "工商行政管理局",
        ["质监局"] = "质量技术监督局",
        ["粮储局"] = "粮食和物资储备局",
        ["广电局"] = "广播电视局",
        ["扶贫办"] = "扶贫开发办公室",
        ["金融办"] = "金融工作办公室",
        ["公积金中心"] = "住房公积金管理中心",
        ["住房公积金中心"] = "住房公积金管理中心",
        ["残联"] = "残疾人联合会",
        ["妇联"] = "妇女联合会",
        ["供销社"] = "供销合作社联合社",
        ["商委"] = "商务委员会",
        ["建委"] = "建设委员会",
    };

    private static readonly HashSet<string> GovernmentForms = new(StringComparer.Ordinal) { "", "人民政府", "政府", "人民政府本级", "政府本级", "本级" };
    private static readonly HashSet<string> OfficeForms = new(StringComparer.Ordinal) { "人民政府办公室", "政府办公室", "政府办", "人民政府办", "府办" };
    private static readonly HashSet<string> GeneralOfficeForms = new(StringComparer.Ordinal) { "人民政府办公厅", "政府办公厅", "办公厅" };

    // A township's or street's own government: what may follow its name.
    private static readonly HashSet<string> TownshipGovernmentForms = new(StringComparer.Ordinal) { "", "人民政府", "政府", "办事处", "街道办事处", "街道办" };

    private static readonly string[] DepartmentEndings =
        ["局", "委员会", "委", "办公室", "办", "厅", "中心", "院", "署", "队", "站", "所", "处", "会", "部", "馆", "社", "台", "室"];

    /// <summary>The canonical organ: 政府 → 人民政府, 政府办 → 人民政府办公室, 科委 → 科学技术委员会…</summary>
    public static string Canonical(string organ, bool township)
    {
        if (township && TownshipGovernmentForms.Contains(organ)) return Government;
        if (GovernmentForms.Contains(organ)) return Government;
        if (OfficeForms.Contains(organ)) return GovernmentOffice;
        if (GeneralOfficeForms.Contains(organ)) return GovernmentGeneralOffice;
        if (Abbreviations.TryGetValue(organ, out var full)) return full;
        // 发展和改革委 → 发展和改革委员会; a bare 委 after a region is the party committee (县委), kept.
        if (organ.Length >= 3 && organ.EndsWith('委') && !organ.EndsWith("党委", StringComparison.Ordinal)
            && !organ.EndsWith("工委", StringComparison.Ordinal))
            return organ + "员会";
        return organ;
    }

    /// <summary>What the canonical organ says the agency is; <paramref name="township"/> when its region is a township.</summary>
    public static AgencyKind KindOf(string canonicalOrgan, bool township)
    {
        if (canonicalOrgan == Government) return township ? AgencyKind.Township : AgencyKind.Government;
        if (canonicalOrgan is GovernmentOffice or GovernmentGeneralOffice) return AgencyKind.Office;
        // 县委, 县委办公室, 党委, 党工委, 纪委: organs of the party, not of the government.
        if (canonicalOrgan.StartsWith('委') || canonicalOrgan.Contains("党委", StringComparison.Ordinal)
            || canonicalOrgan.Contains("党工委", StringComparison.Ordinal) || canonicalOrgan.StartsWith("纪委", StringComparison.Ordinal))
            return AgencyKind.Other;
        // A zone's 管委会 (开发区管理委员会) governs a zone, not a department of a government.
        if (canonicalOrgan.EndsWith("管委会", StringComparison.Ordinal)
            || (canonicalOrgan.EndsWith("管理委员会", StringComparison.Ordinal) && canonicalOrgan.Contains('区')))
            return AgencyKind.Other;
        foreach (var ending in DepartmentEndings)
            if (canonicalOrgan.Length > ending.Length && canonicalOrgan.EndsWith(ending, StringComparison.Ordinal))
                return AgencyKind.Department;
        return AgencyKind.Other;
    }

    /// <summary>
    /// The organ as compared in a key: canonical, and without the conjunctions 和/与 that official
    /// names print or drop at will (发展和改革委员会 = 发展改革委员会, 住房和城乡建设局 = 住房城乡建设局).
    /// </summary>
    public static string KeyForm(string canonicalOrgan)
    {
        var sb = new StringBuilder(canonicalOrgan.Length);
        foreach (var c in canonicalOrgan)
            if (c is not ('和' or '与')) sb.Append(c);
        return sb.ToString();
    }
}
