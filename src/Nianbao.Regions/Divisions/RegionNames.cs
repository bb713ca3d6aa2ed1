namespace Nianbao.Regions.Divisions;

/// <summary>
/// How division names are written: the generic suffix of each level, the ethnic names inside the
/// names of autonomous areas, and the variant spellings an agency name may use for a division.
/// </summary>
public static class RegionNames
{
    // The 55 minority names as they stand in division names (维吾尔 without 族, as 新疆维吾尔自治区 writes it).
    private static readonly string[] Ethnic =
    [
        "维吾尔", "蒙古族", "回族", "藏族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族",
        "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族",
        "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族",
        "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族",
        "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族", "民族", "各族",
    ];

    private static readonly string[] ProvinceSuffixes = ["特别行政区", "自治区", "省", "市"];
    private static readonly string[] CitySuffixes = ["自治州", "地区", "盟", "市", "州"];
    private static readonly string[] CountySuffixes = ["自治县", "自治旗", "林区", "特区", "新区", "矿区", "县", "区", "市", "旗"];
    private static readonly string[] TownshipSuffixes = ["街道办事处", "地区办事处", "办事处", "街道", "苏木", "乡", "镇"];

    /// <summary>The suffixes a division of this level may carry, longest first.</summary>
    public static IReadOnlyList<string> Suffixes(DivisionLevel level) => level switch
    {
        DivisionLevel.Province => ProvinceSuffixes,
        DivisionLevel.City => CitySuffixes,
        DivisionLevel.County => CountySuffixes,
        _ => TownshipSuffixes,
    };

    /// <summary>The name without its level suffix and ethnic names; the name itself when no suffix applies.</summary>
    public static string Stem(string name, DivisionLevel level)
    {
        foreach (var suffix in Suffixes(level))
        {
            if (name.Length <= suffix.Length || !name.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var stem = name[..^suffix.Length];
            // Only autonomous areas and ethnic townships carry ethnic names (…族, 维吾尔): skip the list otherwise.
            if (stem.Contains('族') || stem.EndsWith("维吾尔", StringComparison.Ordinal)) stem = StripEthnic(stem);
            return stem.Length > 0 ? stem : name;
        }
        return name;
    }

    /// <summary>The suffix that <see cref="Stem"/> removed (with the ethnic names), or "" when none.</summary>
    public static string Suffix(string name, DivisionLevel level)
    {
        var stem = Stem(name, level);
        return stem.Length < name.Length ? name[stem.Length..] : "";
    }

    private static string StripEthnic(string s)
    {
        // 金平苗族瑶族傣族自治县: several ethnic names stand before 自治.
        bool stripped;
        do
        {
            stripped = false;
            foreach (var e in Ethnic)
            {
                if (s.Length > e.Length && s.EndsWith(e, StringComparison.Ordinal))
                {
                    s = s[..^e.Length];
                    stripped = true;
                    break;
                }
            }
        } while (stripped);
        return s;
    }

    private static readonly string[] StreetForms = ["街道", "街道办事处", "街道办"];
    private static readonly string[] ProvinceVariants = ["省", "市"];
    private static readonly string[] CityVariants = ["市", "地区", "州", "盟"];
    private static readonly string[] CountyVariants = ["县", "区", "市", "旗"];
    private static readonly string[] TownshipVariants = ["乡", "镇", "街道", "街道办事处", "办事处", "街道办"];

    /// <summary>Every suffix a spelling of a division may end with, longest first (for lookups by stem).</summary>
    internal static readonly string[] AllSpellingSuffixes =
        ["街道办事处", "地区办事处", "办事处", "街道办", "街道", "地区", "苏木", "乡", "镇", "县", "区", "市", "旗", "省", "州", "盟"];

    /// <summary>
    /// Whether <paramref name="spelling"/> names <paramref name="d"/>: exactly — the official name, the
    /// 办事处 forms of a street (东华门街道 = 东华门街道办事处 = 东华门街道办), the short form of an
    /// autonomous prefecture, county or banner (黔东南州, 白沙县) — or as a variant: the stem with
    /// another suffix of its level, as a name written before a change of status spells it (乡 → 镇,
    /// 县 → 区 or 市, 地区 → 市). A variant is a weaker match, never enough on its own to place an
    /// agency. Derived spellings need a stem of two characters or more, so 新县 yields no 新区.
    /// </summary>
    public static bool? Spells(Division d, ReadOnlySpan<char> spelling)
    {
        if (spelling.SequenceEqual(d.Name)) return true;
        if (d.Stem.Length < 2 || d.Stem == d.Name || !spelling.StartsWith(d.Stem, StringComparison.Ordinal)) return null;
        var suffix = spelling[d.Stem.Length..];
        if (suffix.IsEmpty) return null;
        var exact = d.Level switch
        {
            DivisionLevel.Township => d.Suffix is "街道" or "街道办事处" or "办事处" && Contains(StreetForms, suffix),
            DivisionLevel.City => d.Suffix.EndsWith("自治州", StringComparison.Ordinal) && suffix.SequenceEqual("州"),
            DivisionLevel.County => (d.Suffix.EndsWith("自治县", StringComparison.Ordinal) && suffix.SequenceEqual("县"))
                || (d.Suffix.EndsWith("自治旗", StringComparison.Ordinal) && suffix.SequenceEqual("旗")),
            _ => false,
        };
        if (exact) return true;
        var variants = d.Level switch
        {
            DivisionLevel.Province => ProvinceVariants,
            DivisionLevel.City => CityVariants,
            DivisionLevel.County => CountyVariants,
            _ => TownshipVariants,
        };
        return Contains(variants, suffix) ? false : null;
    }

    private static bool Contains(string[] options, ReadOnlySpan<char> value)
    {
        foreach (var o in options)
            if (value.SequenceEqual(o)) return true;
        return false;
    }

    /// <summary>The exact spellings of <see cref="Spells"/> written out.</summary>
    public static IEnumerable<string> ExactSpellings(Division d)
    {
        yield return d.Name;
        foreach (var suffix in AllSpellingSuffixes)
            if (d.Stem.Length >= 2 && d.Stem + suffix != d.Name && Spells(d, d.Stem + suffix) == true) yield return d.Stem + suffix;
    }

    /// <summary>
    /// Spellings looked for in a report's text as evidence of where it is: the official name and, from
    /// county level up, the bare stem of two characters or more (信阳, 梁园, 广西) and the 州 form.
    /// Townships are not looked for: their names are too often ordinary words.
    /// </summary>
    public static IEnumerable<(string Spelling, bool Full)> TextSpellings(Division d)
    {
        if (d.Level == DivisionLevel.Township) yield break;
        foreach (var s in ExactSpellings(d)) yield return (s, true);
        if (d.Stem.Length >= 2 && d.Stem != d.Name) yield return (d.Stem, false);
    }
}
