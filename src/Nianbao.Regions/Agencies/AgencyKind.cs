namespace Nianbao.Regions.Agencies;

/// <summary>What an agency is within its region.</summary>
public enum AgencyKind
{
    /// <summary>Not decided from the name (a zone's 管委会, a party organ, an unknown word).</summary>
    Other = 0,

    /// <summary>The region's government itself (XX县人民政府, XX市政府).</summary>
    Government,

    /// <summary>The government's general office (人民政府办公室 / 办公厅).</summary>
    Office,

    /// <summary>A department of the government (局, 委员会, 办公室, 中心…).</summary>
    Department,

    /// <summary>A township or street government (XX乡人民政府, XX镇, XX街道办事处).</summary>
    Township,
}

public static class AgencyKindNames
{
    public static string ToContractName(this AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "government",
        AgencyKind.Office => "office",
        AgencyKind.Department => "department",
        AgencyKind.Township => "township",
        _ => "other",
    };

    public static AgencyKind FromContractName(string? name) => name switch
    {
        "government" => AgencyKind.Government,
        "office" => AgencyKind.Office,
        "department" => AgencyKind.Department,
        "township" => AgencyKind.Township,
        _ => AgencyKind.Other,
    };

    public static string ToChinese(this AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "人民政府",
        AgencyKind.Office => "政府办公室",
        AgencyKind.Department => "政府部门",
        AgencyKind.Township => "乡镇（街道）",
        _ => "其他",
    };
}
