using System.Text.RegularExpressions;

namespace Nianbao.Harvesting.Pages;

/// <summary>What a list page offers: its entries, its further pages, and links to report columns.</summary>
/// <param name="Entries">Links in the page's content (not its navigation), each with its title.</param>
/// <param name="Pages">Further list pages of the same column.</param>
/// <param name="Columns">Links (anywhere, menus included) to a column of annual reports, as a disclosure index page has.</param>
public sealed record ListPageContent(string? PageTitle, IReadOnlyList<PageLink> Entries, IReadOnlyList<Uri> Pages, IReadOnlyList<PageLink> Columns);

/// <summary>
/// Reads a column's list page. Pagination comes in the shapes government CMSs print: "下一页"/"尾页"
/// links, numbered pages (<c>index_1.html</c>, <c>?page=2</c>), and the TRS script call
/// <c>createPageHTML(total, current, "index", "html")</c> that writes the links only in a browser.
/// </summary>
public static partial class ListPageReader
{
    private static readonly string[] PagingWords = ["下一页", "下页", "后页", "上一页", "上页", "前页", "尾页", "末页", "最后一页", ">", ">>", "›", "»", "<", "<<", "‹", "«"];

    public static ListPageContent Read(string html, Uri pageUrl)
    {
        var document = PageParts.Parse(html);
        var entries = new List<PageLink>();
        var pages = new List<Uri>();
        var columns = new List<PageLink>();
        var seen = new HashSet<Uri>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (PageParts.Target(anchor, pageUrl) is not { } url || url == pageUrl) continue;
            var title = PageParts.Title(anchor);
            if (!PageParts.InFurniture(anchor) && IsPaging(url, title, pageUrl))
            {
                if (!pages.Contains(url)) pages.Add(url);
                continue;
            }
            if (!PageParts.IsDocument(url, title) && AnnualReportTitles.IsReportColumn(title))
            {
                // A column of reports, not an entry: followed from a start page, never counted as "not a report".
                if (!columns.Any(c => c.Url == url)) columns.Add(new PageLink(url, title));
                continue;
            }
            if (PageParts.InFurniture(anchor)) continue;
            // "更多", "详情", "下载": not an entry; an entry's title has a few CJK characters at least.
            if (CjkCount(title) < 4 || !seen.Add(url)) continue;
            entries.Add(new PageLink(url, title));
        }
        foreach (Match call in CreatePageHtml().Matches(html))
        {
            var total = int.Parse(call.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var (name, extension) = (call.Groups[3].Value, call.Groups[4].Value);
            for (var i = 0; i < Math.Min(total, 10_000); i++)
            {
                var url = new Uri(pageUrl, i == 0 ? $"{name}.{extension}" : $"{name}_{i}.{extension}");
                if (url != pageUrl && !pages.Contains(url)) pages.Add(url);
            }
        }
        var pageTitle = document.QuerySelector("title")?.TextContent.Trim();
        return new ListPageContent(pageTitle, entries, pages, columns);
    }

    /// <summary>A link to another page of the same column: by its text, or by a numbered-page URL beside this one.</summary>
    private static bool IsPaging(Uri url, string title, Uri pageUrl)
    {
        // Pagination stays in the column's folder; a "首页" (home) link in the site header does not.
        if (!SameColumn(url, pageUrl)) return false;
        var text = title.Trim();
        if (PagingWords.Contains(text) || PageNumberText().IsMatch(text)) return true;
        return NumberedFile().IsMatch(url.AbsolutePath) || PageQuery().IsMatch(url.Query);
    }

    /// <summary>Same host and folder: index_2.html next to index.html, list?page=2 next to list.</summary>
    private static bool SameColumn(Uri url, Uri pageUrl) =>
        string.Equals(url.Authority, pageUrl.Authority, StringComparison.OrdinalIgnoreCase)
        && Folder(url.AbsolutePath) == Folder(pageUrl.AbsolutePath);

    private static string Folder(string path) => path[..(path.LastIndexOf('/') + 1)];

    private static int CjkCount(string text) => text.Count(c => c is >= '\u4e00' and <= '\u9fff');

    [GeneratedRegex(@"^\d{1,4}$|^第\s*\d+\s*页$")]
    private static partial Regex PageNumberText();

    [GeneratedRegex(@"/(index|list|default)_\d+\.s?html?$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedFile();

    [GeneratedRegex(@"[?&](page|pageNo|pageNum|pageIndex|curPage|currentPage|p)=\d+", RegexOptions.IgnoreCase)]
    private static partial Regex PageQuery();

    [GeneratedRegex(@"createPageHTML\(\s*['""]?(\d+)['""]?\s*,\s*['""]?(\d+)['""]?\s*,\s*['""]([\w\-]+)['""]\s*,\s*['""]([\w]+)['""]")]
    private static partial Regex CreatePageHtml();
}
