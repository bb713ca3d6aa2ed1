namespace Nianbao.Recognition.Text;

/// <summary>
/// Labels and headings with one misprinted character ("行政许口" for 行政许可, "总休情况" for 总体情况).
/// A fallback when no wording of a row or heading is found as printed: a stretch of the compact text
/// that differs from one of its wordings in exactly one character is taken, but only when no other
/// label of the same table (or heading) is within one character of the same stretch — "行政许罚" is
/// as near to 行政处罚 as to 行政许可 and is taken for neither. Wordings shorter than four characters
/// are never matched loosely: one character in three is too much to guess.
/// </summary>
public static class NearLabels
{
    public const int MinLength = 4;

    /// <summary>A wording found with one character changed: where, which wording, and what is printed.</summary>
    public readonly record struct NearMatch(int Index, string Key, string Printed);

    /// <summary>
    /// The loose wordings of a label: its match keys and the runs of its printed label (without item
    /// numbers, brackets and quotes), each at least <see cref="MinLength"/> characters.
    /// </summary>
    public static IReadOnlyList<string> Wordings(IEnumerable<string> matchKeys, string printedLabel)
    {
        var runs = new List<string>();
        var label = printedLabel;
        var bracket = label.IndexOfAny(['（', '(' ], 1);
        if (bracket > 0) label = label[..bracket];
        var run = new System.Text.StringBuilder();
        foreach (var ch in label + "\0")
        {
            if (ch >= 0x3400 && !IsNumeral(ch, run.Length)) { run.Append(ch); continue; }
            if (run.Length > 0) runs.Add(run.ToString());
            run.Clear();
        }
        return matchKeys.Concat(runs).Where(k => k.Length >= MinLength).Distinct().ToList();
    }

    // "一、" "（三）" before a label are numbering, not words of the label.
    private static bool IsNumeral(char ch, int runLength) => runLength == 0 && "一二三四五六七八九十".Contains(ch);

    /// <summary>
    /// The first stretch of <paramref name="compact"/> in [from, to) that is one character away from
    /// one of <paramref name="wordings"/> and not within one character of any of <paramref name="rivals"/>.
    /// <paramref name="accept"/> may refuse a place (e.g. a heading must follow its numeral).
    /// </summary>
    public static NearMatch? Find(string compact, IReadOnlyList<string> wordings, IReadOnlyList<string> rivals, int from, int to,
        Func<int, bool>? accept = null)
    {
        to = Math.Min(to, compact.Length);
        NearMatch? best = null;
        foreach (var key in wordings)
        {
            if (key.Length < MinLength) continue;
            for (var i = Math.Max(0, from); i + key.Length <= to; i++)
            {
                if (best is { } b && i >= b.Index) break;
                if (!OneAway(compact.AsSpan(i, key.Length), key)) continue;
                if (NearAny(compact, i, key.Length, rivals) || (accept is not null && !accept(i))) continue;
                best = new NearMatch(i, key, compact.Substring(i, key.Length));
                break;
            }
        }
        return best;
    }

    /// <summary>Exactly one character differs (a misprint), not zero (that is an exact match, found before).</summary>
    public static bool OneAway(ReadOnlySpan<char> text, string key)
    {
        if (text.Length != key.Length) return false;
        var differences = 0;
        for (var i = 0; i < key.Length && differences <= 1; i++)
            if (text[i] != key[i]) differences++;
        return differences == 1;
    }

    /// <summary>Is any rival label printed, or printed with one character changed, over the stretch [at, at+length)?</summary>
    private static bool NearAny(string compact, int at, int length, IReadOnlyList<string> rivals)
    {
        foreach (var rival in rivals)
        {
            if (rival.Length < 3) continue;
            var first = Math.Max(0, at - rival.Length + 1);
            var last = Math.Min(compact.Length - rival.Length, at + length - 1);
            for (var i = first; i <= last; i++)
            {
                var window = compact.AsSpan(i, rival.Length);
                if (window.SequenceEqual(rival) || (rival.Length >= 3 && OneAway(window, rival))) return true;
            }
        }
        return false;
    }
}
