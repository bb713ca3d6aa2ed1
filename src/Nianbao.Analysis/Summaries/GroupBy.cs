using Nianbao.Analysis.Agencies;

namespace Nianbao.Analysis.Summaries;

/// <summary>How a summary is broken down besides its total.</summary>
public enum GroupBy { None, Agency, Level, Region, Year }

/// <summary>A group of a summary: a stable key (agency id, level, 12-digit region code, year) and a label for people.</summary>
public sealed record GroupKey(string Key, string Label, int Order);

/// <summary>What a summary covers and how it is broken down.</summary>
public sealed record SummaryOptions
{
    public GroupBy By { get; init; } = GroupBy.None;

    /// <summary>The region summed over (its code); grouping by region uses the level below it. Null: all of China.</summary>
    public string? ScopeRegionCode { get; init; }

    /// <summary>The name of a 12-digit region code, from whoever knows the map; the code is shown without it.</summary>
    public Func<string, string?>? RegionName { get; init; }

    /// <summary>The years asked for, so that a year with no report at all still lists its missing agencies.</summary>
    public IReadOnlyList<int>? Years { get; init; }

    internal GroupKey KeyOf(AgencyRef agency, int year) => By switch
    {
        GroupBy.Agency => new GroupKey(agency.Id, agency.Name, 0),
        GroupBy.Level => LevelKey(agency.Placement?.Level),
        GroupBy.Region => RegionKey(agency.Placement),
        GroupBy.Year => new GroupKey(year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{year}年", year),
        _ => new GroupKey("all", "合计", 0),
    };

    private static readonly string[] Levels = ["province", "city", "county", "township"];
    private static readonly string[] LevelLabels = ["省级", "市级", "县级", "乡级"];

    private static GroupKey LevelKey(string? level)
    {
        if (level is null) return new GroupKey("unplaced", "未定位", int.MaxValue);
        var i = Array.IndexOf(Levels, level);
        return i >= 0 ? new GroupKey(level, LevelLabels[i], i) : new GroupKey(level, level, Levels.Length);
    }

    private GroupKey RegionKey(AgencyPlacement? placement)
    {
        if (RegionCodes.Normalize(placement?.RegionCode) is null) return new GroupKey("unplaced", "未定位", 2);
        var child = RegionCodes.ChildOf(ScopeRegionCode, placement!.RegionCode);
        if (child is null) return new GroupKey("outside", "范围以外", 3);
        var name = RegionName?.Invoke(child)
            ?? (RegionCodes.Normalize(placement.RegionCode) == child ? placement.RegionName : null)
            ?? child;
        return child == RegionCodes.Normalize(ScopeRegionCode)
            ? new GroupKey(child, $"{name}（本级）", 0)
            : new GroupKey(child, name, 1);
    }
}
