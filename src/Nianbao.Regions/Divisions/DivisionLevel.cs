namespace Nianbao.Regions.Divisions;

/// <summary>The four levels of the division tree we keep (villages are left out on purpose).</summary>
public enum DivisionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
}

public static class DivisionLevelNames
{
    public static string ToChinese(this DivisionLevel level) => level switch
    {
        DivisionLevel.Province => "省级",
        DivisionLevel.City => "地级",
        DivisionLevel.County => "县级",
        _ => "乡级",
    };

    /// <summary>Stable lower-case names for storage and JSON.</summary>
    public static string ToContractName(this DivisionLevel level) => level switch
    {
        DivisionLevel.Province => "province",
        DivisionLevel.City => "city",
        DivisionLevel.County => "county",
        _ => "township",
    };

    public static DivisionLevel? FromContractName(string? name) => name switch
    {
        "province" => DivisionLevel.Province,
        "city" => DivisionLevel.City,
        "county" => DivisionLevel.County,
        "township" => DivisionLevel.Township,
        _ => null,
    };
}
