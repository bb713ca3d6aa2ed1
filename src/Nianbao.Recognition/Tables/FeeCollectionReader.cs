using System.Globalization;
using Nianbao.Domain;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// The optional fee-collection table 信息处理费收取情况 (some 2025 reports, after table 四 or inside
/// section 六). Found by its three column labels in order; its numbers are read either after each
/// label (label then number) or after the last label (a header row, then a value row, possibly
/// behind a row label). Table 四's region already ends where this table begins (TableRegions), so
/// the two never share digits. No labels → null, never an empty table.
/// </summary>
public static class FeeCollectionReader
{
    private const string CountLabel = "通知收取件数", NotifiedLabel = "通知收取金额", CollectedLabel = "实际收取金额";

    public static FeeCollection? Read(DocumentView view, TableRegions regions)
    {
        var c = view.Compact.Value;
        var from = regions.HasTable4 ? regions.T3End : 0;
        var i1 = c.IndexOf(CountLabel, Math.Max(from, 0), StringComparison.Ordinal);
        if (i1 < 0) return null;
        var i2 = c.IndexOf(NotifiedLabel, i1, StringComparison.Ordinal);
        if (i2 < 0) return null;
        var i3 = c.IndexOf(CollectedLabel, i2, StringComparison.Ordinal);
        if (i3 < 0) return null;

        var e1 = SkipUnit(c, i1 + CountLabel.Length);
        var e2 = SkipUnit(c, i2 + NotifiedLabel.Length);
        var e3 = SkipUnit(c, i3 + CollectedLabel.Length);
        var after1 = view.TokensBetween(view.N(e1), view.N(i2));
        var after2 = view.TokensBetween(view.N(e2), view.N(i3));
        if (after1.Count == 1 && after2.Count <= 1)
        {
            // Label then number: 通知收取件数 2 通知收取金额（元） 300 实际收取金额（元） 300.
            var tail = ValueRun(view, c, e3, skipRowLabel: false);
            return new FeeCollection(Value(after1[0]), after2.Count == 1 ? Value(after2[0]) : null, tail.Count >= 1 ? Value(tail[0]) : null);
        }
        var row = ValueRun(view, c, e3, skipRowLabel: true);
        // A header then a value row. Without three cells (a blank printed as nothing in plain text)
        // which column is blank cannot be told: all three stay null rather than be guessed.
        return row.Count == 3 ? new FeeCollection(Value(row[0]), Value(row[1]), Value(row[2])) : new FeeCollection(null, null, null);
    }

    /// <summary>Skips a printed unit "（元）" / "(元)" / "(件)" after a label.</summary>
    private static int SkipUnit(string c, int at)
    {
        if (at < c.Length && c[at] is '(' or '（')
        {
            var close = c.IndexOfAny([')', '）'], at);
            if (close > at && close - at <= 4) return close + 1;
        }
        return at;
    }

    /// <summary>The number tokens from <paramref name="at"/> up to the next word: the row of values.</summary>
    private static List<NumberToken> ValueRun(DocumentView view, string c, int at, bool skipRowLabel)
    {
        var start = at;
        if (skipRowLabel)
        {
            // A row label before the values ("信息处理费收取情况", "合计", "本年度"): at most a short word.
            var word = start;
            while (word < c.Length && IsWordChar(c[word]) && word - start < 12) word++;
            if (word > start && word < c.Length && !IsWordChar(c[word])) start = word;
        }
        var end = start;
        while (end < c.Length && !IsWordChar(c[end]) && end - start < 80) end++;
        return view.TokensBetween(view.N(start), end >= c.Length ? int.MaxValue : view.N(end)).Take(3).ToList();
    }

    private static bool IsWordChar(char ch) => ch >= '\u3400' && ch <= '\u9fff';

    private static decimal? Value(NumberToken token) =>
        !token.IsBlank && decimal.TryParse(token.Text.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
}
