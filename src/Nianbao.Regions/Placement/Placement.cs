using Nianbao.Regions.Agencies;
using Nianbao.Regions.Divisions;

namespace Nianbao.Regions.Placement;

public enum PlacementStatus
{
    /// <summary>Name and text decide one division.</summary>
    Placed,

    /// <summary>Several divisions remain (listed in <see cref="AgencyPlacement.Candidates"/>); none is chosen.</summary>
    Ambiguous,

    /// <summary>No division fits the name.</summary>
    Unknown,
}

public enum EvidenceKind
{
    /// <summary>A division the name spells exactly (新县, 泗店乡).</summary>
    NameExact,

    /// <summary>A division the name spells with another suffix (水池铺乡 for 水池铺镇: renamed since).</summary>
    NameVariant,

    /// <summary>The name spells an enclosing division too (睢县白楼乡: 睢县).</summary>
    NameParent,

    /// <summary>The report's text names an enclosing division (新县, 信阳市).</summary>
    TextMention,

    /// <summary>The report's text speaks of the levels above it (省州县政府, 县委、县政府).</summary>
    LevelWords,

    /// <summary>A user pinned the placement.</summary>
    Pinned,
}

/// <summary>One reason for a placement, in words a reviewer can check against the document.</summary>
public sealed record PlacementEvidence(EvidenceKind Kind, string Text, string? DivisionCode = null, int Count = 1)
{
    public override string ToString() => Kind switch
    {
        EvidenceKind.NameExact => $"名称含区划名“{Text}”",
        EvidenceKind.NameVariant => $"名称“{Text}”与现行区划名后缀不同",
        EvidenceKind.NameParent => $"名称含上级区划“{Text}”",
        EvidenceKind.TextMention => $"正文提及“{Text}”{Count}次",
        EvidenceKind.LevelWords => $"正文的层级用语“{Text}”",
        _ => $"人工指定：{Text}",
    };
}

/// <summary>
/// Where an agency stands on the division map. <see cref="Region"/> is set only when
/// <see cref="Status"/> is <see cref="PlacementStatus.Placed"/>; otherwise <see cref="Candidates"/>
/// lists what the name and text left open.
/// </summary>
public sealed record AgencyPlacement(
    AgencyName Name,
    PlacementStatus Status,
    Division? Region,
    AgencyKind Kind,
    IReadOnlyList<Division> Candidates,
    IReadOnlyList<PlacementEvidence> Evidence)
{
    public string? Code => Region?.Code;

    /// <summary>The 12-digit 统计用区划代码.</summary>
    public string? StatisticalCode => Region?.StatisticalCode;

    /// <summary>河南省信阳市新县泗店乡.</summary>
    public string? RegionPath => Region?.FullName;

    public DivisionLevel? Level => Region?.Level ?? (Candidates.Count > 0 && Candidates.All(c => c.Level == Candidates[0].Level) ? Candidates[0].Level : null);

    /// <summary>
    /// The key under which name variants of one agency meet: region code and organ once placed
    /// (411523209:人民政府), else the name's own region text and organ (?市:科学技术委员会).
    /// </summary>
    public string CanonicalKey => AgencyKeys.Key(Region, Name);

    /// <summary>The agency's name written out canonically: 河南省信阳市新县泗店乡人民政府 once placed.</summary>
    public string CanonicalName => Region is null ? Name.CanonicalName : AgencyKeys.DisplayName(Region, Name.CanonicalOrgan);
}

public static class AgencyKeys
{
    public static string Key(Division? region, AgencyName name) =>
        region is null
            ? "?" + name.CanonicalRegionText + ":" + OrganNames.KeyForm(name.CanonicalOrgan)
            : region.Code + ":" + OrganNames.KeyForm(name.CanonicalOrgan);

    public static string DisplayName(Division region, string canonicalOrgan)
    {
        // A street's government is its 办事处, not a 人民政府.
        if (region.Level == DivisionLevel.Township && canonicalOrgan == OrganNames.Government
            && RegionNames.Suffix(region.Name, region.Level) is "街道" or "街道办事处" or "办事处" or "地区办事处")
            return region.FullName + (region.Name.EndsWith("办事处", StringComparison.Ordinal) ? "" : "办事处");
        return region.FullName + canonicalOrgan;
    }
}
