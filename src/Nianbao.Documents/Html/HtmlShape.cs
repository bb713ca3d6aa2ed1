using Nianbao.Documents.Limits;

namespace Nianbao.Documents.Html;

/// <summary>
/// A linear scan of the markup, before it is parsed: how many elements and table cells it opens and
/// how deeply its elements nest. The parser's tree-building (and any recursive walk of its tree) costs
/// far more on deep or huge markup, so such a page is refused here in one pass. The nesting counted is
/// the markup's own: elements whose end tag HTML lets authors omit (p, li, td, tr…) and void elements
/// are not counted as open, so a page of unclosed paragraphs is not mistaken for a deep one.
/// </summary>
internal static class HtmlShape
{
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
        // end tag may be omitted
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rp", "rtc", "html", "head", "body",
    };

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"];

    public static void Check(string html, ReadLimits limits)
    {
        var open = new List<string>();
        int elements = 0, cells = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            i++;
            if (i >= html.Length) break;
            var c = html[i];
            if (c == '!')
            {
                i = string.CompareOrdinal(html, i - 1, "<!--", 0, 4) == 0 ? End(html, "-->", i) : End(html, ">", i);
                continue;
            }
            var closing = c == '/';
            if (closing) i++;
            var nameStart = i;
            while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':' or '_') ) i++;
            if (i == nameStart || !char.IsAsciiLetter(html[nameStart])) continue;
            var name = html.Substring(nameStart, Math.Min(i - nameStart, 32)).ToLowerInvariant();
            var tagEnd = html.IndexOf('>', i);
            if (tagEnd < 0) break;
            var selfClosing = tagEnd > 0 && html[tagEnd - 1] == '/';
            i = tagEnd + 1;
            if (closing)
            {
                // Close the innermost element of that name, if it is open not too far up (misnesting is common).
                for (var k = open.Count - 1; k >= Math.Max(0, open.Count - 64); k--)
                    if (open[k] == name) { open.RemoveRange(k, open.Count - k); break; }
                continue;
            }
            if (++elements > limits.MaxHtmlElements)
                throw ReadLimitException.TooLarge($"网页元素超过 {limits.MaxHtmlElements} 个", $"more than {limits.MaxHtmlElements} HTML elements");
            if (name is "td" or "th" && ++cells > limits.MaxHtmlCells)
                throw ReadLimitException.TooLarge($"表格单元格超过 {limits.MaxHtmlCells} 个", $"more than {limits.MaxHtmlCells} table cells");
            if (Array.IndexOf(RawText, name) >= 0)
            {
                i = End(html, "</" + name, i);
                continue;
            }
            if (selfClosing || NotNesting.Contains(name)) continue;
            open.Add(name);
            if (open.Count > limits.MaxHtmlDepth)
                throw ReadLimitException.Malformed($"元素嵌套超过 {limits.MaxHtmlDepth} 层", $"elements nested more than {limits.MaxHtmlDepth} deep");
        }
    }

    private static int End(string html, string marker, int from)
    {
        var at = html.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html.Length : at + marker.Length;
    }
}
