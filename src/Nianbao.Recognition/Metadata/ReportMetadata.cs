using System.Globalization;
using System.Text.RegularExpressions;
using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Recognition.Metadata;

/// <summary>
/// Agency, reporting year and publication date. The reporting year is the year the data covers —
/// taken from the title and the statistics period, never from the publication date.
/// </summary>
public static partial class ReportMetadata
{
    // "大寨乡2022年政府信息公开工作年度报告", "平潭综合实验区2021年度政府信息公开工作年度报告"
    [GeneratedRegex(@"^(?:标题[:：]?|题目[:：]?)?(?<agency>[\p{IsCJKUnifiedIdeographs}（）()·]{2,40}?)(?<year>(19|20)\d\d)年度?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告")]
    private static partial Regex AgencyThenYear();

    // "2024年上海市科委政府信息公开工作年度报告"
    [GeneratedRegex(@"^(?:标题[:：]?|题目[:：]?)?(?<year>(19|20)\d\d)年度?(?<agency>[\p{IsCJKUnifiedIdeographs}（）()·]{2,40}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?报告")]
    private static partial Regex YearThenAgency();

    [GeneratedRegex(@"(?<year>(19|20)\d\d)年1月1日(?:起)?至(?:(?<year2>(19|20)\d\d)年)?12月31日")]
    private static partial Regex StatisticsPeriod();

    [GeneratedRegex(@"(?:发布机构|发文机关|发布单位)[ \t]*[:：]?\s*(?<agency>[\p{IsCJKUnifiedIdeographs}（）()]{2,40})")]
    private static partial Regex PublisherField();

    [GeneratedRegex(@"(?:发布日期|发布时间|成文日期|发文日期|公开日期)[:：]?(?<y>(19|20)\d\d)[-年/.](?<m>\d{1,2})[-月/.](?<d>\d{1,2})")]
    private static partial Regex PublishedField();

    [GeneratedRegex(@"(?<y>(19|20)\d\d)年(?<m>\d{1,2})月(?<d>\d{1,2})日")]
    private static partial Regex ChineseDate();

    // "2024年政府信息公开工作年度报告" has no agency: 政府 there belongs to 政府信息公开.
    private static readonly HashSet<string> NotAnAgency = ["政府", "政务", "本机关", "本单位", "我单位", "年度", "工作"];

    // Words a title match may drag in before the agency name.
    private static readonly string[] LeadingNoise = ["标题", "正文", "首页", "当前位置", "索引号", "附件"];

    public static void Recognize(DocumentView view, ReportDraft report)
    {
        var compact = view.Compact.Value;
        var head = compact.Length > 4000 ? compact[..4000] : compact;

        var title = FindTitle(CompactLines(view.Text, 120));
        var period = StatisticsPeriod().Match(compact);
        var periodYear = period.Success ? int.Parse(period.Groups["year"].Value, CultureInfo.InvariantCulture) : (int?)null;
        report.Year = title?.Year ?? periodYear;
        if (title is { } t && periodYear is { } p && t.Year != p)
            report.Note(new Finding(Rules.YearConsistency, Severity.Error,
                $"the title says {t.Year} but the statistics period is {p}年1月1日至12月31日"));

        var normalizedHead = view.Text.Length > 6000 ? view.Text[..6000] : view.Text;
        var publisher = PublisherField().Match(normalizedHead);
        var publisherName = publisher.Success ? Clean(publisher.Groups["agency"].Value) : null;
        // The publisher field names the body exactly; a title often shortens it (大寨乡 for 大寨乡人民政府).
        report.Agency = publisherName is { Length: >= 2 } && (title is null || publisherName.StartsWith(title.Value.Agency, StringComparison.Ordinal))
            ? publisherName
            : title?.Agency ?? publisherName;

        report.PublishedOn = FindPublished(compact, head, report.Year);
    }

    /// <summary>
    /// The title line: searched line by line (a title may wrap onto a second line), so words of the
    /// line before — a section heading, page furniture — never become part of the agency.
    /// </summary>
    private static (string Agency, int Year)? FindTitle(IReadOnlyList<string> lines)
    {
        // One-line titles first: joining lines is only for a title that wraps.
        var candidates = lines.Select(l => l).Concat(lines.Zip(lines.Skip(1), (a, b) => a + b));
        foreach (var candidate in candidates)
        {
            {
                foreach (var regex in new[] { AgencyThenYear(), YearThenAgency() })
                {
                    var m = regex.Match(candidate);
                    if (!m.Success) continue;
                    var agency = Clean(m.Groups["agency"].Value);
                    if (agency.Length < 2 || NotAnAgency.Contains(agency)) continue;
                    return (agency, int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture));
                }
            }
        }
        return null;
    }

    /// <summary>The first non-empty lines without whitespace and Markdown marks; only the head of the text is walked.</summary>
    private static List<string> CompactLines(string text, int maxLines)
    {
        var lines = new List<string>();
        var buffer = new System.Text.StringBuilder();
        for (var start = 0; start <= text.Length && lines.Count < maxLines;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            buffer.Clear();
            foreach (var ch in text.AsSpan(start, end - start))
                if (!char.IsWhiteSpace(ch) && ch != '#' && ch != '|') buffer.Append(ch);
            if (buffer.Length > 0) lines.Add(buffer.ToString());
            start = end + 1;
        }
        return lines;
    }

    private static string Clean(string agency)
    {
        foreach (var noise in LeadingNoise)
        {
            var i = agency.LastIndexOf(noise, StringComparison.Ordinal);
            if (i >= 0) agency = agency[(i + noise.Length)..];
        }
        return agency.Trim('（', '）', '(', ')', '·');
    }

    private static DateOnly? FindPublished(string compact, string head, int? year)
    {
        var field = PublishedField().Match(head);
        if (field.Success && TryDate(field.Groups["y"].Value, field.Groups["m"].Value, field.Groups["d"].Value) is { } d) return d;
        // A signature date at the end of the report ("2023年1月20日"), in the year after the report year.
        var tail = compact.Length > 600 ? compact[^600..] : compact;
        foreach (var m in ChineseDate().Matches(tail).Reverse())
        {
            if (TryDate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } date && (year is null || date.Year == year + 1))
                return date;
        }
        return null;
    }

    private static DateOnly? TryDate(string y, string m, string d)
    {
        if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yy) || !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var mm)
            || !int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var dd)) return null;
        if (mm is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(yy, mm)) return null;
        return new DateOnly(yy, mm, dd);
    }
}
