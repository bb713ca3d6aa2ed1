namespace Nianbao.Harvesting;

/// <summary>How one URL seen during a harvest ended. Every URL seen gets exactly one.</summary>
public enum HarvestOutcome
{
    /// <summary>A report, handed to the sink and imported.</summary>
    Imported,
    /// <summary>A report the sink already holds (same content).</summary>
    AlreadyPresent,
    /// <summary>Not downloaded again or the same bytes as last time: nothing to do.</summary>
    Unchanged,
    /// <summary>An entry whose title names no annual report, or a document that holds none.</summary>
    NotAReport,
    /// <summary>A list page (report column or disclosure index) that was walked.</summary>
    ListPage,
    /// <summary>An article that only announces a report attached to it; the attachments carry their own outcomes.</summary>
    CoverNote,
    /// <summary>Redirected; the target has its own outcome.</summary>
    Moved,
    SkippedByRobots,
    /// <summary>On a host the user did not start from and did not allow.</summary>
    SkippedOtherHost,
    /// <summary>Not http(s).</summary>
    SkippedScheme,
    /// <summary>The entry's title names a year before <c>--since</c>.</summary>
    SkippedBeforeSince,
    /// <summary>A list page beyond <c>--max-pages</c>.</summary>
    SkippedPageLimit,
    Failed,
}

public static class HarvestOutcomes
{
    /// <summary>The label users read in the closing tally and the logs.</summary>
    public static string Label(this HarvestOutcome outcome) => outcome switch
    {
        HarvestOutcome.Imported => "已导入年报",
        HarvestOutcome.AlreadyPresent => "年报已存在",
        HarvestOutcome.Unchanged => "未变化（上次已处理）",
        HarvestOutcome.NotAReport => "不是年报",
        HarvestOutcome.ListPage => "列表页",
        HarvestOutcome.CoverNote => "说明页（年报在附件中）",
        HarvestOutcome.Moved => "已转址",
        HarvestOutcome.SkippedByRobots => "robots.txt 禁止抓取",
        HarvestOutcome.SkippedOtherHost => "其他网站（未抓取）",
        HarvestOutcome.SkippedScheme => "非 http(s) 链接",
        HarvestOutcome.SkippedBeforeSince => "早于 --since 年份",
        HarvestOutcome.SkippedPageLimit => "超出 --max-pages",
        HarvestOutcome.Failed => "失败",
        _ => outcome.ToString(),
    };

    /// <summary>The stable name stored in state files and shown in JSON (snake case).</summary>
    public static string Code(this HarvestOutcome outcome) => outcome switch
    {
        HarvestOutcome.Imported => "imported",
        HarvestOutcome.AlreadyPresent => "already_present",
        HarvestOutcome.Unchanged => "unchanged",
        HarvestOutcome.NotAReport => "not_a_report",
        HarvestOutcome.ListPage => "list_page",
        HarvestOutcome.CoverNote => "cover_note",
        HarvestOutcome.Moved => "moved",
        HarvestOutcome.SkippedByRobots => "skipped_robots",
        HarvestOutcome.SkippedOtherHost => "skipped_other_host",
        HarvestOutcome.SkippedScheme => "skipped_scheme",
        HarvestOutcome.SkippedBeforeSince => "skipped_before_since",
        HarvestOutcome.SkippedPageLimit => "skipped_page_limit",
        HarvestOutcome.Failed => "failed",
        _ => outcome.ToString(),
    };

    public static HarvestOutcome Parse(string code) =>
        Enum.GetValues<HarvestOutcome>().FirstOrDefault(o => o.Code() == code, HarvestOutcome.Failed);
}

/// <summary>What a URL is to the harvest: how it was found decides how it is read.</summary>
public enum LinkRole
{
    /// <summary>A URL the user gave: a column, a disclosure index, an article or a document.</summary>
    Start,
    /// <summary>A list page of a column (a further page, or a column found on an index page).</summary>
    ListPage,
    /// <summary>An entry of a column whose title names an annual report.</summary>
    Entry,
    /// <summary>A file attached to an entry (or linked straight from the column).</summary>
    Attachment,
}

/// <summary>A link found on a page, kept in the state so a page answered 304 still yields its links.</summary>
/// <param name="Column">The first list page of the column it belongs to (for <c>--max-pages</c>).</param>
/// <param name="Page">For an attachment: the article page it is attached to.</param>
public sealed record FoundLink(string Url, LinkRole Role, string? Title = null, int? Year = null, string? Column = null, string? Page = null);

/// <summary>The end of one URL in one harvest.</summary>
public sealed record UrlOutcome(string Url, HarvestOutcome Outcome, string? Detail, LinkRole Role, string? Title, string? Referrer);
