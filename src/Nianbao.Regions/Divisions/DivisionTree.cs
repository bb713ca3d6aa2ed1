using System.IO.Compression;
using System.Text;

namespace Nianbao.Regions.Divisions;

/// <summary>
/// China's division tree down to township level, read once from the embedded data (see
/// Data/README.md) on first use. Immutable and safe to share between threads.
/// </summary>
public sealed class DivisionTree
{
    private const string ResourceName = "Nianbao.Regions.divisions.tsv.gz";

    private static readonly Lazy<DivisionTree> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Division> byCode;
    private readonly Dictionary<string, List<Division>> byName;
    private readonly Dictionary<string, List<Division>> byStem;
    private readonly Dictionary<string, List<TextMatch>> byTextSpelling;
    // The first two characters of every text spelling: a scan skips at once the places where none starts.
    private readonly HashSet<string> textSpellingStarts;

    /// <summary>The tree of the embedded data, loaded on first use.</summary>
    public static DivisionTree Shared => Embedded.Value;

    public IReadOnlyList<Division> Provinces { get; }
    public int Count => byCode.Count;

    /// <summary>The longest spelling in the name index, so a scan knows how far to look ahead.</summary>
    internal int LongestNameSpelling { get; }
    internal int LongestTextSpelling { get; }

    private DivisionTree(List<Division> nodes)
    {
        byCode = new Dictionary<string, Division>(nodes.Count, StringComparer.Ordinal);
        foreach (var n in nodes) byCode[n.Code] = n;
        Provinces = nodes.Where(n => n.Level == DivisionLevel.Province).ToArray();

        // Names and stems only; the other spellings of a division (乡 for 镇, 街道办事处 for 街道) are
        // worked out at lookup time from the stem, which keeps the tree small and quick to build.
        byName = new Dictionary<string, List<Division>>(nodes.Count, StringComparer.Ordinal);
        byStem = new Dictionary<string, List<Division>>(nodes.Count, StringComparer.Ordinal);
        var texts = new Dictionary<string, List<TextMatch>>(8192, StringComparer.Ordinal);
        var longestSuffix = RegionNames.AllSpellingSuffixes.Max(x => x.Length);
        foreach (var n in nodes)
        {
            Add(byName, n.Name, n);
            if (n.Stem.Length >= 2 && n.Stem != n.Name) Add(byStem, n.Stem, n);
            LongestNameSpelling = Math.Max(LongestNameSpelling, Math.Max(n.Name.Length, n.Stem.Length + longestSuffix));
            if (n.Level == DivisionLevel.Township) continue;
            foreach (var (s, full) in RegionNames.TextSpellings(n))
            {
                Add(texts, s, new TextMatch(n, full));
                LongestTextSpelling = Math.Max(LongestTextSpelling, s.Length);
            }
        }
        byTextSpelling = texts;
        textSpellingStarts = texts.Keys.Where(k => k.Length >= 2).Select(k => k[..2]).ToHashSet(StringComparer.Ordinal);
    }

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<T>(1);
        if (!list.Contains(value)) list.Add(value);
    }

    /// <summary>The division of a code, short (41, 4115) or 12-digit (411500000000); null when unknown.</summary>
    public Division? Find(string code) => byCode.GetValueOrDefault(Normalize(code.Trim()));

    // Accepts the 12-digit form (410000000000) as well as the short one (41).
    private string Normalize(string code)
    {
        if (byCode.ContainsKey(code)) return code;
        if (code.Length == 12 && code.All(char.IsAsciiDigit))
        {
            foreach (var len in new[] { 9, 6, 4, 2 })
            {
                var prefix = code[..len];
                if (code[len..].All(c => c == '0') && byCode.ContainsKey(prefix)) return prefix;
            }
        }
        return code;
    }

    /// <summary>Divisions an agency name may mean by this spelling: exact spellings first, then variants.</summary>
    public IReadOnlyList<NameMatch> MatchName(string spelling) => MatchName(spelling.AsSpan()) ?? [];

    internal IReadOnlyList<NameMatch>? MatchName(ReadOnlySpan<char> spelling)
    {
        List<NameMatch>? found = null;
        if (byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(spelling, out var named))
            foreach (var d in named) (found ??= new()).Add(new NameMatch(d, true));
        var stems = byStem.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var suffix in RegionNames.AllSpellingSuffixes)
        {
            if (spelling.Length <= suffix.Length + 1 || !spelling.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (!stems.TryGetValue(spelling[..^suffix.Length], out var stemmed)) continue;
            foreach (var d in stemmed)
            {
                if (found is not null && found.Exists(m => m.Division == d)) continue;
                if (RegionNames.Spells(d, spelling) is { } exact) (found ??= new()).Add(new NameMatch(d, exact));
            }
        }
        return found;
    }

    /// <summary>Whether some text spelling starts with these two characters (else no <see cref="MatchText"/> at this place can succeed).</summary>
    internal bool MayStartText(ReadOnlySpan<char> firstTwo) => textSpellingStarts.GetAlternateLookup<ReadOnlySpan<char>>().Contains(firstTwo);

    internal IReadOnlyList<TextMatch>? MatchText(ReadOnlySpan<char> spelling) =>
        byTextSpelling.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(spelling, out var m) ? m : null;

    /// <summary>Every division whose official name is exactly this.</summary>
    public IReadOnlyList<Division> WithName(string name) => byName.GetValueOrDefault(name)?.ToArray() ?? [];

    public IEnumerable<Division> All => byCode.Values;

    /// <summary>
    /// The divisions whose stem is this and differs from their name, in the order of <see cref="All"/>:
    /// what <c>All.Where(d => d.Stem == stem &amp;&amp; d.Stem != d.Name)</c> gives for a stem of two or more
    /// characters, from the index instead of a walk over the whole tree.
    /// </summary>
    internal IReadOnlyList<Division> WithStem(string stem) => byStem.GetValueOrDefault(stem) ?? (IReadOnlyList<Division>)[];

    /// <summary>Reads the tree from a stream of "code TAB name" lines (the embedded data's shape).</summary>
    public static DivisionTree Load(Stream tsv)
    {
        using var reader = new StreamReader(tsv, Encoding.UTF8);
        var raw = new List<(string Code, string Name)>(48_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0) throw new InvalidDataException($"区划数据格式错误（缺少制表符）：{line}");
            raw.Add((line[..tab], line[(tab + 1)..]));
        }
        return Build(raw);
    }

    private static DivisionTree LoadEmbedded()
    {
        using var resource = typeof(DivisionTree).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"嵌入的区划数据缺失：{ResourceName}");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        return Load(gzip);
    }

    private static DivisionTree Build(List<(string Code, string Name)> raw)
    {
        raw.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var nodes = new List<Division>(raw.Count);
        var kept = new Dictionary<string, Division>(raw.Count, StringComparer.Ordinal);
        foreach (var (code, name) in raw)
        {
            var level = code.Length switch
            {
                2 => DivisionLevel.Province,
                4 => DivisionLevel.City,
                6 => DivisionLevel.County,
                9 => DivisionLevel.Township,
                _ => throw new InvalidDataException($"区划代码长度不对：{code}"),
            };
            var parent = ParentOf(code, kept);
            if (IsPlaceholder(name, level, parent)) continue;
            var node = new Division(code, name, level, parent, RegionNames.Stem(name, level));
            parent?.AddChild(node);
            kept[code] = node;
            nodes.Add(node);
        }
        return new DivisionTree(nodes);
    }

    // The statistics code gives every county a city and every township a county, so it invents
    // grouping nodes that no agency is named after: 市辖区 and 县 under the four municipalities,
    // 省直辖县级行政区划 for counties under a province, a county named like its city for cities
    // without counties (东莞市 441900 under 东莞市 4419), and the 直辖村级区划 of some districts.
    // Their children hang on the real parent instead, as people write the address (河南省济源市).
    private static bool IsPlaceholder(string name, DivisionLevel level, Division? parent) => level switch
    {
        DivisionLevel.City => name is "市辖区" or "县" || name.EndsWith("直辖县级行政区划", StringComparison.Ordinal),
        DivisionLevel.County => parent is { Level: DivisionLevel.City } && parent.Name == name,
        DivisionLevel.Township => name.EndsWith("直辖村级区划", StringComparison.Ordinal),
        _ => false,
    };

    private static Division? ParentOf(string code, Dictionary<string, Division> kept)
    {
        for (var len = code.Length switch { 9 => 6, 6 => 4, 4 => 2, _ => 0 }; len >= 2; len = len switch { 6 => 4, 4 => 2, _ => 0 })
            if (kept.TryGetValue(code[..len], out var parent)) return parent;
        return null;
    }
}

/// <summary>A division an agency-name spelling may mean; <see cref="Exact"/> is false for a variant (乡 for 镇…).</summary>
public readonly record struct NameMatch(Division Division, bool Exact);

/// <summary>A division a spelling in running text may mean; <see cref="Full"/> is false for a bare stem (信阳).</summary>
public readonly record struct TextMatch(Division Division, bool Full);
