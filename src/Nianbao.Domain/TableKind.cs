namespace Nianbao.Domain;

/// <summary>The three statutory tables, named as in the data contract.</summary>
public enum TableKind
{
    /// <summary>Table 二 主动公开政府信息情况.</summary>
    ActiveDisclosure,
    /// <summary>Table 三 收到和处理政府信息公开申请情况.</summary>
    Applications,
    /// <summary>Table 四 政府信息公开行政复议、行政诉讼情况.</summary>
    ReviewsAndLawsuits,
}

/// <summary>The kinds of table a report can hold, in the contract's order.</summary>
public static class TableKinds
{
    /// <summary>Tables 二, 三 and 四, in printed order.</summary>
    public static IReadOnlyList<TableKind> Statutory { get; } = [TableKind.ActiveDisclosure, TableKind.Applications, TableKind.ReviewsAndLawsuits];
}

public static class TableKindNames
{
    public static string ToContractName(this TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => "activeDisclosure",
        TableKind.Applications => "applications",
        TableKind.ReviewsAndLawsuits => "reviewsAndLawsuits",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out TableKind kind)
    {
        foreach (var k in Enum.GetValues<TableKind>())
            if (k.ToContractName() == name) { kind = k; return true; }
        kind = default;
        return false;
    }
}
