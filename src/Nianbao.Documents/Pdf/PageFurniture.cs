using System.Text.RegularExpressions;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// Finds running headers, footers and page numbers by position: lines in the top or bottom margin
/// band of a page, outside any ruled cell, that look like a page number ("-3-", "第 3 页", "3/6") or
/// that repeat (digits aside) at the same height on other pages. Found by position, never by the
/// exact wording, so a footer printed between two halves of a broken table never enters a row.
/// </summary>
internal static partial class PageFurniture
{
    private const double MarginBand = 0.1;

    [GeneratedRegex(@"^[-–—－_~·•.\[\(（【〔<《\s]*(第\s*)?\d{1,4}\s*(页)?\s*((/|／|of|共)\s*\d{1,4}\s*页?)?[-–—－_~·•.\]\)）】〕>》\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(page|p\.)\s*\d{1,4}(\s*(/|of)\s*\d{1,4})?$", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishPageNumber();

    public static bool LooksLikePageNumber(string text)
    {
        var t = text.Trim();
        return t.Length > 0 && (PageNumber().IsMatch(t) || EnglishPageNumber().IsMatch(t));
    }

    /// <summary>Removes furniture lines from every page (in place).</summary>
    public static void Remove(IReadOnlyList<PdfPageData> pages)
    {
        var candidates = new List<(PdfPageData Page, List<Glyph> Line, string Key, double Y)>();
        foreach (var page in pages)
        {
            foreach (var line in page.Lines)
            {
                var top = line.Max(g => g.Top);
                var bottom = line.Min(g => g.Bottom);
                var inTop = bottom >= page.Height * (1 - MarginBand);
                var inBottom = top <= page.Height * MarginBand;
                if (!inTop && !inBottom) continue;
                if (page.Rulings.FrameAround(line[0].Left, bottom, line[^1].Right, top) is not null) continue;
                var text = string.Concat(line.Select(g => g.Text));
                var key = Regex.Replace(text, @"\d+", "#");
                candidates.Add((page, line, key, inTop ? page.Height - top : bottom));
            }
        }
        var drop = new HashSet<List<Glyph>>(ReferenceEqualityComparer.Instance);
        foreach (var c in candidates)
        {
            if (LooksLikePageNumber(string.Concat(c.Line.Select(g => g.Text)))) { drop.Add(c.Line); continue; }
            var repeats = candidates.Count(o => o.Page != c.Page && o.Key == c.Key && Math.Abs(o.Y - c.Y) <= 0.03 * c.Page.Height);
            if (repeats >= 1 && repeats + 1 >= Math.Min(3, pages.Count)) drop.Add(c.Line);
        }
        foreach (var page in pages) page.Lines.RemoveAll(drop.Contains);
    }
}
