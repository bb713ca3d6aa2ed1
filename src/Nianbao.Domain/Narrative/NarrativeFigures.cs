using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nianbao.Domain.Narrative;

/// <summary>What a figure stated in the narrative counts, and the table number it should agree with.</summary>
public enum NarrativeMeasure
{
    /// <summary>Applications received ("共收到申请75件", "受理申请17件", "未收到…申请" = 0) → table 三 一 总计.</summary>
    Received,
    /// <summary>Applications handled ("办结69件") → table 三 （七）总计 总计.</summary>
    Handled,
    /// <summary>Carried forward to next year ("1件结转下年度继续办理") → table 三 四 总计.</summary>
    CarriedForward,
    /// <summary>Carried over from last year ("上年结转…2件") → table 三 二 总计.</summary>
    CarriedOver,
    /// <summary>Administrative reviews ("行政复议2件", "未发生…行政复议" = 0) → table 四 行政复议 总计.</summary>
    Reviews,
    /// <summary>Lawsuits ("行政诉讼0件") → table 四 both 行政诉讼 总计 added.</summary>
    Lawsuits,
}

/// <summary>
/// One figure the narrative states. <paramref name="Start"/>/<paramref name="Length"/> locate the
/// matched phrase in the text given to <see cref="NarrativeFigures.Extract"/>; <paramref name="Phrase"/>
/// and <paramref name="Sentence"/> are that phrase and its sentence with line breaks and spaces
/// taken out. <paramref name="Keyword"/> is the verb that introduced it (收到, 受理, 新收, 办结…);
/// <paramref name="StatedYear"/> the year the sentence names before the figure, if any.
/// </summary>
public sealed record NarrativeFigure(
    NarrativeMeasure Measure, int Value, string Phrase, string Sentence, string Keyword, int Start, int Length, int? StatedYear);

/// <summary>
/// Finds the figures a report's narrative states about applications, reviews and lawsuits, so they
/// can be held against the tables (T3-7, T4-3) or used to choose between readings of a table.
/// Deliberately narrow: only phrasings whose meaning is unambiguous, an exact number directly before
/// 件 (not "70余件", not "约70件", not "件次"), nothing in a sentence about last year. A figure
/// the recognizer misses costs nothing; a figure it invents would be a false accusation.
/// </summary>
public static partial class NarrativeFigures
{
    private const string Num = @"(?<n>(?<![\d.,]|\d )\d{1,3}(?:,\d{3})+(?![\d.])|(?<![\d.,]|\d )\d+(?![\d.,])|(?<![零〇一二两三四五六七八九十])[零〇一二两三四五六七八九十]{1,3})";

    /// <summary>
    /// A short stretch inside one clause that does not change what is being counted: up to N characters
    /// that are no clause mark, digit or 件 and do not begin one of the excluded words.
    /// <c>(?:(?!EXCLUDED)[^…]){0,N}?</c>, written out per use so the expressions are constants.
    /// </summary>
    private const string GapChars = @"[^，。；;,、!！?？：:\d件]";

    private const string NotAboutApplications = "复议|诉讼|咨询|投诉|举报|信访|结转|办结|答复|依申请公开的";
    private const string Quantifier = "(?:共计|共|合计|总计|累计|为)?";

    private const string ReceivedAfterVerb = $@"(?<![不未予])(?<k>收到|受理|新收)(?:(?!{NotAboutApplications}){GapChars}){{0,15}}?申请{Quantifier}{Num}件(?!次)";
    private const string ReceivedBeforeApplication = $@"(?<![不未予])(?<k>收到|受理|新收)(?:了|各类)?{Num}件(?:政府信息公开|信息公开|依申请公开)?申请";
    private const string NoneReceived = $@"(?<k>未收到|没有收到)(?:(?!{NotAboutApplications}){GapChars}){{0,15}}?申请(?![人书表])";
    private const string HandledCount = $@"(?<![未不])(?<k>办结)(?:(?!结转|上年|复议|诉讼|率){GapChars}){{0,12}}?{Quantifier}{Num}件(?!次)";
    private const string CarriedForwardAfter = $@"(?<k>结转|顺延)(?:至|到)?下一?年度?(?:(?!复议|诉讼){GapChars}){{0,10}}?{Num}件";
    private const string CarriedForwardBefore = $@"{Num}件(?:(?!复议|诉讼|办结|收到|受理){GapChars}){{0,8}}?(?<k>结转|顺延)(?:至|到)?下一?年度?";
    private const string CarriedOverCount = $@"(?<k>上一?年度?结转)(?:(?!复议|诉讼|下年|下一年){GapChars}){{0,12}}?{Num}件";
    private const string ReviewsCount = $@"(?<k>行政复议)(?:案件|申请)?{Quantifier}{Num}件(?!次)";
    private const string LawsuitsCount = $@"(?<k>行政诉讼)(?:案件)?{Quantifier}{Num}件(?!次)";
    private const string NoReviews = $@"(?<k>未发生|未出现|没有发生|未收到|未有|无(?!论))(?:(?!纠错|纠正|败诉|撤销|诉讼){GapChars}){{0,20}}?行政复议(?=[、和及与或]|案件|情况|申请|的情况|$)";
    private const string NoReviewsOrLawsuits = $@"(?<k>未发生|未出现|没有发生|未收到|未有|无(?!论))(?:(?!纠错|纠正|败诉|撤销){GapChars}){{0,20}}?行政复议[、和及与或](?:提起|被提起)?行政诉讼";
    private const string NoLawsuits = $@"(?<k>未发生|未出现|没有发生|未有|无(?!论))(?:(?!纠错|纠正|败诉|撤销|复议){GapChars}){{0,20}}?行政诉讼(?=案件|情况|的情况|[，。；]|$)";

    // Source-generated, not RegexOptions.Compiled: compiling fourteen expressions to IL at start-up
    // and jitting them cost a one-file command a noticeable share of its CPU (docs/performance.md).
    [GeneratedRegex(ReceivedAfterVerb, RegexOptions.CultureInvariant)] private static partial Regex ReceivedAfterVerbRx();
    [GeneratedRegex(ReceivedBeforeApplication, RegexOptions.CultureInvariant)] private static partial Regex ReceivedBeforeApplicationRx();
    [GeneratedRegex(NoneReceived, RegexOptions.CultureInvariant)] private static partial Regex NoneReceivedRx();
    [GeneratedRegex(HandledCount, RegexOptions.CultureInvariant)] private static partial Regex HandledCountRx();
    [GeneratedRegex(CarriedForwardAfter, RegexOptions.CultureInvariant)] private static partial Regex CarriedForwardAfterRx();
    [GeneratedRegex(CarriedForwardBefore, RegexOptions.CultureInvariant)] private static partial Regex CarriedForwardBeforeRx();
    [GeneratedRegex(CarriedOverCount, RegexOptions.CultureInvariant)] private static partial Regex CarriedOverCountRx();
    [GeneratedRegex(ReviewsCount, RegexOptions.CultureInvariant)] private static partial Regex ReviewsCountRx();
    [GeneratedRegex(LawsuitsCount, RegexOptions.CultureInvariant)] private static partial Regex LawsuitsCountRx();
    [GeneratedRegex(NoReviews, RegexOptions.CultureInvariant)] private static partial Regex NoReviewsRx();
    [GeneratedRegex(NoReviewsOrLawsuits, RegexOptions.CultureInvariant)] private static partial Regex NoReviewsOrLawsuitsRx();
    [GeneratedRegex(NoLawsuits, RegexOptions.CultureInvariant)] private static partial Regex NoLawsuitsRx();
    [GeneratedRegex(@"(?<!\d)(20\d{2}|19\d{2})年(?!\d{1,2}月\d{1,2}日至)", RegexOptions.CultureInvariant)] private static partial Regex YearBeforeRx();
    [GeneratedRegex("上一?年(?!度?结转)|去年|前年|同比|较", RegexOptions.CultureInvariant)] private static partial Regex AboutLastYearRx();

    // Each pattern names the words it cannot match without (its verbs; 件 for a stated number): a
    // section lacking them is skipped without running the expression.
    private static readonly (NarrativeMeasure Measure, Regex Pattern, bool Zero, string[] Cues)[] Patterns =
    [
        (NarrativeMeasure.Received, ReceivedAfterVerbRx(), false, ["收到", "受理", "新收"]),
        (NarrativeMeasure.Received, ReceivedBeforeApplicationRx(), false, ["收到", "受理", "新收"]),
        (NarrativeMeasure.Received, NoneReceivedRx(), true, ["收到"]),
        (NarrativeMeasure.Handled, HandledCountRx(), false, ["办结"]),
        (NarrativeMeasure.CarriedForward, CarriedForwardAfterRx(), false, ["结转", "顺延"]),
        (NarrativeMeasure.CarriedForward, CarriedForwardBeforeRx(), false, ["结转", "顺延"]),
        (NarrativeMeasure.CarriedOver, CarriedOverCountRx(), false, ["结转"]),
        (NarrativeMeasure.Reviews, ReviewsCountRx(), false, ["行政复议"]),
        (NarrativeMeasure.Lawsuits, LawsuitsCountRx(), false, ["行政诉讼"]),
        (NarrativeMeasure.Reviews, NoReviewsRx(), true, ["行政复议"]),
        (NarrativeMeasure.Lawsuits, NoReviewsOrLawsuitsRx(), true, ["行政诉讼"]),
        (NarrativeMeasure.Lawsuits, NoLawsuitsRx(), true, ["行政诉讼"]),
    ];

    private static readonly Regex YearBefore = YearBeforeRx();
    private static readonly Regex AboutLastYear = AboutLastYearRx();

    public static IReadOnlyList<NarrativeFigure> Extract(string text)
    {
        var (compact, map) = Compact(text);
        var found = new List<NarrativeFigure>();
        var seen = new HashSet<(NarrativeMeasure, int)>();
        var hasJian = compact.Contains('件');
        foreach (var (measure, pattern, zero, cues) in Patterns)
        {
            if (!zero && !hasJian || !cues.Any(c => compact.Contains(c, StringComparison.Ordinal))) continue;
            foreach (Match m in pattern.Matches(compact))
            {
                int value;
                if (zero) value = 0;
                else if (ParseNumber(m.Groups["n"].Value) is { } v) value = v;
                else continue;

                var sentenceStart = SentenceStart(compact, m.Index);
                var before = compact[sentenceStart..m.Index];
                var clauseBefore = before[(before.LastIndexOfAny(['，', ',']) + 1)..];
                if (AboutLastYear.IsMatch(clauseBefore.Length > 8 ? clauseBefore[^8..] : clauseBefore)) continue;
                // One figure per number and measure: "受理…申请" and "收到…件申请" may both reach it.
                var anchor = zero ? m.Index : m.Groups["n"].Index;
                if (!seen.Add((measure, anchor))) continue;

                var years = YearBefore.Matches(before);
                int? year = years.Count > 0 ? int.Parse(years[^1].Groups[1].Value, CultureInfo.InvariantCulture) : null;
                var start = map[m.Index];
                var end = map[m.Index + m.Length - 1] + 1;
                found.Add(new NarrativeFigure(measure, value, m.Value, Sentence(compact, sentenceStart, m.Index + m.Length),
                    m.Groups["k"].Value, start, end - start, year));
            }
        }
        return found.OrderBy(f => f.Start).ToList();
    }

    /// <summary>"二十三" → 23; plain digits with optional thousands commas; null for anything else.</summary>
    public static int? ParseNumber(string text)
    {
        if (text.Length == 0) return null;
        if (char.IsAsciiDigit(text[0]))
            return int.TryParse(text.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var ten = text.IndexOf('十');
        if (ten < 0) return text.Length == 1 ? Digit(text[0]) : null;
        if (text.LastIndexOf('十') != ten || ten > 1) return null;
        var tens = ten == 0 ? 1 : Digit(text[0]) ?? 0;
        if (tens == 0) return null;
        var rest = text[(ten + 1)..];
        if (rest.Length == 0) return tens * 10;
        return rest.Length == 1 && Digit(rest[0]) is int unit and > 0 ? tens * 10 + unit : null;
    }

    private static int? Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => null,
    };

    /// <summary>
    /// Takes out whitespace (PDF text breaks lines mid-phrase: "答\n复 3050 件"), except a space
    /// between two digits, which is kept so that "12 34件" never becomes 1234. Full-width digits
    /// become ASCII. Returns the compact text and, for each of its characters, the index in the input.
    /// </summary>
    private static (string Text, int[] Map) Compact(string text)
    {
        // Runs for every section of every report: plain buffers, not a builder and a growing list.
        var buffer = new char[text.Length];
        var map = new int[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '０' and <= '９') c = (char)('0' + (c - '０'));
            if (char.IsWhiteSpace(c))
            {
                var next = i + 1;
                while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
                if (n > 0 && char.IsAsciiDigit(buffer[n - 1]) && next < text.Length && (char.IsAsciiDigit(text[next]) || text[next] is >= '０' and <= '９'))
                {
                    buffer[n] = ' ';
                    map[n++] = i;
                }
                i = next - 1;
                continue;
            }
            buffer[n] = c;
            map[n++] = i;
        }
        return (new string(buffer, 0, n), map);
    }

    private static int SentenceStart(string text, int index)
    {
        var i = text.LastIndexOfAny(['。', '；', ';', '！', '？', '\n'], Math.Max(0, index - 1));
        return i < 0 || index == 0 ? 0 : i + 1;
    }

    /// <summary>The sentence around a match, up to its end mark, shortened to stay readable in a message.</summary>
    private static string Sentence(string text, int start, int matchEnd)
    {
        var end = text.IndexOfAny(['。', '；', ';', '！', '？'], matchEnd);
        end = end < 0 ? text.Length : end + 1;
        if (matchEnd - start > 60) start = Math.Max(start, matchEnd - 60);
        if (end - matchEnd > 30) end = matchEnd + 30;
        return text[start..end];
    }
}
