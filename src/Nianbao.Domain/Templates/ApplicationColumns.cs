using Nianbao.Domain.Tables;

namespace Nianbao.Domain.Templates;

/// <summary>The seven data columns of table 三, in printed order; the same in both templates.</summary>
public static class ApplicationColumns
{
    public const string NaturalPerson = "naturalPerson";
    public const string Commercial = "commercial";
    public const string Research = "research";
    public const string Nonprofit = "nonprofit";
    public const string LegalService = "legalService";
    public const string OtherOrg = "otherOrg";
    public const string Total = "total";

    public static readonly IReadOnlyList<FieldSchema> All =
    [
        new(NaturalPerson, "自然人"),
        new(Commercial, "商业企业"),
        new(Research, "科研机构"),
        new(Nonprofit, "社会公益组织"),
        new(LegalService, "法律服务机构"),
        new(OtherOrg, "其他"),
        new(Total, "总计"),
    ];

    /// <summary>The six applicant columns whose sum is 总计.</summary>
    public static readonly IReadOnlyList<string> Applicants = [NaturalPerson, Commercial, Research, Nonprofit, LegalService, OtherOrg];
}

/// <summary>The five fields of each table-四 group; the same in both templates.</summary>
public static class ReviewColumns
{
    public const string Upheld = "upheld";
    public const string Corrected = "corrected";
    public const string Other = "other";
    public const string Pending = "pending";
    public const string Total = "total";

    public static readonly IReadOnlyList<FieldSchema> All =
    [
        new(Upheld, "结果维持"),
        new(Corrected, "结果纠正"),
        new(Other, "其他结果"),
        new(Pending, "尚未审结"),
        new(Total, "总计"),
    ];

    public static readonly IReadOnlyList<string> Parts = [Upheld, Corrected, Other, Pending];
}
