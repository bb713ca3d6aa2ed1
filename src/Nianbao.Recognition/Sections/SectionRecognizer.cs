using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Recognition.Sections;

/// <summary>
/// The six statutory sections. A heading is a numeral (一、 or 1.) followed closely by the section's
/// words, found in order — inline in run-together page text as well as on its own line, with or
/// without markdown #. Headings are matched loosely because their wording varies.
/// </summary>
public static class SectionRecognizer
{
    private const string ChineseNumerals = "一二三四五六七八九十";
    private static readonly string[] Closers = ["情况", "事项", "措施"];

    public static void Recognize(DocumentView view, ReportDraft report)
    {
        var c = view.Compact.Value;
        var found = new List<(int Number, int Start, int TitleEnd, string Title)>();
        var from = 0;
        foreach (var section in StatutorySections.All)
        {
            var hit = FindHeading(c, section, from);
            if (hit is null) continue;
            found.Add((section.Number, hit.Value.Start, hit.Value.TitleEnd, hit.Value.Title));
            from = hit.Value.TitleEnd;
        }
        for (var i = 0; i < found.Count; i++)
        {
            var (number, _, titleEnd, title) = found[i];
            var end = i + 1 < found.Count ? found[i + 1].Start : c.Length;
            var textStart = view.N(titleEnd);
            var textEnd = view.N(end);
            var body = textEnd > textStart ? view.Text[textStart..textEnd].Trim() : "";
            report.Sections.Add(new Section(number, title, body));
        }
    }

    private static (int Start, int TitleEnd, string Title)? FindHeading(string c, StatutorySections.SectionSchema section, int from)
    {
        (int Start, int TitleEnd, string Title)? best = null;
        var bestExactNumeral = false;
        foreach (var key in section.MatchKeys)
        {
            var at = from;
            while (at < c.Length)
            {
                var i = c.IndexOf(key, at, StringComparison.Ordinal);
                if (i < 0) break;
                at = i + 1;
                var numeral = NumeralBefore(c, i);
                if (numeral is null) continue;
                var exact = numeral.Value.Number == section.Number;
                var start = numeral.Value.Start;
                if (best is null || (exact && !bestExactNumeral) || (exact == bestExactNumeral && start < best.Value.Start))
                {
                    var titleEnd = i + key.Length;
                    // Heading wording varies ("存在主要问题及改进情况", "…提起行政诉讼情况"): the title runs
                    // on to the 情况 or 事项 that closes it, if that comes soon.
                    if (!Closers.Any(w => key.EndsWith(w, StringComparison.Ordinal)))
                    {
                        var window = c.Substring(titleEnd, Math.Min(16, c.Length - titleEnd));
                        var close = Closers.Select(w => window.IndexOf(w, StringComparison.Ordinal)).Where(x => x >= 0).DefaultIfEmpty(-1).Min();
                        if (close >= 0) titleEnd += close + 2;
                    }
                    var title = c[(numeral.Value.Start + numeral.Value.Length)..titleEnd];
                    best = (start, titleEnd, title);
                    bestExactNumeral = exact;
                }
                break;
            }
        }
        return best;
    }

    /// <summary>A heading numeral ("四、", "4.", "（四）" is not a section) within a few chars before the key.</summary>
    private static (int Number, int Start, int Length)? NumeralBefore(string c, int keyIndex)
    {
        for (var back = 1; back <= 20 && keyIndex - back >= 0; back++)
        {
            var p = keyIndex - back;
            var ch = c[p];
            if (ch is '、' or '.' or '．')
            {
                if (p == 0) return null;
                var n = ChineseNumerals.IndexOf(c[p - 1]);
                if (n >= 0 && n < 6 && (p < 2 || c[p - 2] is not '(' and not '（' and not '第')) return (n + 1, p - 1, 2);
                if (c[p - 1] is >= '1' and <= '6' && (p < 2 || !char.IsAsciiDigit(c[p - 2]))) return (c[p - 1] - '0', p - 1, 2);
                return null;
            }
            // Only heading words may stand between the numeral and the key (e.g. 政府信息公开 before 行政复议).
            if (ch < 0x3400) return null;
        }
        return null;
    }
}
