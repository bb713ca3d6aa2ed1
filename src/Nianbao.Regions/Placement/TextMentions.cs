using System.Text;
using System.Text.RegularExpressions;
using Nianbao.Regions.Divisions;

namespace Nianbao.Regions.Placement;

/// <summary>
/// The divisions a report's text names (province, city and county levels; the longest spelling wins
/// at each place, so 河南省 is one mention of 河南省, not also one of 河南) and the level words it uses
/// for the governments above it (省州县, 县委、县政府).
/// </summary>
public sealed partial class TextMentions
{
    private readonly record struct Tally(int Full, int Stem, string Spelling);

    private readonly Dictionary<Division, Tally> counts;

    private TextMentions(Dictionary<Division, Tally> counts, IReadOnlySet<char> levelWords, string levelWordText)
    {
        this.counts = counts;
        LevelWords = levelWords;
        LevelWordText = levelWordText;
    }

    public static TextMentions Empty { get; } = new(new(), new HashSet<char>(), "");

    /// <summary>Level characters the text uses for enclosing governments: 州, 县, 市, 区, 旗, 盟.</summary>
    public IReadOnlySet<char> LevelWords { get; }

    /// <summary>The phrases the level words were read from, for the evidence.</summary>
    public string LevelWordText { get; }

    public IEnumerable<Division> Divisions => counts.Keys;

    /// <summary>How often the text names the division by its full name and by its bare stem.</summary>
    public (int Full, int Stem) CountOf(Division d) => counts.TryGetValue(d, out var c) ? (c.Full, c.Stem) : (0, 0);

    public string SpellingOf(Division d) => counts.TryGetValue(d, out var c) ? c.Spelling : d.Name;

    // 县委、县政府 / 州委州政府: the same level character before 委 and 政府, as official prose writes it.
    [GeneratedRegex(@"([州县区旗盟市])委[、，,和及]?\1(?:人民)?政府")]
    private static partial Regex CommitteeAndGovernment();

    // 省州县, 省市县, 省市区: the chain of levels above a township.
    [GeneratedRegex(@"省([市州盟])([县区旗市])")]
    private static partial Regex LevelChain();

    public static TextMentions Scan(string? text, DivisionTree tree)
    {
        if (string.IsNullOrEmpty(text)) return Empty;
        var counts = new Dictionary<Division, Tally>();
        var max = tree.LongestTextSpelling;
        for (var i = 0; i < text.Length;)
        {
            if (!IsHan(text[i])) { i++; continue; }
            // Every spelling is two characters or more: where no spelling starts, no length can match.
            if (i + 2 > text.Length || !tree.MayStartText(text.AsSpan(i, 2))) { i++; continue; }
            var matched = 0;
            for (var len = Math.Min(max, text.Length - i); len >= 2; len--)
            {
                var matches = tree.MatchText(text.AsSpan(i, len));
                if (matches is null) continue;
                foreach (var m in matches)
                {
                    var c = counts.GetValueOrDefault(m.Division, new Tally(0, 0, text.Substring(i, len)));
                    counts[m.Division] = m.Full ? c with { Full = c.Full + 1 } : c with { Stem = c.Stem + 1 };
                }
                matched = len;
                break;
            }
            i += matched > 0 ? matched : 1;
        }

        var levels = new HashSet<char>();
        var phrases = new List<string>();
        foreach (Match m in CommitteeAndGovernment().Matches(text))
        {
            if (levels.Add(m.Groups[1].Value[0]) || !phrases.Contains(m.Value)) phrases.Add(m.Value);
        }
        foreach (Match m in LevelChain().Matches(text))
        {
            levels.Add(m.Groups[1].Value[0]);
            levels.Add(m.Groups[2].Value[0]);
            if (!phrases.Contains(m.Value)) phrases.Add(m.Value);
        }
        var levelText = new StringBuilder();
        foreach (var p in phrases.Distinct().Take(4)) levelText.Append(levelText.Length > 0 ? "、" : "").Append(p);
        return new TextMentions(counts, levels, levelText.ToString());
    }

    /// <summary>
    /// Equal when the two would place any name alike: the same divisions in the same order with the same
    /// counts and spellings, the same level words in the same order and the same level-word phrases —
    /// everything <see cref="AgencyPlacer"/> reads of a scan.
    /// </summary>
    public static IEqualityComparer<TextMentions> ContentComparer { get; } = new Content();

    private sealed class Content : IEqualityComparer<TextMentions>
    {
        public bool Equals(TextMentions? x, TextMentions? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.counts.Count != y.counts.Count || x.LevelWords.Count != y.LevelWords.Count
                || !string.Equals(x.LevelWordText, y.LevelWordText, StringComparison.Ordinal)) return false;
            // In enumeration order: the placer reads them in that order, so the order is part of what it reads.
            using (var a = x.counts.GetEnumerator())
            using (var b = y.counts.GetEnumerator())
                while (a.MoveNext() && b.MoveNext())
                    if (!ReferenceEquals(a.Current.Key, b.Current.Key) || a.Current.Value != b.Current.Value) return false;
            return x.LevelWords.SequenceEqual(y.LevelWords);
        }

        public int GetHashCode(TextMentions m)
        {
            var hash = new HashCode();
            hash.Add(m.counts.Count);
            foreach (var (division, tally) in m.counts)
            {
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(division));
                hash.Add(tally);
            }
            foreach (var c in m.LevelWords) hash.Add(c);
            hash.Add(m.LevelWordText, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
