using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Rendering;

/// <summary>
/// The printed text of a statutory table inside a section's text. A report read from a document keeps
/// each section's text as printed, and sections 二–四 print their table in it; rendering that text and
/// then the table would print every table twice, so that reading the rendered file back finds two
/// tables. Table lines are told from narrative by their shape: cells split by tabs or pipes, lines of
/// numbers only, the table's own labels and headings (also broken over lines), a label followed by
/// numbers. What stands between the first and last table line is the table too, unless it is a
/// sentence. Narrative before and after the table is kept as it is.
/// </summary>
internal static class TableEcho
{
    // Header words the national tables print besides their row and column labels.
    private static readonly string[] HeaderWords =
    [
        "信息内容", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "社会组织", "法律服务机构", "其他",
        "总计", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉",
        "本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理",
    ];

    private static readonly string[] Anchors = ["勾稽关系", "第二十条第", "信息内容"];

    public static IReadOnlyList<string> Strip(IReadOnlyList<string> paragraphs, Report report, TableKind kind)
    {
        if (paragraphs.Count == 0 || TemplateSchema.For(report.Template) is not { } template) return paragraphs;
        var schema = kind switch
        {
            TableKind.ActiveDisclosure => template.ActiveDisclosure,
            TableKind.Applications => template.Applications,
            _ => template.ReviewsAndLawsuits,
        };
        var vocabulary = Vocabulary(schema);
        var keys = schema.Rows.SelectMany(r => r.MatchKeys).Concat(schema.Rows.Select(r => Core(r.PrintedLabel))).Where(k => k.Length >= 2).ToArray();
        var isTable = paragraphs.Select(p => IsTableLine(p, vocabulary, keys)).ToArray();
        var first = Array.IndexOf(isTable, true);
        if (first < 0) return paragraphs;
        var last = Array.LastIndexOf(isTable, true);
        var kept = new List<string>();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (isTable[i]) continue;
            if (i > first && i < last && !IsSentence(paragraphs[i])) continue;
            kept.Add(paragraphs[i]);
        }
        return kept;
    }

    private static bool IsTableLine(string line, IReadOnlyList<string> vocabulary, IReadOnlyList<string> keys)
    {
        var trimmed = line.Trim();
        if (trimmed.Contains('\t') || trimmed.StartsWith('|')) return true;
        if (trimmed.All(ch => char.IsAsciiDigit(ch) || char.IsWhiteSpace(ch) || ch is '.' or ',' or '-' or '/' or '—' or '–' or '无')) return true;
        if (Anchors.Any(a => trimmed.Contains(a, StringComparison.Ordinal))) return true;
        if (IsSentence(trimmed)) return false;
        var core = Core(trimmed);
        // A label or heading, or a piece of one broken over lines ("公开" of 不予公开), or several
        // of them run together ("行政复议行政诉讼", "结果结果其他尚未" from a header wrapped in its cells).
        if (core.Length > 0 && vocabulary.Any(v => v.Contains(core, StringComparison.Ordinal))) return true;
        if (core.Length >= 4 && IsHeaderPieces(core, vocabulary)) return true;
        // A row printed with its numbers ("1.属于国家秘密 0 0 0 0 0 0 0").
        return trimmed.Any(char.IsAsciiDigit) && keys.Any(k => core.Contains(k, StringComparison.Ordinal));
    }

    /// <summary>The words are all labels or the starts and ends of labels, two characters or more each.</summary>
    private static bool IsHeaderPieces(string core, IReadOnlyList<string> vocabulary)
    {
        var reach = new bool[core.Length + 1];
        reach[0] = true;
        for (var i = 2; i <= core.Length; i++)
            for (var j = i - 2; j >= 0 && !reach[i]; j--)
            {
                if (!reach[j]) continue;
                var piece = core[j..i];
                reach[i] = vocabulary.Any(v => v.StartsWith(piece, StringComparison.Ordinal) || v.EndsWith(piece, StringComparison.Ordinal));
            }
        return reach[core.Length];
    }

    private static bool IsSentence(string line) => line.IndexOfAny(['。', '；', '！', '？']) >= 0;

    /// <summary>The words of a line: CJK characters only, without the item numbering before them.</summary>
    private static string Core(string text)
    {
        var chars = text.Where(ch => ch >= 0x3400).ToArray();
        var s = new string(chars);
        var numerals = "一二三四五六七八九十";
        if (s.Length > 1 && numerals.Contains(s[0]) && text.TrimStart().Length > 1 && text.TrimStart()[1] is '、' or '）' or ')')
            s = s[1..];
        return s;
    }

    private static List<string> Vocabulary(TableSchema schema) =>
        schema.Rows.SelectMany(r => new[] { Core(r.PrintedLabel), r.Group is { } g ? Core(g) : "" }
                .Concat(r.Fields.Select(f => Core(f.PrintedLabel))))
            .Concat(HeaderWords)
            .Where(v => v.Length > 0)
            .Distinct()
            .ToList();
}
