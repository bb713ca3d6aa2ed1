using System.Text;
using Nianbao.Regions.Divisions;

namespace Nianbao.Regions.Agencies;

/// <summary>One division name read from an agency name, with every division it may mean.</summary>
public sealed record RegionToken(string Text, IReadOnlyList<NameMatch> Matches)
{
    /// <summary>
    /// The official name when every exact match has the same one (东华门街道办 → 东华门街道), else the
    /// text as written: so an unplaced agency's key does not depend on how its region was spelled.
    /// </summary>
    public string CanonicalText
    {
        get
        {
            var names = Matches.Where(m => m.Exact).Select(m => m.Division.Name).Distinct().ToList();
            return names.Count == 1 ? names[0] : Text;
        }
    }
}

/// <summary>
/// An agency name taken apart: the regions it names (河南省 信阳市 新县 泗店乡), or only a level word
/// (市科委 → 市), and the organ (人民政府, 科委). Built by <see cref="Parse"/>; immutable.
/// </summary>
public sealed class AgencyName
{
    private AgencyName(string raw, string normalized, IReadOnlyList<RegionToken> regions, char? levelWord, string organ, string canonicalOrgan)
    {
        Raw = raw;
        Normalized = normalized;
        Regions = regions;
        LevelWord = levelWord;
        Organ = organ;
        CanonicalOrgan = canonicalOrgan;
    }

    /// <summary>The name as given.</summary>
    public string Raw { get; }

    /// <summary>NFKC, no spaces or bracketed notes, 中共/中国共产党 removed.</summary>
    public string Normalized { get; }

    /// <summary>The divisions the name spells, outermost first; empty for 市科委 or 科学技术委员会.</summary>
    public IReadOnlyList<RegionToken> Regions { get; }

    /// <summary>The level word standing for the region when no division is named (省 市 州 县 区 旗 乡 镇).</summary>
    public char? LevelWord { get; }

    /// <summary>What follows the regions, as written (人民政府, 政府, 科委, "" for 泗店乡).</summary>
    public string Organ { get; }

    /// <summary>The organ with the abbreviation table and the government forms applied.</summary>
    public string CanonicalOrgan { get; }

    /// <summary>The region as the name writes it (新县泗店乡, 市, "").</summary>
    public string RegionText => Regions.Count > 0 ? string.Concat(Regions.Select(r => r.Text)) : LevelWord?.ToString() ?? "";

    /// <summary><see cref="RegionText"/> with each region in its official spelling where the spelling is exact.</summary>
    public string CanonicalRegionText => Regions.Count > 0 ? string.Concat(Regions.Select(r => r.CanonicalText)) : LevelWord?.ToString() ?? "";

    /// <summary>True when the name's last region may be a township or street.</summary>
    public bool IsTownship => Regions.Count > 0
        ? Regions[^1].Matches.All(m => m.Division.Level == DivisionLevel.Township)
        : LevelWord is '乡' or '镇';

    public AgencyKind Kind => OrganNames.KindOf(CanonicalOrgan, IsTownship);

    /// <summary>The canonical spelling from the name alone: 沭阳县政府 → 沭阳县人民政府, 市科委 → 市科学技术委员会.</summary>
    public string CanonicalName => CanonicalRegionText + CanonicalOrgan;

    private const string LevelWords = "省市州县区旗盟乡镇";

    /// <summary>Removes what never tells two agencies apart: width, spaces, bracketed notes, 中共.</summary>
    public static string Normalize(string name)
    {
        var nfkc = name.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        var depth = 0;
        foreach (var c in nfkc)
        {
            if (c is '(' or '[' or '【' or '〔' or '<' or '《') { depth++; continue; }
            if (c is ')' or ']' or '】' or '〕' or '>' or '》') { depth = Math.Max(0, depth - 1); continue; }
            if (depth > 0) continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200b' or '\ufeff' or '·' or '•' or '"' or '\'' or '“' or '”') continue;
            sb.Append(c);
        }
        var s = sb.ToString();
        foreach (var prefix in new[] { "中国共产党", "中共" })
            if (s.StartsWith(prefix, StringComparison.Ordinal)) { s = s[prefix.Length..]; break; }
        return s;
    }

    public static AgencyName Parse(string name, DivisionTree? tree = null)
    {
        tree ??= DivisionTree.Shared;
        var s = Normalize(name);
        var regions = new List<RegionToken>();
        var allowed = (IReadOnlyList<NameMatch>?)null;
        var pos = 0;
        while (pos < s.Length && NextRegion(tree, s, pos, allowed) is { } token)
        {
            regions.Add(token);
            allowed = token.Matches;
            pos += token.Text.Length;
        }
        char? levelWord = null;
        // 市科委, 县政府: a level word for a region the name does not spell; 市场监督管理局 is an organ.
        if (regions.Count == 0 && s.Length >= 2 && LevelWords.Contains(s[0]) && !s.StartsWith("市场", StringComparison.Ordinal))
        {
            levelWord = s[0];
            pos = 1;
        }
        var organ = s[pos..];
        var township = regions.Count > 0
            ? regions[^1].Matches.All(m => m.Division.Level == DivisionLevel.Township)
            : levelWord is '乡' or '镇';
        return new AgencyName(name, s, regions, levelWord, organ, OrganNames.Canonical(organ, township));
    }

    // The longest spelling at pos that names a division inside one the name already named (so an
    // organ word that happens to spell a far-away township is never taken for a region).
    private static RegionToken? NextRegion(DivisionTree tree, string s, int pos, IReadOnlyList<NameMatch>? outer)
    {
        var max = Math.Min(tree.LongestNameSpelling, s.Length - pos);
        for (var len = max; len >= 2; len--)
        {
            var matches = tree.MatchName(s.AsSpan(pos, len));
            if (matches is null) continue;
            var inside = outer is null
                ? matches
                : matches.Where(m => outer.Any(o => m.Division.IsWithin(o.Division))).ToArray();
            // 金门县 is a county and a township inside it: one spelling means the outer one (the inner
            // would be written 金门县金门县).
            var outermost = inside.Where(m => !inside.Any(o => m.Division.IsWithin(o.Division))).ToArray();
            if (outermost.Length > 0) return new RegionToken(s.Substring(pos, len), outermost);
        }
        return null;
    }

    public override string ToString() => Normalized;
}
