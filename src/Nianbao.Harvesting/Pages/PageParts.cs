using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Nianbao.Harvesting.Pages;

/// <summary>A link as the page shows it: where it goes and its title (the longer of its text and its title attribute).</summary>
public sealed record PageLink(Uri Url, string Title);

/// <summary>What every page reader needs: parsing, link targets, the parts of a page that are navigation.</summary>
internal static partial class PageParts
{
    private static readonly HtmlParser Parser = new();

    /// <summary>File types that may hold a report: documents, spreadsheets and (scanned) images.</summary>
    public static readonly string[] DocumentExtensions =
        [".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff"];

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The absolute http(s) target of a link, without fragment; null for javascript:, mailto:, #.</summary>
    public static Uri? Target(IElement anchor, Uri baseUri)
    {
        var href = anchor.GetAttribute("href")?.Trim();
        if (string.IsNullOrEmpty(href) || href.StartsWith('#')) return null;
        if (!Uri.TryCreate(baseUri, href, out var url)) return null;
        if (url.Scheme is "javascript" or "mailto" or "tel" or "data") return null;
        return url.Fragment.Length > 0 ? new UriBuilder(url) { Fragment = "" }.Uri : url;
    }

    public static string Title(IElement anchor)
    {
        var text = Space().Replace(anchor.TextContent, " ").Trim();
        var title = Space().Replace(anchor.GetAttribute("title") ?? "", " ").Trim();
        // Columns cut long titles short ("…2023年政府信息公开工作年…") and keep the whole one in title="".
        return title.Length > text.Length ? title : text;
    }

    /// <summary>A link to a file that may hold a report, by the URL's extension or (download.jsp?id=…) the link text's.</summary>
    public static bool IsDocument(Uri url, string title) =>
        DocumentExtensions.Any(e => url.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase))
        || DocumentExtensions.Any(e => title.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static bool IsImage(Uri url) =>
        new[] { ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff" }.Any(e => url.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Inside the site's furniture: header, navigation, breadcrumbs, sidebars, footer, friendly links.
    /// Judged by the element names and by class/id words, as government CMS templates mark them.
    /// </summary>
    public static bool InFurniture(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "nav" or "header" or "footer" or "aside") return true;
            var words = Words().Split($"{e.ClassName} {e.Id}".ToLowerInvariant());
            if (words.Any(w => FurnitureWords.Contains(w))) return true;
        }
        return false;
    }

    private static readonly HashSet<string> FurnitureWords =
    [
        "nav", "navbar", "menu", "header", "head", "top", "topbar", "footer", "foot", "bottom", "banner", "breadcrumb", "crumb",
        "crumbs", "position", "location", "sidebar", "side", "friend", "friendlink", "links", "share", "copyright", "search",
    ];

    [GeneratedRegex(@"[\s_\-]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
