namespace Nianbao.Analysis.Summaries;

/// <summary>
/// Arithmetic on 统计用区划代码 (12 digits: 2 province, 2 city, 2 county, 3 township, 3 village; shorter
/// forms are the same code without its trailing zeros). A region's sub-regions share its prefix, so
/// grouping by the next level down needs the codes only.
/// </summary>
public static class RegionCodes
{
    private static readonly int[] PrefixLengths = [0, 2, 4, 6, 9, 12];

    /// <summary>The code as 12 digits, or null when it is not a division code.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null) return null;
        code = code.Trim();
        if (code.Length is not (2 or 4 or 6 or 9 or 12) || !code.All(char.IsAsciiDigit)) return null;
        return code.PadRight(12, '0');
    }

    /// <summary>1 province, 2 city, 3 county, 4 township, 5 village (of a normalized code).</summary>
    public static int LevelOf(string code12)
    {
        for (var level = 1; level < 5; level++)
            if (code12.AsSpan(PrefixLengths[level]).IndexOfAnyExcept('0') < 0) return level;
        return 5;
    }

    /// <summary>The significant prefix of a normalized code (4101 for 410100000000).</summary>
    public static string Prefix(string code12) => code12[..PrefixLengths[LevelOf(code12)]];

    /// <summary>True when <paramref name="code"/> is <paramref name="scope"/> or inside it (null scope: all of China).</summary>
    public static bool IsWithin(string? code, string? scope)
    {
        var c = Normalize(code);
        if (c is null) return false;
        if (Normalize(scope) is not { } s) return scope is null;
        return c.StartsWith(Prefix(s), StringComparison.Ordinal);
    }

    /// <summary>
    /// The region one level below <paramref name="scope"/> that contains <paramref name="code"/> (12
    /// digits); the scope itself for an agency of the scope's own level; null when outside it.
    /// </summary>
    public static string? ChildOf(string? scope, string? code)
    {
        var c = Normalize(code);
        if (c is null) return null;
        var s = Normalize(scope);
        var level = s is null ? 0 : LevelOf(s);
        if (s is not null && !c.StartsWith(Prefix(s), StringComparison.Ordinal)) return null;
        if (level >= 5) return s;
        return c[..PrefixLengths[level + 1]].PadRight(12, '0');
    }
}
