using AngleSharp.Dom;

namespace Nianbao.Harvesting.Pages;

/// <summary>What an article page holds.</summary>
/// <param name="BodyHoldsReport">The article's main content is the report itself (its sections are there).</param>
/// <param name="Attachments">Files linked from the article (its body, or an attachment list outside the site's navigation).</param>
/// <param name="Images">Images in the body, for a report published as scanned pages and nothing else.</param>
public sealed record ArticleContent(string? Title, int BodyLength, bool BodyHoldsReport, IReadOnlyList<PageLink> Attachments, IReadOnlyList<Uri> Images);

/// <summary>
/// Reads an entry's article page: finds the main content (the CMS's content container when it has a
/// known name, else the block with the most text that is not link text), tells whether that content
/// is the report or a cover note, and lists the attached files.
/// </summary>
public static class ArticleReader
{
    /// <summary>The content containers of common government CMS templates (TRS, 大汉, 拓尔思, 开普云…).</summary>
    private static readonly string[] ContentSelectors =
    [
        "#zoom", ".TRS_Editor", ".TRS_UEDITOR", ".trs_editor_view", "#UCAP-CONTENT", ".view.TRS_UEDITOR", ".article-content", ".article_content",
        ".articleContent", ".content-text", ".pages_content", ".news_content", ".xxgk_content", "#content", ".zw", "#zw", "article", "main",
    ];

    /// <summary>Headings of the six sections of a report (国办公开办函〔2021〕30号 and the 2019 format): three or more means the report is here.</summary>
    private static readonly string[] SectionMarkers =
    [
        "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议", "存在的主要问题", "其他需要报告的事项",
    ];

    public static ArticleContent Read(string html, Uri pageUrl)
    {
        var document = PageParts.Parse(html);
        foreach (var noise in document.QuerySelectorAll("script, style, noscript, template").ToList()) noise.Remove();
        var body = MainContent(document);
        var bodyText = body?.TextContent ?? "";
        var markers = SectionMarkers.Count(m => Squeeze(bodyText).Contains(m, StringComparison.Ordinal));

        var attachments = new List<PageLink>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (PageParts.Target(anchor, pageUrl) is not { } url) continue;
            var text = PageParts.Title(anchor);
            if (!PageParts.IsDocument(url, text)) continue;
            var inBody = body is not null && body.Contains(anchor);
            if (!inBody && PageParts.InFurniture(anchor)) continue;
            if (!attachments.Any(a => a.Url == url)) attachments.Add(new PageLink(url, text));
        }
        var images = new List<Uri>();
        if (body is not null)
            foreach (var image in body.QuerySelectorAll("img[src]"))
                if (Uri.TryCreate(pageUrl, image.GetAttribute("src"), out var src) && src.Scheme is "http" or "https" && !images.Contains(src))
                    images.Add(src);

        var title = document.QuerySelector("meta[name=ArticleTitle]")?.GetAttribute("content")
            ?? document.QuerySelector("h1")?.TextContent.Trim()
            ?? document.QuerySelector("title")?.TextContent.Trim();
        return new ArticleContent(title, Squeeze(bodyText).Length, markers >= 3, attachments, images);
    }

    private static IElement? MainContent(IDocument document)
    {
        foreach (var selector in ContentSelectors)
            if (document.QuerySelector(selector) is { } known && OwnText(known) >= 20)
                return known;
        // No known container: the block with the most text outside links — the innermost block that still
        // holds nearly all of it, so a page-wide wrapper (which also holds the navigation) is not taken.
        var blocks = document.Body?.QuerySelectorAll("div, td, section, article")
            .Where(e => !PageParts.InFurniture(e))
            .Select(e => (Element: e, Text: OwnText(e)))
            .ToList() ?? [];
        if (blocks.Count == 0) return document.Body;
        var most = blocks.Max(b => b.Text);
        return blocks.Where(b => b.Text >= most * 0.8).MaxBy(b => Depth(b.Element)).Element;
    }

    private static int Depth(IElement element)
    {
        var depth = 0;
        for (var e = element.ParentElement; e is not null; e = e.ParentElement) depth++;
        return depth;
    }

    /// <summary>Text that is not link text, without spaces: what a reader would read there.</summary>
    private static int OwnText(IElement element)
    {
        var all = Squeeze(element.TextContent).Length;
        var links = element.QuerySelectorAll("a").Sum(a => Squeeze(a.TextContent).Length);
        return all - links;
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
